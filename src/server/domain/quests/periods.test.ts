import { describe, expect, it } from "vitest";
import { addDays, endOfDay, isTimeZone, localDay, slotOf, startOfDay, streakPeriod, weekStart } from "./periods";

const hours = (a: Date, b: Date) => (b.getTime() - a.getTime()) / 3_600_000;

describe("local days", () => {
  it("starts days at local midnight in New York across both 2026 DST switches", () => {
    // Spring forward: Sunday 8 March 2026, 02:00 EST → 03:00 EDT. The day has 23 hours.
    expect(startOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-08T05:00:00.000Z");
    expect(endOfDay("2026-03-08", "America/New_York").toISOString()).toBe("2026-03-09T04:00:00.000Z");
    expect(hours(startOfDay("2026-03-08", "America/New_York"), endOfDay("2026-03-08", "America/New_York"))).toBe(23);
    // Fall back: Sunday 1 November 2026, 02:00 EDT → 01:00 EST. The day has 25 hours.
    expect(startOfDay("2026-11-01", "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(hours(startOfDay("2026-11-01", "America/New_York"), endOfDay("2026-11-01", "America/New_York"))).toBe(25);
  });

  it("puts instants around the New York switches on the right local day", () => {
    expect(localDay(new Date("2026-03-08T04:59:00Z"), "America/New_York")).toBe("2026-03-07");
    expect(localDay(new Date("2026-03-08T05:00:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(localDay(new Date("2026-03-09T03:59:00Z"), "America/New_York")).toBe("2026-03-08");
    expect(localDay(new Date("2026-03-09T04:00:00Z"), "America/New_York")).toBe("2026-03-09");
    // 01:30 happens twice on 1 November; both are still that day.
    expect(localDay(new Date("2026-11-01T05:30:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDay(new Date("2026-11-01T06:30:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDay(new Date("2026-11-02T04:59:00Z"), "America/New_York")).toBe("2026-11-01");
    expect(localDay(new Date("2026-11-02T05:00:00Z"), "America/New_York")).toBe("2026-11-02");
  });

  it("counts Baku (UTC+4) and Tbilisi (UTC+4, no DST) days", () => {
    expect(startOfDay("2026-06-15", "Asia/Baku").toISOString()).toBe("2026-06-14T20:00:00.000Z");
    expect(localDay(new Date("2026-06-14T19:59:59Z"), "Asia/Baku")).toBe("2026-06-14");
    expect(localDay(new Date("2026-06-14T20:00:00Z"), "Asia/Baku")).toBe("2026-06-15");
    expect(startOfDay("2026-03-29", "Asia/Tbilisi").toISOString()).toBe("2026-03-28T20:00:00.000Z");
    expect(hours(startOfDay("2026-03-29", "Asia/Tbilisi"), endOfDay("2026-03-29", "Asia/Tbilisi"))).toBe(24);
    expect(localDay(new Date("2026-12-31T20:30:00Z"), "Asia/Tbilisi")).toBe("2027-01-01");
  });

  it("finds the start of a day whose midnight does not exist", () => {
    // Santiago springs forward at 24:00 on 5 September 2026: the day begins at 01:00 local (04:00Z).
    const start = startOfDay("2026-09-06", "America/Santiago");
    expect(localDay(start, "America/Santiago")).toBe("2026-09-06");
    expect(localDay(new Date(start.getTime() - 60_000), "America/Santiago")).toBe("2026-09-05");
  });

  it("validates zone names", () => {
    expect(isTimeZone("Asia/Baku")).toBe(true);
    expect(isTimeZone("UTC")).toBe(true);
    expect(isTimeZone("Mars/Olympus")).toBe(false);
    expect(isTimeZone("'; drop table users; --")).toBe(false);
  });
});

describe("weeks and slots", () => {
  it("starts ISO weeks on Monday", () => {
    expect(weekStart("2026-11-24")).toBe("2026-11-23");
    expect(weekStart("2026-11-23")).toBe("2026-11-23");
    expect(weekStart("2026-11-29")).toBe("2026-11-23");
    expect(weekStart("2027-01-01")).toBe("2026-12-28");
  });

  it("gives daily, weekly, every-N and once slots", () => {
    expect(slotOf("daily", null, "2026-11-24", "2026-01-01")).toEqual({ key: "2026-11-24", lastDay: "2026-11-24" });
    expect(slotOf("times_per_week", 3, "2026-11-24", "2026-01-01")).toEqual({ key: "2026-11-24", lastDay: "2026-11-24" });
    expect(slotOf("weekly", null, "2026-11-26", "2026-01-01")).toEqual({ key: "w2026-11-23", lastDay: "2026-11-29" });
    expect(slotOf("every_n_days", 3, "2026-01-05", "2026-01-01")).toEqual({ key: "n1", lastDay: "2026-01-06" });
    expect(slotOf("once", null, "2026-01-05", "2026-01-01").key).toBe("once");
  });

  it("numbers streak periods consecutively", () => {
    expect(streakPeriod("daily", null, "2026-11-25", "x") - streakPeriod("daily", null, "2026-11-24", "x")).toBe(1);
    expect(streakPeriod("weekly", null, "2026-11-30", "x") - streakPeriod("weekly", null, "2026-11-29", "x")).toBe(1);
    expect(streakPeriod("times_per_week", 3, "2026-11-29", "x")).toBe(streakPeriod("times_per_week", 3, "2026-11-23", "x"));
    expect(streakPeriod("every_n_days", 2, addDays("2026-01-01", 4), "2026-01-01")).toBe(2);
  });
});
