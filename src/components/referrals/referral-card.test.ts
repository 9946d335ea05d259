import { describe, expect, it } from "vitest";
import { CARD_LIMITS, clamp, referralCard } from "./referral-card";
import type { LandingView } from "./types";

const view = (over: { brand?: string; handle?: string; welcome?: string } = {}): LandingView => ({
  code: "ABCD2345",
  brand: { slug: "demo", name: over.brand ?? "Demo Café" },
  inviter: { handle: over.handle ?? "rena", name: "Rena" },
  offer: { friendPoints: 100, referrerPoints: 200, qualifyingAction: "first_quest", welcomeText: over.welcome ?? "" },
});

const english = { invite: "@rena invited you", offer: "Join and get 100 points after your first quest" };

describe("clamp", () => {
  it("keeps text that fits and cuts longer text at a word boundary with an ellipsis", () => {
    expect(clamp("Demo Café", 40)).toBe("Demo Café");
    expect(clamp("The quick brown fox jumps over the lazy dog", 20)).toBe("The quick brown fox…");
  });

  it("cuts a name without spaces at the limit, counting letters rather than UTF-16 units", () => {
    const long = "Ş".repeat(60);
    expect(clamp(long, 40)).toBe(`${"Ş".repeat(39)}…`);
    expect([...clamp(long, 40)]).toHaveLength(40);
  });
});

describe("referralCard", () => {
  it("draws the inviter, the brand and the offer in the viewer's language when the font has its letters", () => {
    const tr = { invite: "@rena seni davet ediyor", offer: "Katıl, ilk görevinden sonra 100 puan kazan" };
    expect(referralCard(view({ welcome: "Hoş geldin!" }), tr, english)).toEqual({
      invite: "@rena seni davet ediyor",
      headline: "Demo Café",
      offer: "Katıl, ilk görevinden sonra 100 puan kazan",
      welcome: "Hoş geldin!",
    });
  });

  it("falls back to English labels for Georgian, and romanises a Georgian brand and welcome text", () => {
    const ka = { invite: "@rena გეპატიჟება", offer: "შემოგვიერთდი და მიიღე 100 ქულა" };
    const card = referralCard(view({ brand: "თბილისის ყავა", welcome: "მოგესალმებით" }), ka, english);
    expect(card).toEqual({
      invite: "@rena invited you",
      headline: "tbilisis qava",
      offer: "Join and get 100 points after your first quest",
      welcome: "mogesalmebit",
    });
  });

  it("keeps every line within the card for very long names, and drops what the font cannot draw", () => {
    const handle = "a".repeat(80);
    const card = referralCard(
      view({ brand: `Coffee ☕ ${"Lounge ".repeat(20)}`, handle, welcome: "x ".repeat(200) }),
      { invite: `@${handle} invited you`, offer: english.offer },
      english,
    );
    expect([...card.invite].length).toBeLessThanOrEqual(CARD_LIMITS.invite);
    expect(card.invite.endsWith("…")).toBe(true);
    expect(card.headline).toBe("Coffee Lounge Lounge Lounge Lounge…");
    expect([...card.headline].length).toBeLessThanOrEqual(CARD_LIMITS.headline);
    expect([...(card.welcome ?? "")].length).toBeLessThanOrEqual(CARD_LIMITS.welcome);
  });

  it("leaves out an empty welcome text", () => {
    expect(referralCard(view(), english, english).welcome).toBeNull();
  });
});
