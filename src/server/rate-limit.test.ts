import { beforeEach, describe, expect, it } from "vitest";
import { clear, hit, resetAllLimits } from "./rate-limit";

describe("rate limit", () => {
  beforeEach(() => resetAllLimits());

  it("allows max hits per window, then reports the wait in seconds", () => {
    const limit = { max: 3, windowMs: 10_000 };
    expect([hit("k", limit, 0), hit("k", limit, 1), hit("k", limit, 2)]).toEqual([0, 0, 0]);
    expect(hit("k", limit, 2_500)).toBe(8);
  });

  it("opens a new window once the old one ends", () => {
    const limit = { max: 1, windowMs: 1_000 };
    expect(hit("k", limit, 0)).toBe(0);
    expect(hit("k", limit, 500)).toBe(1);
    expect(hit("k", limit, 1_000)).toBe(0);
  });

  it("keeps keys apart and can clear one", () => {
    const limit = { max: 1, windowMs: 1_000 };
    hit("a", limit, 0);
    expect(hit("b", limit, 0)).toBe(0);
    clear("a");
    expect(hit("a", limit, 0)).toBe(0);
  });
});
