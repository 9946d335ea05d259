import { eq } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { brands } from "../../db/schema";
import { addDays, localDay, nextMonthStart, startOfDay, weekStart } from "../quests/periods";

/**
 * The boards of a brand. `points` ranks points earned (league prizes excluded); the count boards rank
 * approved completions of one quest kind; `referrals` ranks rewarded referrals; `streak` ranks the longest habit streak ever reached.
 */
export const BOARDS = {
  points: ["all", "week", "month"],
  reviews: ["all", "week", "month"],
  checkins: ["all", "week", "month"],
  shares: ["all", "week", "month"],
  referrals: ["all", "week", "month"],
  streak: ["all"],
} as const satisfies Record<string, readonly PeriodName[]>;

export type BoardId = keyof typeof BOARDS;
export type PeriodName = "all" | "week" | "month";
export const BOARD_IDS = Object.keys(BOARDS) as BoardId[];

/** The count boards and the quest kind each counts. */
export const COUNT_BOARDS = { review: "reviews", habit: "checkins", share: "shares" } as const;

export function boardHasPeriod(board: BoardId, period: PeriodName): boolean {
  return (BOARDS[board] as readonly PeriodName[]).includes(period);
}

export function boardTopic(brandId: string, board: BoardId): string {
  return `board:${brandId}:${board}`;
}

/** "all", "w2026-11-23" (the Monday of the week) or "m2026-11", in the brand's time zone. */
export function periodKey(period: PeriodName, at: Date, timeZone: string): string {
  if (period === "all") return "all";
  const day = localDay(at, timeZone);
  return period === "week" ? `w${weekStart(day)}` : `m${day.slice(0, 7)}`;
}

export function periodKeysAt(board: BoardId, at: Date, timeZone: string): string[] {
  return BOARDS[board].map((p) => periodKey(p, at, timeZone));
}

/** When a period ends (the brand's local midnight that starts the next week or month); null for all-time. */
export function periodEndsAt(key: string, timeZone: string): Date | null {
  if (key.startsWith("w")) return startOfDay(addDays(key.slice(1), 7), timeZone);
  if (key.startsWith("m")) return startOfDay(nextMonthStart(`${key.slice(1)}-01`), timeZone);
  return null;
}

const zones = new Map<string, { zone: string; at: number }>();
const ZONE_TTL_MS = 60_000;

/** The brand's time zone, cached for a minute: every award asks for it. */
export async function brandTimeZone(tx: Tx | Db, brandId: string): Promise<string> {
  const hit = zones.get(brandId);
  if (hit && Date.now() - hit.at < ZONE_TTL_MS) return hit.zone;
  const [row] = await tx.select({ zone: brands.timeZone }).from(brands).where(eq(brands.id, brandId));
  const zone = row?.zone ?? "UTC";
  zones.set(brandId, { zone, at: Date.now() });
  return zone;
}
