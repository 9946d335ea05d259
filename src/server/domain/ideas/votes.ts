import { and, eq, sql } from "drizzle-orm";
import type { VoteResult } from "@/lib/ideas/types";
import type { Db, Tx } from "../../db/client";
import { ideas, ideaVotes } from "../../db/schema";
import { DomainError } from "../errors";
import { inTransaction } from "../points/ledger";
import { canSee, type IdeaMember, type IdeaRow, lockIdea } from "./access";
import { announceIdea } from "./live";

/**
 * Locks the idea and checks the member may vote on it. The lock serializes every vote of the idea,
 * so the counter moves only with a row that was really inserted or deleted and stays equal to count(*).
 */
async function lockForVoting(tx: Tx, member: IdeaMember, ideaId: string): Promise<IdeaRow> {
  const idea = await lockIdea(tx, member.brandId, ideaId);
  if (!canSee({ brandId: member.brandId, userId: member.userId, memberId: member.memberId, staff: member.staff }, idea)) {
    throw new DomainError("NOT_FOUND", "ideas.notFound");
  }
  if (idea.state !== "published" || idea.status === "duplicate") throw new DomainError("CONFLICT", "ideas.votingClosed");
  return idea;
}

async function moveCount(tx: Tx, idea: IdeaRow, delta: 1 | -1): Promise<number> {
  const [after] = await tx
    .update(ideas)
    .set({ voteCount: sql`${ideas.voteCount} + ${delta}` })
    .where(eq(ideas.id, idea.id))
    .returning();
  if (!after) throw new Error("idea vanished under its lock");
  await announceIdea(tx, after, { wasVisible: true });
  return after.voteCount;
}

/** One vote per member; voting again changes nothing and reports the current state. */
export async function voteIdea(db: Db, member: IdeaMember, ideaId: string, now = new Date()): Promise<VoteResult> {
  return inTransaction(db, async (tx) => {
    const idea = await lockForVoting(tx, member, ideaId);
    const inserted = await tx
      .insert(ideaVotes)
      .values({ ideaId: idea.id, memberId: member.memberId, createdAt: now })
      .onConflictDoNothing()
      .returning({ ideaId: ideaVotes.ideaId });
    const voteCount = inserted.length > 0 ? await moveCount(tx, idea, 1) : idea.voteCount;
    return { ideaId: idea.id, voted: true, voteCount };
  });
}

/** Takes the member's vote back, including one a merge carried over from a duplicate. */
export async function unvoteIdea(db: Db, member: IdeaMember, ideaId: string, _now = new Date()): Promise<VoteResult> {
  return inTransaction(db, async (tx) => {
    const idea = await lockForVoting(tx, member, ideaId);
    const deleted = await tx
      .delete(ideaVotes)
      .where(and(eq(ideaVotes.ideaId, idea.id), eq(ideaVotes.memberId, member.memberId)))
      .returning({ ideaId: ideaVotes.ideaId });
    const voteCount = deleted.length > 0 ? await moveCount(tx, idea, -1) : idea.voteCount;
    return { ideaId: idea.id, voted: false, voteCount };
  });
}
