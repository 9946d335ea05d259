import { describe, expect, it } from "vitest";
import { computeStreak, freezeEvery, milestoneReached } from "./streaks";

function daily(done: number[], current: number) {
  return computeStreak({ counts: new Map(done.map((p) => [p, 1])), current, target: 1, freezeEvery: 7 });
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);

describe("daily streaks", () => {
  it("counts consecutive days and does not break on the day in progress", () => {
    expect(daily([1, 2, 3], 3)).toMatchObject({ current: 3, best: 3, freezes: 0, runStart: 1, done: 1 });
    expect(daily([1, 2, 3], 4)).toMatchObject({ current: 3, best: 3, done: 0 });
  });

  it("breaks on a missed day without a freeze", () => {
    expect(daily([1, 2, 3], 5)).toMatchObject({ current: 0, best: 3, runStart: null });
    expect(daily([1, 2, 3, 5, 6], 6)).toMatchObject({ current: 2, best: 3, runStart: 5 });
  });

  it("earns a freeze every 7 days, holds at most 2 and spends one on a missed day", () => {
    expect(daily(range(1, 7), 7)).toMatchObject({ current: 7, freezes: 1 });
    expect(daily(range(1, 14), 14)).toMatchObject({ current: 14, freezes: 2 });
    expect(daily(range(1, 21), 21)).toMatchObject({ current: 21, freezes: 2 });
    // Day 8 missed: the freeze covers it; the streak survives without growing.
    const frozen = daily([...range(1, 7), 9], 9);
    expect(frozen).toMatchObject({ current: 8, freezes: 0, frozen: [8] });
    // Two missed days with one freeze: the run ends.
    expect(daily([...range(1, 7), 10], 10)).toMatchObject({ current: 1, best: 7, freezes: 0, runStart: 10 });
    // Two freezes cover two missed days.
    expect(daily([...range(1, 14), 17], 17)).toMatchObject({ current: 15, freezes: 0, frozen: [15, 16] });
  });

  it("spends a freeze as soon as a day ends missed, even before the next check-in", () => {
    expect(daily(range(1, 7), 9)).toMatchObject({ current: 7, freezes: 0, frozen: [8] });
  });

  it("reports milestones only when the streak just grew onto one", () => {
    expect(milestoneReached(daily(range(1, 6), 7), daily(range(1, 7), 7))).toBe(7);
    expect(milestoneReached(daily(range(1, 7), 7), daily(range(1, 7), 7))).toBeNull();
    expect(milestoneReached(daily(range(1, 29), 30), daily(range(1, 30), 30))).toBe(30);
    expect(milestoneReached(daily(range(1, 99), 100), daily(range(1, 100), 100))).toBe(100);
    expect(milestoneReached(daily(range(1, 7), 8), daily(range(1, 8), 8))).toBeNull();
  });
});

describe("times-per-week streaks", () => {
  const weeks = (counts: [number, number][], current: number) =>
    computeStreak({ counts: new Map(counts), current, target: 3, freezeEvery: freezeEvery("times_per_week", 3) });

  it("keeps the streak in weeks: a week counts once it has N check-ins", () => {
    expect(
      weeks(
        [
          [10, 3],
          [11, 3],
          [12, 2],
        ],
        12,
      ),
    ).toMatchObject({ current: 2, done: 2, target: 3 });
    expect(
      weeks(
        [
          [10, 3],
          [11, 3],
          [12, 3],
        ],
        12,
      ),
    ).toMatchObject({ current: 3, best: 3 });
  });

  it("earns a freeze per completed week and spends it on a short week", () => {
    // Week 11 had 2 of 3: the freeze earned in week 10 covers it.
    expect(
      weeks(
        [
          [10, 3],
          [11, 2],
          [12, 3],
        ],
        12,
      ),
    ).toMatchObject({ current: 2, frozen: [11], freezes: 1 });
    // Freezes are capped at 2.
    expect(
      weeks(
        [
          [1, 3],
          [2, 3],
          [3, 3],
          [4, 3],
        ],
        4,
      ),
    ).toMatchObject({ current: 4, freezes: 2 });
    // Three short weeks in a row are more than two freezes.
    expect(
      weeks(
        [
          [1, 3],
          [2, 3],
          [3, 3],
          [7, 3],
        ],
        7,
      ),
    ).toMatchObject({ current: 1, best: 3 });
  });

  it("scales freezes to every-N-days windows", () => {
    expect(freezeEvery("daily", null)).toBe(7);
    expect(freezeEvery("weekly", null)).toBe(1);
    expect(freezeEvery("every_n_days", 2)).toBe(4);
    expect(freezeEvery("every_n_days", 10)).toBe(1);
  });
});
