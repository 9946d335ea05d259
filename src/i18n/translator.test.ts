import { describe, expect, it } from "vitest";
import { supportedLocale, translatorIn } from "./translator";

describe("translatorIn", () => {
  it("answers in the locale asked for, with values filled in", async () => {
    expect((await translatorIn("en", "sharePage"))("eyebrow", { handle: "leyla" })).toBe("@leyla invites you");
    expect((await translatorIn("ka", "sharePage"))("questsCompleted")).toBe("შესრულებული დავალებები");
  });

  it("falls back to English for a locale we do not have", () => {
    expect([supportedLocale("ka"), supportedLocale("fr"), supportedLocale("")]).toEqual(["ka", "en", "en"]);
  });
});
