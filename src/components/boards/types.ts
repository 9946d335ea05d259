import type { inferRouterOutputs } from "@trpc/server";
import type { BoardName, BoardPeriod } from "@/lib/realtime/events";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;

export type TopAnswer = Out["leaderboards"]["top"];
export type MeAnswer = Out["leaderboards"]["me"];
export type League = Out["leagues"]["mine"];
export type LeagueRow = League["rows"][number];

export type { BoardName, BoardPeriod };

/** The boards in the order the picker shows them, with the periods each has. */
export const BOARDS: ReadonlyArray<{ id: BoardName; periods: readonly BoardPeriod[] }> = [
  { id: "points", periods: ["week", "month", "all"] },
  { id: "reviews", periods: ["week", "month", "all"] },
  { id: "checkins", periods: ["week", "month", "all"] },
  { id: "shares", periods: ["week", "month", "all"] },
  { id: "referrals", periods: ["week", "month", "all"] },
  { id: "streak", periods: ["all"] },
];

/** A board and period from the address bar, falling back to this week's points. */
export function pickBoard(board: unknown, period: unknown): { board: BoardName; period: BoardPeriod } {
  const found = BOARDS.find((b) => b.id === board) ?? BOARDS[0];
  if (!found) return { board: "points", period: "week" };
  const periods = found.periods;
  const chosen = periods.find((p) => p === period) ?? periods[0] ?? "all";
  return { board: found.id, period: chosen };
}

export function boardHref(board: BoardName, period: BoardPeriod): string {
  return `/leaderboards?board=${board}&period=${period}`;
}
