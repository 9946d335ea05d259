import { describe, expect, it } from "vitest";
import { decideTier, monthStart, multiply, qualifyingTier, type Tier, tierStatus } from "./tiers";

const TIERS: Tier[] = [
  { rank: 0, name: "Bronze", threshold: 0, multiplierBp: 100, perks: "" },
  { rank: 1, name: "Silver", threshold: 1000, multiplierBp: 130, perks: "" },
  { rank: 2, name: "Gold", threshold: 5000, multiplierBp: 160, perks: "" },
];
const now = new Date("2026-06-15T12:00:00Z");
const inDays = (d: number) => new Date(now.getTime() + d * 86_400_000);

describe("tiers", () => {
  it("qualifies exactly at the threshold", () => {
    expect(qualifyingTier(TIERS, 999).name).toBe("Bronze");
    expect(qualifyingTier(TIERS, 1000).name).toBe("Silver");
    expect(qualifyingTier(TIERS, 5000).name).toBe("Gold");
  });

  it("multiplies and rounds down", () => {
    expect(multiply(20, 130)).toBe(26);
    expect(multiply(15, 130)).toBe(19);
    expect(multiply(15, 160)).toBe(24);
  });

  it("promotes at once and starts a new qualification year", () => {
    const d = decideTier(TIERS, { rank: 0, tierSince: inDays(-10), qualifiedUntil: inDays(300) }, 1000, now);
    expect(d).toEqual({ rank: 1, tierSince: now, qualifiedUntil: inDays(365), changed: "promoted" });
  });

  it("never demotes before the qualification year ends", () => {
    const current = { rank: 2, tierSince: inDays(-200), qualifiedUntil: inDays(1) };
    expect(decideTier(TIERS, current, 10, now).changed).toBeNull();
    expect(decideTier(TIERS, current, 10, now).rank).toBe(2);
  });

  it("demotes at the end of the year to the tier the points still reach", () => {
    const d = decideTier(TIERS, { rank: 2, tierSince: inDays(-365), qualifiedUntil: now }, 1200, now);
    expect(d).toMatchObject({ rank: 1, changed: "demoted", qualifiedUntil: inDays(365) });
  });

  it("warns 30 days before a demotion, with the points needed to keep the tier", () => {
    const later = tierStatus(TIERS, { rank: 2, qualifiedUntil: inDays(31) }, 4200, now);
    expect(later.demotionWarning).toBeNull();
    const soon = tierStatus(TIERS, { rank: 2, qualifiedUntil: inDays(30) }, 4200, now);
    expect(soon.demotionWarning).toEqual({ to: TIERS[1], on: inDays(30), pointsToKeep: 800 });
  });

  it("tells how many points the next tier needs", () => {
    expect(tierStatus(TIERS, { rank: 0, qualifiedUntil: inDays(100) }, 250, now)).toMatchObject({ next: TIERS[1], pointsToNext: 750 });
    expect(tierStatus(TIERS, { rank: 2, qualifiedUntil: inDays(100) }, 9000, now)).toMatchObject({ next: null, pointsToNext: null });
  });

  it("names calendar months for the rolling window", () => {
    expect(monthStart(now)).toBe("2026-06-01");
    expect(monthStart(now, 11)).toBe("2025-07-01");
  });
});
