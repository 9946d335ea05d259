import { and, eq, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "../../db/client";
import { memberships } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { emitEvent } from "../events/outbox";
import { inTransaction, type Member } from "../points/ledger";
import { BOARD_IDS, type BoardId, boardTopic, brandTimeZone, periodKeysAt } from "./boards";
import { type BoardEvent, sourceRows, touch } from "./scores";

/** Announces a member's current rows on every board, so live boards add or drop them. */
async function announceEverywhere(tx: Tx, brandId: string, memberId: string, now: Date) {
  const zone = await brandTimeZone(tx, brandId);
  for (const board of BOARD_IDS) touch(tx, brandId, board, memberId, periodKeysAt(board, now, zone));
}

/** Private mode: the member keeps seeing their own place; nobody else sees them, and ranks skip them. */
export async function setHidden(db: Db, member: Member, hidden: boolean, now = new Date()) {
  return inTransaction(db, async (tx) => {
    await tx.update(memberships).set({ boardsHidden: hidden }).where(eq(memberships.id, member.memberId));
    await announceEverywhere(tx, member.brandId, member.memberId, now);
    return { hidden };
  });
}

export async function exclude(
  db: Db,
  a: { brandId: string; memberId: string; excluded: boolean; reason: string; actorUserId: string; now?: Date },
) {
  const reason = a.reason.trim();
  if (reason.length < 3) throw new DomainError("BAD_REQUEST", "boards.reasonRequired", { reason: "boards.reasonRequired" });
  const now = a.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const [before] = await tx
      .select({ excludedAt: memberships.boardsExcludedAt, handle: memberships.handle })
      .from(memberships)
      .where(and(eq(memberships.id, a.memberId), eq(memberships.brandId, a.brandId)))
      .for("update");
    if (!before) throw new DomainError("NOT_FOUND", "boards.memberNotFound");
    // Asking again for the state the member is already in changes nothing and audits nothing.
    if (!!before.excludedAt === a.excluded) return { memberId: a.memberId, handle: before.handle, excluded: a.excluded };
    await tx
      .update(memberships)
      .set({ boardsExcludedAt: a.excluded ? now : null, boardsExcludedReason: a.excluded ? reason : null })
      .where(eq(memberships.id, a.memberId));
    await audit(tx, {
      brandId: a.brandId,
      actorUserId: a.actorUserId,
      action: a.excluded ? "boards.exclude" : "boards.include",
      targetType: "member",
      targetId: a.memberId,
      before: { excluded: !!before.excludedAt },
      after: { excluded: a.excluded },
      reason,
    });
    await announceEverywhere(tx, a.brandId, a.memberId, now);
    return { memberId: a.memberId, handle: before.handle, excluded: a.excluded };
  });
}

export async function exclusions(db: Db, brandId: string) {
  return db
    .select({
      memberId: memberships.id,
      handle: memberships.handle,
      at: memberships.boardsExcludedAt,
      reason: memberships.boardsExcludedReason,
    })
    .from(memberships)
    .where(and(eq(memberships.brandId, brandId), sql`${memberships.boardsExcludedAt} is not null`))
    .orderBy(memberships.handle);
}

/** How many rows of a board differ from what its sources give (0 when the board is exact). */
export async function boardDrift(tx: Tx | Db, brandId: string, board: BoardId): Promise<number> {
  const zone = await brandTimeZone(tx, brandId);
  const [row] = rowsOf<{ n: number | string }>(
    await tx.execute(sql`
      with want as (${sourceRows(board, brandId, zone, null)}),
      have as (select member_id, period, score, reached_at from board_scores where brand_id = ${brandId} and board = ${board})
      select count(*) as n from ((select * from want except select * from have) union all (select * from have except select * from want)) d`),
  );
  return Number(row?.n ?? 0);
}

/** Rebuilds a board from the ledger (or completions, or streaks); live boards reload. */
export async function recompute(db: Db, a: { brandId: string; board: BoardId; actorUserId: string }) {
  return inTransaction(db, async (tx) => {
    const zone = await brandTimeZone(tx, a.brandId);
    // One rebuild at a time per board; awards keep going and land after it.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${boardTopic(a.brandId, a.board)}))`);
    const corrected = await boardDrift(tx, a.brandId, a.board);
    await tx.execute(sql`delete from board_scores where brand_id = ${a.brandId} and board = ${a.board}`);
    const inserted = rowsOf<{ n: number | string }>(
      await tx.execute(sql`
        with ins as (
          insert into board_scores (brand_id, board, period, member_id, score, reached_at)
          select ${a.brandId}, ${a.board}, period, member_id, score, reached_at from (${sourceRows(a.board, a.brandId, zone, null)}) s
          returning 1
        ) select count(*) as n from ins`),
    );
    const event: BoardEvent = { board: a.board, reset: true, entries: [] };
    await emitEvent(tx, boardTopic(a.brandId, a.board), "board:scores", event as unknown as Record<string, unknown>);
    await audit(tx, {
      brandId: a.brandId,
      actorUserId: a.actorUserId,
      action: "boards.recompute",
      targetType: "board",
      targetId: a.board,
      after: { rows: Number(inserted[0]?.n ?? 0), corrected },
    });
    return { board: a.board, rows: Number(inserted[0]?.n ?? 0), corrected };
  });
}
