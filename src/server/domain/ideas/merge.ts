import { and, eq, sql } from "drizzle-orm";
import { type Db, rowsOf, type Tx } from "../../db/client";
import { ideaStatusChanges, ideas, ideaVotes } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { inTransaction } from "../points/ledger";
import { type IdeaRow, type IdeaStaff, lockIdea } from "./access";
import { announceIdea } from "./live";
import { notifyIdea } from "./notify";

/** Locks both ideas in id order (the order every two-idea change uses, so merges cannot deadlock). */
async function lockPair(tx: Tx, brandId: string, ideaId: string, intoId: string): Promise<{ a: IdeaRow; b: IdeaRow }> {
  const lockOne = (id: string) =>
    lockIdea(tx, brandId, id).catch((err: unknown) => {
      if (id === intoId && err instanceof DomainError) throw new DomainError("NOT_FOUND", "ideas.mergeTargetNotFound");
      throw err;
    });
  const [first, second] = ideaId < intoId ? [ideaId, intoId] : [intoId, ideaId];
  const x = await lockOne(first);
  const y = await lockOne(second);
  return ideaId < intoId ? { a: x, b: y } : { a: y, b: x };
}

async function history(tx: Tx, idea: IdeaRow, to: IdeaRow["status"], note: string, staff: IdeaStaff, now: Date) {
  const [row] = await tx
    .insert(ideaStatusChanges)
    .values({ ideaId: idea.id, fromStatus: idea.status, toStatus: to, note, actorUserId: staff.userId, createdAt: now })
    .returning({ id: ideaStatusChanges.id });
  return row?.id ?? 0;
}

/**
 * Merges duplicate A into B. A's votes are copied onto B (keeping their time, marked `via_idea_id = A`);
 * members who voted for both keep their one vote on B. A keeps its own rows and count, so undoing the
 * merge only has to delete the copies. Votes A carried from earlier merges travel too, marked as from A:
 * each idea only answers for the votes it passed on itself.
 */
export async function mergeIdeas(
  db: Db,
  staff: IdeaStaff,
  input: { ideaId: string; intoId: string },
  now = new Date(),
): Promise<{ moved: number; alreadyVoted: number; voteCount: number }> {
  if (input.ideaId === input.intoId) throw new DomainError("BAD_REQUEST", "ideas.mergeIntoItself", { intoId: "ideas.mergeIntoItself" });
  return inTransaction(db, async (tx) => {
    const { a, b } = await lockPair(tx, staff.brandId, input.ideaId, input.intoId);
    if (a.status === "duplicate") throw new DomainError("CONFLICT", "ideas.alreadyMerged");
    if (b.status === "duplicate") throw new DomainError("CONFLICT", "ideas.mergeIntoDuplicate");
    const moved = rowsOf<{ member_id: string }>(
      await tx.execute(sql`
        insert into idea_votes (idea_id, member_id, created_at, via_idea_id)
        select ${b.id}::uuid, v.member_id, v.created_at, ${a.id}::uuid from idea_votes v where v.idea_id = ${a.id}::uuid
        on conflict do nothing
        returning member_id`),
    );
    const [bAfter] = await tx
      .update(ideas)
      .set({ voteCount: sql`${ideas.voteCount} + ${moved.length}`, updatedAt: now })
      .where(eq(ideas.id, b.id))
      .returning();
    const [aAfter] = await tx
      .update(ideas)
      .set({ status: "duplicate", statusBeforeMerge: a.status, mergedIntoId: b.id, updatedAt: now })
      .where(eq(ideas.id, a.id))
      .returning();
    if (!aAfter || !bAfter) throw new DomainError("NOT_FOUND", "ideas.notFound");
    const historyId = await history(tx, a, "duplicate", `merged into ${b.title}`, staff, now);
    await history(tx, b, b.status, `merged ${a.title} into this idea`, staff, now);
    await notifyIdea(tx, {
      idea: aAfter,
      kind: "idea.merged",
      payload: { title: a.title, intoId: b.id, intoTitle: b.title, from: a.status, to: "duplicate" },
      dedupeKey: `merged:${historyId}`,
      actorUserId: staff.userId,
      now,
    });
    await audit(tx, {
      brandId: staff.brandId,
      actorUserId: staff.userId,
      action: "idea.merge",
      targetType: "idea",
      targetId: a.id,
      before: { status: a.status, intoId: b.id, intoVoteCount: b.voteCount },
      after: { status: aAfter.status, intoId: b.id, intoVoteCount: bAfter.voteCount, moved: moved.length },
    });
    await announceIdea(tx, aAfter, { wasVisible: a.state === "published" });
    await announceIdea(tx, bAfter, { wasVisible: b.state === "published" });
    return { moved: moved.length, alreadyVoted: a.voteCount - moved.length, voteCount: bAfter.voteCount };
  });
}

/**
 * Undoes a merge: deletes the votes A passed to B and gives A back its earlier status. Only copies made
 * by A's merge go (`via_idea_id = A`); a member who has since unvoted B has nothing left to remove. If
 * B was itself merged into C meanwhile, C keeps what B passed on (marked as from B) until B is unmerged.
 */
export async function unmergeIdea(
  db: Db,
  staff: IdeaStaff,
  input: { ideaId: string },
  now = new Date(),
): Promise<{ removed: number; voteCount: number }> {
  return inTransaction(db, async (tx) => {
    const [peek] = await tx
      .select({ mergedIntoId: ideas.mergedIntoId })
      .from(ideas)
      .where(and(eq(ideas.id, input.ideaId), eq(ideas.brandId, staff.brandId)));
    if (!peek) throw new DomainError("NOT_FOUND", "ideas.notFound");
    if (!peek.mergedIntoId) throw new DomainError("CONFLICT", "ideas.notMerged");
    const { a, b } = await lockPair(tx, staff.brandId, input.ideaId, peek.mergedIntoId);
    // Another unmerge may have won the race for the locks.
    if (a.status !== "duplicate" || a.mergedIntoId !== b.id) throw new DomainError("CONFLICT", "ideas.notMerged");
    const removed = await tx
      .delete(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, b.id), eq(ideaVotes.viaIdeaId, a.id)))
      .returning({ memberId: ideaVotes.memberId });
    const [bAfter] = await tx
      .update(ideas)
      .set({ voteCount: sql`${ideas.voteCount} - ${removed.length}`, updatedAt: now })
      .where(eq(ideas.id, b.id))
      .returning();
    const restored = a.statusBeforeMerge ?? "open";
    const [aAfter] = await tx
      .update(ideas)
      .set({ status: restored, statusBeforeMerge: null, mergedIntoId: null, updatedAt: now })
      .where(eq(ideas.id, a.id))
      .returning();
    if (!aAfter || !bAfter) throw new DomainError("NOT_FOUND", "ideas.notFound");
    await history(tx, a, restored, `merge into ${b.title} undone`, staff, now);
    await history(tx, b, b.status, `${a.title} split off again`, staff, now);
    await audit(tx, {
      brandId: staff.brandId,
      actorUserId: staff.userId,
      action: "idea.unmerge",
      targetType: "idea",
      targetId: a.id,
      before: { status: a.status, intoId: b.id, intoVoteCount: b.voteCount },
      after: { status: aAfter.status, intoId: null, intoVoteCount: bAfter.voteCount, removed: removed.length },
    });
    await announceIdea(tx, aAfter, { wasVisible: a.state === "published" });
    await announceIdea(tx, bAfter, { wasVisible: b.state === "published" });
    return { removed: removed.length, voteCount: bAfter.voteCount };
  });
}
