import type { Cadence } from "./periods";

export const MAX_FREEZES = 2;
export const MILESTONES = [7, 30, 100] as const;
/** Milestone bonus as a multiple of the quest's base points. */
export const MILESTONE_BONUS: Record<(typeof MILESTONES)[number], number> = { 7: 3, 30: 10, 100: 30 };

export interface StreakState {
  current: number;
  best: number;
  freezes: number;
  /** Periods a freeze covered. */
  frozen: number[];
  /** The period the current run started in (null when there is no run). */
  runStart: number | null;
  /** Completions in the current period and how many it needs. */
  done: number;
  target: number;
}

/**
 * One freeze is earned per 7 days of streak: every 7 periods of a daily habit, every period of a weekly
 * one (a week is 7 days), every ⌈7/N⌉ windows of an every-N-days habit.
 */
export function freezeEvery(cadence: Cadence, n: number | null): number {
  if (cadence === "weekly" || cadence === "times_per_week") return 1;
  if (cadence === "every_n_days") return Math.max(1, Math.ceil(7 / Math.max(1, n ?? 1)));
  return 7;
}

/**
 * Replays a member's completions period by period. A period with enough completions extends the streak;
 * a finished period without them spends a held freeze (the streak survives but does not grow) or ends the
 * run. The period in progress never breaks a streak. Derived purely from history, so undoing a check-in
 * or a late approval gives the same answer as if it had always been so.
 */
export function computeStreak(args: {
  counts: Map<number, number>;
  current: number;
  target: number;
  freezeEvery: number;
  /** Freezes won elsewhere (surprise prizes), by the period they were won in; capped like earned ones. */
  bonusFreezes?: ReadonlyMap<number, number>;
}): StreakState {
  const { counts, current, target } = args;
  const done = counts.get(current) ?? 0;
  const periods = [...counts.keys()].filter((p) => p <= current).sort((a, b) => a - b);
  const state: StreakState = { current: 0, best: 0, freezes: 0, frozen: [], runStart: null, done, target };
  const grant = (p: number) => {
    const n = args.bonusFreezes?.get(p) ?? 0;
    if (n > 0 && state.current > 0) state.freezes = Math.min(MAX_FREEZES, state.freezes + n);
  };
  const first = periods[0];
  if (first === undefined) return state;
  let towardFreeze = 0;
  for (let p = first; p <= current; p++) {
    if ((counts.get(p) ?? 0) >= target) {
      if (state.current === 0) state.runStart = p;
      state.current += 1;
      state.best = Math.max(state.best, state.current);
      towardFreeze += 1;
      if (towardFreeze >= args.freezeEvery) {
        towardFreeze = 0;
        state.freezes = Math.min(MAX_FREEZES, state.freezes + 1);
      }
    } else if (p === current) {
      grant(p);
      break;
    } else if (state.current > 0 && state.freezes > 0) {
      state.freezes -= 1;
      state.frozen.push(p);
    } else {
      state.current = 0;
      state.runStart = null;
      towardFreeze = 0;
    }
    grant(p);
    // Long gaps: once the run is over and nothing is held, skip straight to the next completed period.
    if (state.current === 0 && state.freezes === 0) {
      const next = periods.find((q) => q > p);
      if (next === undefined || next > current) {
        break;
      }
      p = next - 1;
    }
  }
  return state;
}

/** The milestone a check-in reached, if the streak just became one. */
export function milestoneReached(before: StreakState, after: StreakState): number | null {
  if (after.current <= before.current) return null;
  return (MILESTONES as readonly number[]).includes(after.current) ? after.current : null;
}
