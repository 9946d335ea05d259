import { describe, expect, it } from "vitest";
import { localeFromAcceptLanguage } from "./config";

describe("localeFromAcceptLanguage", () => {
  it("picks the highest-ranked supported language", () => {
    expect(localeFromAcceptLanguage("de-DE,tr;q=0.8,en;q=0.5")).toBe("tr");
    expect(localeFromAcceptLanguage("ka-GE")).toBe("ka");
    expect(localeFromAcceptLanguage("en;q=0.2, az;q=0.9")).toBe("az");
  });
  it("falls back to English", () => {
    expect(localeFromAcceptLanguage("fr,de")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
    expect(localeFromAcceptLanguage("az;q=0")).toBe("en");
  });
});
