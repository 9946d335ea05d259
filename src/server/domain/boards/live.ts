import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "../../db/client";
import { type BoardId, boardTopic } from "./boards";
import { type RankEntry, RankIndex } from "./rank-index";
import type { BoardEvent } from "./scores";

/**
 * Each server process keeps the boards it serves in memory (an order-statistics tree per board and
 * period), loaded from `board_scores` and then moved forward by the board's outbox events in sequence
 * order. Reads first make sure the board has applied every committed event (one primary-key lookup of
 * the topic's sequence), so a member reads their own award at once, whichever process took it.
 */

export interface HiddenScore {
  score: number;
  reachedAt: number;
  handle: string;
  excluded: boolean;
}

export interface LiveBoard {
  brandId: string;
  board: BoardId;
  period: string;
  topic: string;
  index: RankIndex;
  /** Members with a score who are hidden or excluded: never in the index, but they see their own place. */
  invisible: Map<string, HiddenScore>;
  /** The last event sequence applied. */
  seq: number;
  /** Counts reloads: after one, viewers get a full frame. */
  generation: number;
  /** Members changed since the realtime hub last looked, with their rank before the first change. */
  changed: Map<string, number | null>;
  lastUsed: number;
  /** Applications run one after another. */
  chain: Promise<void>;
}

interface Registry {
  boards: Map<string, Promise<LiveBoard>>;
}

const IDLE_MS = 10 * 60_000;

// Next's bundle and the tsx server load this module separately; both must share one set of boards.
const g = globalThis as unknown as { __sadiqBoards?: Registry };
function registry(): Registry {
  g.__sadiqBoards ??= { boards: new Map() };
  return g.__sadiqBoards;
}

const keyOf = (brandId: string, board: BoardId, period: string) => `${brandId}:${board}:${period}`;

async function topicSeq(db: Db, topic: string): Promise<number> {
  const [row] = rowsOf<{ seq: number | string }>(await db.execute(sql`select seq from topic_seqs where topic = ${topic}`));
  return Number(row?.seq ?? 0);
}

/** Fills a board from the table; the sequence is read in the same snapshot, so no event is missed or doubled. */
async function fill(db: Db, b: LiveBoard): Promise<void> {
  await db.transaction(
    async (tx) => {
      const seq = await topicSeq(tx as unknown as Db, b.topic);
      const rows = rowsOf<{
        member_id: string;
        score: number | string;
        reached_us: number | string;
        handle: string;
        hidden: boolean;
        excluded: boolean;
      }>(
        await tx.execute(sql`
          select s.member_id, s.score, (extract(epoch from s.reached_at) * 1000000)::bigint as reached_us, m.handle,
                 m.boards_hidden as hidden, (m.boards_excluded_at is not null) as excluded
          from board_scores s join memberships m on m.id = s.member_id and m.brand_id = s.brand_id
          where s.brand_id = ${b.brandId} and s.board = ${b.board} and s.period = ${b.period}
          order by s.score desc, s.reached_at asc, s.member_id asc`),
      );
      const sorted: RankEntry[] = [];
      b.invisible.clear();
      for (const r of rows) {
        const e = { memberId: r.member_id, handle: r.handle, score: Number(r.score), reachedAt: Number(r.reached_us) };
        if (!r.hidden && !r.excluded) sorted.push(e);
        else b.invisible.set(e.memberId, { score: e.score, reachedAt: e.reachedAt, handle: e.handle, excluded: r.excluded });
      }
      b.index.load(sorted);
      b.seq = seq;
      b.generation++;
      // Everyone's place may have moved: viewers get a full frame.
      b.changed.clear();
    },
    { isolationLevel: "repeatable read", accessMode: "read only" },
  );
}

function applyEvent(b: LiveBoard, event: BoardEvent) {
  for (const e of event.entries) {
    if (!(b.period in e.scores)) continue;
    const value = e.scores[b.period];
    if (!b.changed.has(e.memberId)) b.changed.set(e.memberId, b.index.rankOf(e.memberId));
    if (!value || !e.visible) {
      b.index.remove(e.memberId);
      if (value) b.invisible.set(e.memberId, { score: value[0], reachedAt: value[1], handle: e.handle, excluded: e.excluded });
      else b.invisible.delete(e.memberId);
    } else {
      b.invisible.delete(e.memberId);
      b.index.upsert({ memberId: e.memberId, handle: e.handle, score: value[0], reachedAt: value[1] });
    }
  }
}

function serially(b: LiveBoard, work: () => Promise<void>): Promise<void> {
  const next = b.chain.then(work, work);
  b.chain = next.catch(() => {});
  return next;
}

/** Applies every committed event after `b.seq`; reloads when the outbox no longer holds them. */
async function catchUp(db: Db, b: LiveBoard): Promise<void> {
  const latest = await topicSeq(db, b.topic);
  if (latest <= b.seq) return;
  const rows = rowsOf<{ seq: number | string; type: string; payload: unknown }>(
    await db.execute(
      sql`select seq, type, payload from events where topic = ${b.topic} and seq > ${b.seq} and seq <= ${latest} order by seq`,
    ),
  );
  if (rows.length !== latest - b.seq || Number(rows[0]?.seq) !== b.seq + 1) {
    // Older than the outbox keeps (or an insert not yet visible): start again from the table.
    await fill(db, b);
    return;
  }
  for (const r of rows) {
    const event = (typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as BoardEvent;
    if (event.reset) {
      await fill(db, b);
      return;
    }
    applyEvent(b, event);
    b.seq = Number(r.seq);
  }
}

/** The board, loaded on first use and brought up to date with every committed event. */
export async function liveBoard(db: Db, brandId: string, board: BoardId, period: string): Promise<LiveBoard> {
  const reg = registry();
  const key = keyOf(brandId, board, period);
  let p = reg.boards.get(key);
  if (!p) {
    const b: LiveBoard = {
      brandId,
      board,
      period,
      topic: boardTopic(brandId, board),
      index: new RankIndex(),
      invisible: new Map(),
      seq: 0,
      generation: 0,
      changed: new Map(),
      lastUsed: Date.now(),
      chain: Promise.resolve(),
    };
    p = serially(b, () => fill(db, b)).then(() => b);
    reg.boards.set(key, p);
    p.catch(() => reg.boards.delete(key));
    return p;
  }
  const b = await p;
  b.lastUsed = Date.now();
  await serially(b, () => catchUp(db, b));
  return b;
}

/** The dispatcher hands every board event here: applied in order when it is the next one, else caught up. */
export function onBoardEvent(db: Db, topic: string, seq: number, payload: unknown): void {
  const reg = registry();
  for (const [key, p] of reg.boards) {
    if (!key.startsWith(`${topic.slice("board:".length)}:`)) continue;
    void p.then((b) =>
      serially(b, async () => {
        if (seq <= b.seq) return;
        const event = payload as BoardEvent;
        if (seq === b.seq + 1 && !event.reset) {
          applyEvent(b, event);
          b.seq = seq;
        } else {
          await catchUp(db, b);
        }
      }),
    );
  }
}

/** Applies what the dispatcher may have missed (the hub calls this every few seconds). */
export async function refreshBoard(db: Db, b: LiveBoard): Promise<void> {
  await serially(b, () => catchUp(db, b));
}

/** Boards loaded in this process (the hub walks them every tick). */
export async function loadedBoards(): Promise<LiveBoard[]> {
  return Promise.all([...registry().boards.values()]).catch(() => []);
}

/** Frees boards nobody used for a while; `keep` names boards that still have viewers. */
export async function evictIdle(keep: Set<string>, now = Date.now()): Promise<void> {
  const reg = registry();
  for (const [key, p] of reg.boards) {
    const b = await p.catch(() => null);
    if (b && !keep.has(key) && now - b.lastUsed > IDLE_MS) reg.boards.delete(key);
  }
}

export function liveKey(b: Pick<LiveBoard, "brandId" | "board" | "period">): string {
  return keyOf(b.brandId, b.board, b.period);
}

/** Drops every loaded board (tests that rewrite tables underneath). */
export function forgetBoards(): void {
  registry().boards.clear();
}
