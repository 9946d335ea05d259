import { describe, expect, it } from "vitest";
import { handleBase, handleCandidate } from "./handles";

describe("handleBase", () => {
  it("transliterates Azerbaijani and Turkish letters", () => {
    expect(handleBase("Aysel Məmmədova")).toBe("aysel_memmedova");
    expect(handleBase("Çağrı Öztürk")).toBe("cagri_ozturk");
  });
  it("romanises Georgian", () => {
    expect(handleBase("ნინო")).toBe("nino");
  });
  it("falls back to a member handle for short or symbol-only names", () => {
    expect(handleBase("!!")).toBe("member");
    expect(handleBase("Al")).toBe("member_al");
  });
  it("caps the length at 20 characters", () => {
    expect(handleBase("a".repeat(50))).toBe("a".repeat(20));
  });
});

describe("handleCandidate", () => {
  it("returns the base first and numbered variants after", () => {
    expect(handleCandidate("aysel", 0)).toBe("aysel");
    expect(handleCandidate("aysel", 1)).toMatch(/^aysel\d{2}$/);
    expect(handleCandidate("aysel", 6)).toMatch(/^aysel\d{4}$/);
  });
});
