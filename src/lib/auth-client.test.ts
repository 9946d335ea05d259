import { describe, expect, it } from "vitest";
import { safeCallback } from "./auth-client";

describe("safeCallback", () => {
  it("keeps same-site paths", () => {
    expect(safeCallback("/home?lang=az")).toBe("/home?lang=az");
  });
  it("refuses other sites and protocol-relative URLs", () => {
    expect(safeCallback("https://evil.test/")).toBe("/home");
    expect(safeCallback("//evil.test")).toBe("/home");
    expect(safeCallback("/\\evil.test")).toBe("/home");
    expect(safeCallback(null)).toBe("/home");
  });
});
