import { eq, sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { memberships } from "../../db/schema";
import { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { type BoardId, boardHasPeriod, brandTimeZone, type PeriodName, periodEndsAt, periodKey } from "./boards";
import { type LiveBoard, liveBoard } from "./live";
import type { RankedEntry } from "./rank-index";

export interface BoardRow {
  memberId: string;
  handle: string;
  points: number;
  rank: number;
}

export const NEIGHBOURS = 3;
/** From this many members on a board, "my place" also gives a percentile. */
export const PERCENTILE_FROM = 100;

export const rowOf = (e: RankedEntry): BoardRow => ({ memberId: e.memberId, handle: e.handle, points: e.score, rank: e.rank });

export async function openBoard(db: Db, brandId: string, board: BoardId, period: PeriodName, at = new Date()) {
  if (!boardHasPeriod(board, period)) throw new DomainError("BAD_REQUEST", "boards.noSuchPeriod", { period: "boards.noSuchPeriod" });
  const zone = await brandTimeZone(db, brandId);
  const key = periodKey(period, at, zone);
  const live = await liveBoard(db, brandId, board, key);
  return { live, key, endsAt: periodEndsAt(key, zone)?.toISOString() ?? null };
}

export async function top(
  db: Db,
  brandId: string,
  a: { board: BoardId; period: PeriodName; limit: number; cursor?: number | null | undefined },
) {
  const { live, key, endsAt } = await openBoard(db, brandId, a.board, a.period);
  const from = (a.cursor ?? 0) + 1;
  const rows = live.index.range(from, a.limit).map(rowOf);
  const last = rows[rows.length - 1];
  return {
    board: a.board,
    period: a.period,
    periodKey: key,
    endsAt,
    seq: live.seq,
    total: live.index.size,
    rows,
    nextCursor: last && last.rank < live.index.size ? last.rank : null,
  };
}

export interface Place {
  rank: number | null;
  points: number;
  total: number;
  /** "Top n %" for large boards, else null. */
  topPercent: number | null;
  hidden: boolean;
  excluded: boolean;
  above: BoardRow[];
  below: BoardRow[];
}

/** A member's own place: hidden members are ranked where they would stand, without taking anyone's place. */
export function placeIn(live: LiveBoard, memberId: string, flags: { hidden: boolean; excluded: boolean }): Place {
  const total = live.index.size;
  const empty: Place = {
    rank: null,
    points: 0,
    total,
    topPercent: null,
    hidden: flags.hidden,
    excluded: flags.excluded,
    above: [],
    below: [],
  };
  if (flags.excluded) return empty;
  const visible = live.index.get(memberId);
  let rank: number;
  let points: number;
  let below: BoardRow[];
  if (visible) {
    rank = live.index.rankOf(memberId) ?? 0;
    points = visible.score;
    below = live.index.range(rank + 1, NEIGHBOURS).map(rowOf);
  } else {
    const own = live.invisible.get(memberId);
    if (!own) return empty;
    rank = live.index.countBefore(own.score, own.reachedAt, memberId) + 1;
    points = own.score;
    // The hidden member holds no place in the index: the entry at their rank is the one right behind them.
    below = live.index.range(rank, NEIGHBOURS).map(rowOf);
  }
  const above = live.index.range(Math.max(1, rank - NEIGHBOURS), Math.min(NEIGHBOURS, rank - 1)).map(rowOf);
  const size = visible ? total : total + 1;
  return {
    rank,
    points,
    total: size,
    topPercent: size >= PERCENTILE_FROM ? Math.max(1, Math.ceil((rank / size) * 100)) : null,
    hidden: flags.hidden,
    excluded: false,
    above,
    below,
  };
}

export async function boardFlags(db: Db, memberId: string) {
  const [m] = await db
    .select({ hidden: memberships.boardsHidden, excludedAt: memberships.boardsExcludedAt })
    .from(memberships)
    .where(eq(memberships.id, memberId));
  return { hidden: !!m?.hidden, excluded: !!m?.excludedAt };
}

export async function me(db: Db, member: Member, a: { board: BoardId; period: PeriodName }) {
  const { live, key, endsAt } = await openBoard(db, member.brandId, a.board, a.period);
  const place = placeIn(live, member.memberId, await boardFlags(db, member.memberId));
  return { board: a.board, period: a.period, periodKey: key, endsAt, seq: live.seq, ...place };
}

/**
 * What a client missed since `seq`: the members whose rows changed (for animation) and a fresh view
 * (top rows and the member's own place), so the screen equals the server's ranking afterwards.
 */
export async function since(db: Db, member: Member, a: { board: BoardId; period: PeriodName; seq: number; limit: number }) {
  const { live, key, endsAt } = await openBoard(db, member.brandId, a.board, a.period);
  const seq = live.seq;
  let changed: string[] | null = [];
  if (a.seq < seq) {
    const rows = rowsOf<{ seq: number | string; payload: unknown }>(
      await db.execute(sql`select seq, payload from events where topic = ${live.topic} and seq > ${a.seq} and seq <= ${seq} order by seq`),
    );
    if (rows.length !== seq - a.seq) changed = null;
    else {
      const ids = new Set<string>();
      for (const r of rows) {
        const p = (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as {
          entries?: { memberId: string }[];
          reset?: boolean;
        };
        if (p.reset) {
          changed = null;
          break;
        }
        for (const e of p.entries ?? []) if (live.index.has(e.memberId)) ids.add(e.memberId);
      }
      if (changed) changed = [...ids];
    }
  }
  const place = placeIn(live, member.memberId, await boardFlags(db, member.memberId));
  return {
    board: a.board,
    period: a.period,
    periodKey: key,
    endsAt,
    seq,
    /** null: too much happened to list (or the board was rebuilt); the rows below are a full snapshot. */
    changed,
    total: live.index.size,
    rows: live.index.range(1, a.limit).map(rowOf),
    me: place,
  };
}
