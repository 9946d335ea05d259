import { type SQL, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "../../db/client";
import { emitEvent } from "../events/outbox";
import { type BoardId, boardTopic, brandTimeZone, COUNT_BOARDS, periodKeysAt } from "./boards";

/**
 * Board scores are kept current inside the transaction that changes their source (an award, a vest, a
 * completion, a streak), and each change is announced on the board's outbox topic when the transaction
 * ends (`flushBoardChanges`, called by `inTransaction`). The announcement is read back from the table,
 * so it always carries the final values of the transaction.
 */

/** What the outbox carries for one member: scores per period ([score, reachedAt in µs], or null when gone). */
export interface BoardEntryEvent {
  memberId: string;
  userId: string;
  handle: string;
  visible: boolean;
  excluded: boolean;
  scores: Record<string, [number, number] | null>;
}

export interface BoardEvent {
  board: BoardId;
  /** Set when the whole board was rebuilt: indexes reload instead of applying entries. */
  reset?: boolean;
  entries: BoardEntryEvent[];
}

type Touched = Map<string, { brandId: string; board: BoardId; members: Map<string, Set<string>> }>;
const touched = new WeakMap<object, Touched>();

export function touch(tx: Tx, brandId: string, board: BoardId, memberId: string, periods: Iterable<string>) {
  let t = touched.get(tx);
  if (!t) {
    t = new Map();
    touched.set(tx, t);
  }
  const topic = boardTopic(brandId, board);
  let b = t.get(topic);
  if (!b) {
    b = { brandId, board, members: new Map() };
    t.set(topic, b);
  }
  let periodsOf = b.members.get(memberId);
  if (!periodsOf) {
    periodsOf = new Set();
    b.members.set(memberId, periodsOf);
  }
  for (const p of periods) periodsOf.add(p);
}

const list = (values: string[]) =>
  sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  );

/** Announces every board change of the transaction; boards are flushed in a fixed order (no deadlocks). */
export async function flushBoardChanges(tx: Tx): Promise<void> {
  const t = touched.get(tx);
  if (!t || t.size === 0) return;
  touched.delete(tx);
  for (const topic of [...t.keys()].sort()) {
    const b = t.get(topic);
    if (!b) continue;
    const memberIds = [...b.members.keys()];
    const periods = [...new Set([...b.members.values()].flatMap((s) => [...s]))];
    const scores = rowsOf<{ member_id: string; period: string; score: number | string; reached_us: number | string }>(
      await tx.execute(sql`
        select member_id, period, score, (extract(epoch from reached_at) * 1000000)::bigint as reached_us
        from board_scores
        where brand_id = ${b.brandId} and board = ${b.board} and member_id in (${list(memberIds)}) and period in (${list(periods)})`),
    );
    const people = await membersInfo(tx, memberIds);
    const entries: BoardEntryEvent[] = [];
    for (const [memberId, ps] of b.members) {
      const who = people.get(memberId);
      if (!who) continue;
      const entry: BoardEntryEvent = { ...who, memberId, scores: {} };
      for (const p of ps) entry.scores[p] = null;
      for (const r of scores) if (r.member_id === memberId) entry.scores[r.period] = [Number(r.score), Number(r.reached_us)];
      entries.push(entry);
    }
    const event: BoardEvent = { board: b.board, entries };
    await emitEvent(tx, topic, "board:scores", event as unknown as Record<string, unknown>);
  }
}

async function membersInfo(tx: Tx, memberIds: string[]) {
  const rows = rowsOf<{ id: string; user_id: string; handle: string; hidden: boolean; excluded: boolean }>(
    await tx.execute(sql`
      select id, user_id, handle, boards_hidden as hidden, (boards_excluded_at is not null) as excluded
      from memberships where id in (${list(memberIds)})`),
  );
  return new Map(rows.map((r) => [r.id, { userId: r.user_id, handle: r.handle, visible: !r.hidden && !r.excluded, excluded: r.excluded }]));
}

/** Adds to a member's score in every period of `at`; the first points of a week return that week's key. */
async function add(tx: Tx, brandId: string, board: BoardId, memberId: string, amount: number, at: Date) {
  const zone = await brandTimeZone(tx, brandId);
  const periods = periodKeysAt(board, at, zone);
  const iso = at.toISOString();
  const rows = rowsOf<{ period: string; inserted: boolean }>(
    await tx.execute(sql`
      insert into board_scores (brand_id, board, period, member_id, score, reached_at)
      values ${sql.join(
        periods.map((p) => sql`(${brandId}, ${board}, ${p}, ${memberId}, ${amount}, ${iso}::timestamptz)`),
        sql`, `,
      )}
      on conflict (brand_id, board, period, member_id) do update
        set score = board_scores.score + excluded.score,
            reached_at = greatest(board_scores.reached_at, excluded.reached_at)
      returning period, (xmax = 0) as inserted`),
  );
  touch(tx, brandId, board, memberId, periods);
  return rows.filter((r) => r.inserted).map((r) => r.period);
}

/**
 * The facts each board is computed from, as (member_id, v, at). Shared by the per-member recompute and
 * the whole-board recompute, so both agree with what the incremental updates produce.
 */
function facts(board: BoardId, brandId: string, memberId: string | null): SQL {
  const mine = (col: string) => (memberId ? sql` and ${sql.raw(col)} = ${memberId}` : sql``);
  if (board === "points") {
    return sql`
      select l.member_id, l.amount as v, l.settled_at as at from ledger l
      where l.brand_id = ${brandId} and l.kind = 'earn' and l.state = 'vested' and l.source_type <> 'league'${mine("l.member_id")}
        and not exists (select 1 from ledger r where r.member_id = l.member_id and r.related_id = l.id and r.kind = 'reverse')`;
  }
  if (board === "referrals") {
    return sql`
      select r.referrer_member_id as member_id, 1 as v, r.rewarded_at as at from referrals r
      where r.brand_id = ${brandId} and r.status = 'rewarded'${mine("r.referrer_member_id")}`;
  }
  const kind = (Object.entries(COUNT_BOARDS).find(([, b]) => b === board)?.[0] ?? "none") as string;
  return sql`
    select c.member_id, 1 as v, coalesce(c.decided_at, c.created_at) as at
    from quest_completions c join quests q on q.id = c.quest_id
    where c.brand_id = ${brandId} and c.state = 'approved' and q.kind = ${kind}${mine("c.member_id")}`;
}

/** The board's rows as they should be, from its sources: (member_id, period, score, reached_at). */
export function sourceRows(board: BoardId, brandId: string, zone: string, memberId: string | null): SQL {
  if (board === "streak") {
    return sql`
      select distinct on (s.member_id) s.member_id, 'all' as period, s.best::bigint as score, s.best_at as reached_at
      from streaks s join quests q on q.id = s.quest_id
      where s.brand_id = ${brandId} and q.kind = 'habit' and s.best > 0${memberId ? sql` and s.member_id = ${memberId}` : sql``}
      order by s.member_id, s.best desc, s.best_at asc`;
  }
  const periods = sql`(values ('all'), ('w' || to_char(date_trunc('week', f.at at time zone ${zone}), 'YYYY-MM-DD')), ('m' || to_char(f.at at time zone ${zone}, 'YYYY-MM')))`;
  return sql`
    select f.member_id, p.key as period, sum(f.v)::bigint as score, max(f.at) as reached_at
    from (${facts(board, brandId, memberId)}) f cross join lateral ${periods} as p(key)
    group by f.member_id, p.key
    having sum(f.v) > 0`;
}

/** Rewrites one member's rows of a board from its sources: used when a score goes down. */
export async function recomputeMember(tx: Tx, brandId: string, board: BoardId, memberId: string) {
  const zone = await brandTimeZone(tx, brandId);
  const gone = rowsOf<{ period: string }>(
    await tx.execute(
      sql`delete from board_scores where brand_id = ${brandId} and board = ${board} and member_id = ${memberId} returning period`,
    ),
  );
  const back = rowsOf<{ period: string }>(
    await tx.execute(sql`
      insert into board_scores (brand_id, board, period, member_id, score, reached_at)
      select ${brandId}, ${board}, period, member_id, score, reached_at from (${sourceRows(board, brandId, zone, memberId)}) s
      returning period`),
  );
  touch(
    tx,
    brandId,
    board,
    memberId,
    [...gone, ...back].map((r) => r.period),
  );
}

// ---- hooks called by the points and quests modules ----

/** A vested earning counts on the points boards (league prizes do not, so leagues cannot feed themselves). */
export async function countEarning(
  tx: Tx,
  row: { brandId: string; memberId: string; amount: number; sourceType: string; kind: string; settledAt: Date | null },
  onFirstOfWeek?: (week: string) => Promise<unknown>,
) {
  if (row.kind !== "earn" || row.sourceType === "league" || row.amount <= 0 || !row.settledAt) return;
  const fresh = await add(tx, row.brandId, "points", row.memberId, row.amount, row.settledAt);
  const week = fresh.find((p) => p.startsWith("w"));
  if (week && onFirstOfWeek) await onFirstOfWeek(week);
}

/** A vested earning was reversed: the member's points rows are rebuilt from the ledger. */
export async function uncountEarning(tx: Tx, row: { brandId: string; memberId: string; sourceType: string; kind: string }) {
  if (row.kind !== "earn" || row.sourceType === "league") return;
  await recomputeMember(tx, row.brandId, "points", row.memberId);
}

export function countBoardOf(questKind: string): BoardId | null {
  return (COUNT_BOARDS as Record<string, BoardId>)[questKind] ?? null;
}

/** An approved completion of a review, habit or share quest counts once on its board. */
export async function countCompletion(tx: Tx, c: { brandId: string; memberId: string }, questKind: string, at: Date) {
  const board = countBoardOf(questKind);
  if (board) await add(tx, c.brandId, board, c.memberId, 1, at);
}

export async function uncountCompletion(tx: Tx, c: { brandId: string; memberId: string }, questKind: string) {
  const board = countBoardOf(questKind);
  if (board) await recomputeMember(tx, c.brandId, board, c.memberId);
}

/** A referral was rewarded: it counts once for its referrer, when it was rewarded. */
export async function countReferral(tx: Tx, brandId: string, referrerMemberId: string, at: Date) {
  await add(tx, brandId, "referrals", referrerMemberId, 1, at);
}

export async function streakChanged(tx: Tx, brandId: string, memberId: string) {
  await recomputeMember(tx, brandId, "streak", memberId);
}
