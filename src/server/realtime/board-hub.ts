import type { Socket } from "socket.io";
import type {
  BoardFrame,
  BoardRowView,
  ClientToServerEvents,
  RankChanged,
  ServerToClientEvents,
  SocketData,
  WatchRequest,
  WatchResult,
} from "@/lib/realtime/events";
import { brandSlugSchema } from "@/lib/validation/auth";
import { BOARD_IDS, PERIODS } from "@/lib/validation/boards";
import { type Db, getDb } from "../db/client";
import { membershipOf } from "../domain/accounts/members";
import { type BoardId, boardHasPeriod, brandTimeZone, type PeriodName, periodKey } from "../domain/boards/boards";
import { evictIdle, type LiveBoard, liveBoard, liveKey, loadedBoards, refreshBoard } from "../domain/boards/live";
import { NEIGHBOURS, PERCENTILE_FROM } from "../domain/boards/queries";
import type { SadiqIo } from "./io";

type SadiqSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

/**
 * Coalesces board changes into one frame per watching client per tick, holding only the rows of that
 * client's view that changed (the top it shows and its own neighbourhood). The cost follows
 * viewers × ticks, not viewers × awards. Each process serves its own sockets from its own copy of the board.
 */
const TICK_MS = Number(process.env.SADIQ_BOARD_TICK_MS ?? 150);
const REFRESH_MS = 2000;
const PERIOD_CHECK_MS = 5000;
const MAX_WATCHES_PER_SOCKET = 8;
const PASSED_BY_MAX = 5;

interface Viewer {
  socket: SadiqSocket;
  watchKey: string;
  brandId: string;
  board: BoardId;
  period: PeriodName;
  memberId: string;
  limit: number;
  liveKey: string;
  last: Map<string, { rank: number; points: number }>;
  lastMe: { rank: number | null; points: number } | null;
  seq: number | null;
  generation: number;
}

interface Mover {
  memberId: string;
  handle: string;
  rank: number;
  previousRank: number | null;
}

const watchKeyOf = (r: { brandSlug: string; board: string; period: string }) => `${r.brandSlug}:${r.board}:${r.period}`;

export interface BoardHub {
  stop: () => void;
  /** Runs one tick now (tests). */
  tick: () => Promise<void>;
}

export function startBoardHub(io: SadiqIo, db: Db = getDb()): BoardHub {
  const byBoard = new Map<string, Set<Viewer>>();
  const bySocket = new Map<string, Map<string, Viewer>>();
  let lastRefresh = 0;
  let lastPeriodCheck = Date.now();

  const add = (v: Viewer) => {
    let set = byBoard.get(v.liveKey);
    if (!set) {
      set = new Set();
      byBoard.set(v.liveKey, set);
    }
    set.add(v);
  };
  const drop = (v: Viewer) => {
    const set = byBoard.get(v.liveKey);
    set?.delete(v);
    if (set && set.size === 0) byBoard.delete(v.liveKey);
  };

  async function watch(socket: SadiqSocket, req: WatchRequest): Promise<WatchResult> {
    const userId = socket.data.userId;
    if (!userId) return { ok: false, error: "forbidden" };
    const slug = brandSlugSchema.safeParse(req?.brandSlug);
    const board = (BOARD_IDS as readonly string[]).includes(req?.board) ? (req.board as BoardId) : null;
    const period = (PERIODS as readonly string[]).includes(req?.period) ? (req.period as PeriodName) : null;
    const limit = Number.isInteger(req?.limit) && req.limit >= 1 && req.limit <= 100 ? req.limit : null;
    if (!slug.success || !board || !period || !limit || !boardHasPeriod(board, period)) return { ok: false, error: "invalid" };
    // Boards are for the brand's members: the same rule as leaderboards.top.
    const membership = await membershipOf(db, userId, slug.data);
    if (!membership) return { ok: false, error: "forbidden" };
    const watches = bySocket.get(socket.id) ?? new Map<string, Viewer>();
    const watchKey = watchKeyOf({ brandSlug: slug.data, board, period });
    const existing = watches.get(watchKey);
    if (existing) drop(existing);
    else if (watches.size >= MAX_WATCHES_PER_SOCKET) return { ok: false, error: "invalid" };
    const zone = await brandTimeZone(db, membership.brandId);
    const live = await liveBoard(db, membership.brandId, board, periodKey(period, new Date(), zone));
    const v: Viewer = {
      socket,
      watchKey,
      brandId: membership.brandId,
      board,
      period,
      memberId: membership.membershipId,
      limit,
      liveKey: liveKey(live),
      last: new Map(),
      lastMe: null,
      seq: null,
      generation: -1,
    };
    watches.set(watchKey, v);
    bySocket.set(socket.id, watches);
    add(v);
    send(v, live, live.index.range(1, limit), new Map());
    return { ok: true };
  }

  function unwatch(socket: SadiqSocket, req: Pick<WatchRequest, "brandSlug" | "board" | "period">) {
    const watches = bySocket.get(socket.id);
    const v = watches?.get(watchKeyOf(req));
    if (!v || !watches) return;
    watches.delete(v.watchKey);
    drop(v);
  }

  function forget(socket: SadiqSocket) {
    for (const v of bySocket.get(socket.id)?.values() ?? []) drop(v);
    bySocket.delete(socket.id);
  }

  /** Builds and sends one viewer's frame; returns false when its view did not change. */
  function send(
    v: Viewer,
    b: LiveBoard,
    topRows: ReturnType<LiveBoard["index"]["range"]>,
    changed: Map<string, number | null>,
    movers: Mover[] = [],
  ) {
    const full = v.generation !== b.generation;
    const rows = new Map<string, { memberId: string; handle: string; points: number; rank: number }>();
    for (const r of topRows.slice(0, v.limit))
      rows.set(r.memberId, { memberId: r.memberId, handle: r.handle, points: r.score, rank: r.rank });

    const visible = b.index.get(v.memberId);
    const hidden = visible ? undefined : b.invisible.get(v.memberId);
    let myRank: number | null = null;
    let myPoints = 0;
    let from: number | null = null;
    let to: number | null = null;
    if (visible) {
      myRank = b.index.rankOf(v.memberId);
      myPoints = visible.score;
    } else if (hidden && !hidden.excluded) {
      myRank = b.index.countBefore(hidden.score, hidden.reachedAt, v.memberId) + 1;
      myPoints = hidden.score;
    }
    if (myRank !== null) {
      // A hidden member holds no place: their neighbours are the entries around the gap they would fill.
      from = Math.max(1, myRank - NEIGHBOURS);
      to = visible ? myRank + NEIGHBOURS : myRank + NEIGHBOURS - 1;
      for (const r of b.index.range(from, to - from + 1))
        rows.set(r.memberId, { memberId: r.memberId, handle: r.handle, points: r.score, rank: r.rank });
    }

    const changes: BoardRowView[] = [];
    for (const r of rows.values()) {
      const prev = v.last.get(r.memberId);
      if (full || !prev || prev.rank !== r.rank || prev.points !== r.points) {
        changes.push({ ...r, previousRank: prev?.rank ?? changed.get(r.memberId) ?? null });
      }
    }
    const removed = full ? [] : [...v.last.keys()].filter((id) => !rows.has(id));
    const meChanged = !v.lastMe || v.lastMe.rank !== myRank || v.lastMe.points !== myPoints;
    // Nothing this client shows changed: no frame, and its seq stays that of the last frame it got.
    if (!full && changes.length === 0 && removed.length === 0 && !meChanged) return false;
    const total = visible || myRank === null ? b.index.size : b.index.size + 1;
    const frame: BoardFrame = {
      board: v.board,
      period: v.period,
      periodKey: b.period,
      seq: b.seq,
      prevSeq: v.seq,
      full,
      total,
      window: { top: v.limit, from, to },
      me:
        hidden?.excluded === true
          ? { rank: null, points: 0, previousRank: null, hidden: false, excluded: true, topPercent: null }
          : {
              rank: myRank,
              points: myPoints,
              previousRank: v.lastMe?.rank ?? null,
              hidden: !!hidden,
              excluded: false,
              topPercent: myRank !== null && total >= PERCENTILE_FROM ? Math.max(1, Math.ceil((myRank / total) * 100)) : null,
            },
      changes: changes.sort((x, y) => x.rank - y.rank),
      removed,
    };
    v.socket.emit("leaderboard:delta", frame);

    const before = v.lastMe?.rank ?? null;
    if (!full && before !== null && myRank !== null && before !== myRank) {
      const passedBy: RankChanged["passedBy"] = [];
      if (myRank > before) {
        for (const m of movers) {
          if (passedBy.length >= PASSED_BY_MAX) break;
          if (m.memberId !== v.memberId && m.rank < myRank && (m.previousRank === null || m.previousRank >= before)) {
            passedBy.push({ memberId: m.memberId, handle: m.handle });
          }
        }
      }
      v.socket.emit("rank:changed", { board: v.board, period: v.period, rank: myRank, previousRank: before, passedBy });
    }
    v.last = new Map([...rows.values()].map((r) => [r.memberId, { rank: r.rank, points: r.points }]));
    v.lastMe = { rank: myRank, points: myPoints };
    v.seq = b.seq;
    v.generation = b.generation;
    return true;
  }

  /** Moves viewers of "this week" to the new week when the brand's week turns (likewise months). */
  async function followPeriods() {
    for (const set of [...byBoard.values()]) {
      for (const v of [...set]) {
        const zone = await brandTimeZone(db, v.brandId);
        const key = periodKey(v.period, new Date(), zone);
        if (v.liveKey.endsWith(`:${key}`)) continue;
        const live = await liveBoard(db, v.brandId, v.board, key);
        drop(v);
        v.liveKey = liveKey(live);
        v.generation = -1;
        v.last = new Map();
        add(v);
      }
    }
  }

  let running = false;
  const refreshing = new Set<LiveBoard>();
  async function tick() {
    if (running) return;
    running = true;
    try {
      const now = Date.now();
      if (now - lastPeriodCheck > PERIOD_CHECK_MS) {
        lastPeriodCheck = now;
        await followPeriods();
      }
      const refresh = now - lastRefresh > REFRESH_MS;
      if (refresh) lastRefresh = now;
      for (const b of await loadedBoards()) {
        const viewers = byBoard.get(liveKey(b));
        // Never wait for the database inside a tick: every board's frames would wait with it.
        if (refresh && viewers && !refreshing.has(b)) {
          refreshing.add(b);
          void refreshBoard(db, b)
            .catch(() => {})
            .finally(() => refreshing.delete(b));
        }
        const changed = b.changed;
        b.changed = new Map();
        if (!viewers || viewers.size === 0) continue;
        const needFull = [...viewers].some((v) => v.generation !== b.generation);
        if (changed.size === 0 && !needFull) continue;
        let maxLimit = 1;
        for (const v of viewers) maxLimit = Math.max(maxLimit, v.limit);
        const topRows = b.index.range(1, maxLimit);
        // The tick's visible movers with their new ranks, once for all viewers ("who passed me").
        const movers: Mover[] = [];
        for (const [memberId, previousRank] of changed) {
          const e = b.index.get(memberId);
          const rank = e ? b.index.rankOf(memberId) : null;
          if (e && rank !== null) movers.push({ memberId, handle: e.handle, rank, previousRank });
        }
        for (const v of viewers) send(v, b, topRows, changed, movers);
      }
      if (refresh) await evictIdle(new Set(byBoard.keys()));
    } catch (err) {
      console.error("[boards] tick failed:", (err as Error).message);
    } finally {
      running = false;
    }
  }

  io.on("connection", (socket) => {
    socket.on("board:watch", (req, ack) => {
      if (typeof ack !== "function") return;
      watch(socket, req)
        .then(ack)
        .catch((err: Error) => {
          console.error("[boards] watch failed:", err.message);
          ack({ ok: false, error: "not_found" });
        });
    });
    socket.on("board:unwatch", (req) => unwatch(socket, req ?? { brandSlug: "", board: "points", period: "all" }));
    socket.on("disconnect", () => forget(socket));
  });

  const timer = setInterval(() => void tick(), TICK_MS);
  timer.unref();
  return {
    stop: () => clearInterval(timer),
    tick,
  };
}
