import { describe, expect, it } from "vitest";
import { oneIn, shortHash } from "./format";

describe("oneIn", () => {
  it("reads odds as 1 in N: one decimal below ten, whole numbers above", () => {
    expect(oneIn(1)).toBe(1);
    expect(oneIn(0.5)).toBe(2);
    expect(oneIn(0.3)).toBe(3.3);
    expect(oneIn(0.15)).toBe(6.7);
    expect(oneIn(0.05)).toBe(20);
    expect(oneIn(0.003)).toBe(333);
    expect(oneIn(0)).toBe(0);
  });
});

describe("shortHash", () => {
  it("keeps the first and last eight characters of a long hash", () => {
    const hash = "7a33e344146b26ccaef050d2e2789dd3202eb35038268e26487c6f1ff46995a6";
    expect(shortHash(hash)).toBe("7a33e344…f46995a6");
    expect(shortHash("abcdef")).toBe("abcdef");
  });
});
