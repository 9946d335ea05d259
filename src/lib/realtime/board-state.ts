import type { BoardFrame } from "@/lib/realtime/events";

/** How many rows a board shows first, and how many each "load more" adds. */
export const PAGE = 25;
/** The most top rows one socket view may follow live (the server's limit). */
export const LIVE_MAX = 100;
/** Rows above and below the member's own place. */
export const NEIGHBOURS = 3;

export interface Row {
  memberId: string;
  handle: string;
  points: number;
  rank: number;
}

export interface MyPlace {
  rank: number | null;
  points: number;
  hidden: boolean;
  excluded: boolean;
  topPercent: number | null;
}

/** What `leaderboards.me` and `leaderboards.since().me` give. */
export interface PlaceSnapshot extends MyPlace {
  total: number;
  above: Row[];
  below: Row[];
}

export interface BoardState {
  /** The last frame or snapshot applied; null before anything came from the server. */
  seq: number | null;
  periodKey: string;
  total: number;
  /** The live view: the top `top` rows plus ranks `from`–`to` around the member. */
  window: { top: number; from: number | null; to: number | null };
  me: MyPlace;
  /** The member's own membership id, learned from the first row that carries their handle. */
  myId: string | null;
  /** Every row of the view, sorted by rank. */
  rows: Row[];
  /** Members whose points just changed → a token that restarts their highlight. */
  flash: Record<string, number>;
  /** A frame has arrived since the page loaded: the view follows the server. */
  live: boolean;
}

const byRank = (a: Row, b: Row) => a.rank - b.rank || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0);

const strip = (r: Row): Row => ({ memberId: r.memberId, handle: r.handle, points: r.points, rank: r.rank });

function learnMyId(rows: Row[], myHandle: string, known: string | null): string | null {
  return known ?? rows.find((r) => r.handle === myHandle)?.memberId ?? null;
}

function neighbourhood(rank: number | null, hidden: boolean): { from: number | null; to: number | null } {
  if (rank === null) return { from: null, to: null };
  // A hidden member holds no place: the row at their rank is the one right behind them.
  return { from: Math.max(1, rank - NEIGHBOURS), to: hidden ? rank + NEIGHBOURS - 1 : rank + NEIGHBOURS };
}

/**
 * A view from a snapshot (the page's first render, or `leaderboards.since` after a gap): the top rows, the
 * rows around the member and, when they are public, the member's own row.
 */
export function fromSnapshot(
  s: { seq: number; periodKey: string; top: Row[]; limit: number; place: PlaceSnapshot },
  myHandle: string,
  knownId: string | null,
  flash: Record<string, number> = {},
): BoardState {
  const rows = new Map<string, Row>();
  for (const r of [...s.top, ...s.place.above, ...s.place.below]) rows.set(r.memberId, strip(r));
  const myId = learnMyId([...rows.values()], myHandle, knownId);
  const me: MyPlace = {
    rank: s.place.rank,
    points: s.place.points,
    hidden: s.place.hidden,
    excluded: s.place.excluded,
    topPercent: s.place.topPercent,
  };
  if (myId && me.rank !== null && !me.hidden && !me.excluded)
    rows.set(myId, { memberId: myId, handle: myHandle, points: me.points, rank: me.rank });
  return {
    seq: s.seq,
    periodKey: s.periodKey,
    total: s.place.total,
    window: { top: s.limit, ...neighbourhood(me.rank, me.hidden) },
    me,
    myId,
    rows: [...rows.values()].sort(byRank),
    flash,
    live: false,
  };
}

export interface FrameResult {
  state: BoardState;
  /** The frame did not follow the last one applied: something was missed, ask `leaderboards.since`. */
  gap: boolean;
}

let flashCounter = 0;

/**
 * Applies one `leaderboard:delta` frame as the contract says: a full frame replaces every row; otherwise
 * `changes` are upserted by member and `removed` deleted, then rows are sorted by rank. A frame after a gap
 * is still applied (its rows are the newest the server has), and the caller fetches what was missed.
 */
export function applyFrame(state: BoardState, frame: BoardFrame, myHandle: string): FrameResult {
  const gap = !frame.full && frame.prevSeq !== state.seq;
  const rows = new Map<string, Row>(frame.full ? [] : state.rows.map((r) => [r.memberId, r]));
  const flash = frame.full ? {} : { ...state.flash };
  for (const c of frame.changes) {
    const before = rows.get(c.memberId);
    // A row new to this view only flashes when its own score moved it here (the server knew its old rank).
    if (!frame.full && (before ? before.points !== c.points : c.previousRank !== null)) {
      flashCounter += 1;
      flash[c.memberId] = flashCounter;
    }
    rows.set(c.memberId, strip(c));
  }
  for (const id of frame.removed) {
    rows.delete(id);
    delete flash[id];
  }
  const sorted = [...rows.values()].sort(byRank);
  return {
    gap,
    state: {
      seq: frame.seq,
      periodKey: frame.periodKey,
      total: frame.total,
      window: frame.window,
      me: frame.me
        ? {
            rank: frame.me.rank,
            points: frame.me.points,
            hidden: frame.me.hidden,
            excluded: frame.me.excluded,
            topPercent: frame.me.topPercent,
          }
        : state.me,
      myId: learnMyId(sorted, myHandle, state.myId),
      rows: sorted,
      flash,
      live: true,
    },
  };
}

/** What `leaderboards.since` answers. */
export interface SinceAnswer {
  seq: number;
  periodKey: string;
  changed: string[] | null;
  rows: Row[];
  me: PlaceSnapshot;
}

/**
 * Catches up after a gap. A snapshot older than what frames have already brought is not applied
 * (`stale`): the caller asks again.
 */
export function applySince(state: BoardState, answer: SinceAnswer, myHandle: string): { state: BoardState; stale: boolean } {
  if (state.seq !== null && answer.seq < state.seq) return { state, stale: true };
  const flash = { ...state.flash };
  const before = new Map(state.rows.map((r) => [r.memberId, r]));
  for (const r of answer.rows) {
    const old = before.get(r.memberId);
    if (old && old.points !== r.points) {
      flashCounter += 1;
      flash[r.memberId] = flashCounter;
    }
  }
  const next = fromSnapshot(
    { seq: answer.seq, periodKey: answer.periodKey, top: answer.rows, limit: state.window.top, place: answer.me },
    myHandle,
    state.myId,
    flash,
  );
  return { state: { ...next, live: state.live }, stale: false };
}

/** The rows of the top list (ranks 1…top); the neighbourhood rows come from `aroundMe`. */
export function topRows(state: BoardState): Row[] {
  return state.rows.filter((r) => r.rank <= state.window.top);
}

/** The rows around the member's own place, for the "my place" card. */
export function aroundMe(state: BoardState): { above: Row[]; mine: Row | null; below: Row[] } {
  const rank = state.me.rank;
  if (rank === null) return { above: [], mine: null, below: [] };
  const from = Math.max(1, rank - NEIGHBOURS);
  const mine = state.me.hidden || !state.myId ? null : (state.rows.find((r) => r.memberId === state.myId) ?? null);
  const others = state.rows.filter((r) => r.memberId !== state.myId);
  const above = others.filter((r) => r.rank >= from && r.rank < rank).slice(-NEIGHBOURS);
  // A hidden member does not take a place: the row at their rank stands right behind them.
  const below = others.filter((r) => (state.me.hidden ? r.rank >= rank : r.rank > rank)).slice(0, NEIGHBOURS);
  return { above, mine, below };
}
