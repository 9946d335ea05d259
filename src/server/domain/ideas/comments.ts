import { and, eq, sql } from "drizzle-orm";
import type { z } from "zod";
import type { IdeaComment } from "@/lib/ideas/types";
import { COMMENT_EDIT_MINUTES, type commentInput, type editCommentInput } from "@/lib/validation/ideas";
import type { Db, Tx } from "../../db/client";
import { ideaComments, ideas, memberships } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { inTransaction } from "../points/ledger";
import { canSee, type IdeaMember, type IdeaRow, lockIdea, type Viewer } from "./access";
import { announceIdea } from "./live";
import { notifyMember } from "./notify";
import { needsPremoderation } from "./settings";
import { canSeeComment, commentOf } from "./view";

type CommentRow = typeof ideaComments.$inferSelect;

const viewerOf = (member: IdeaMember): Viewer => ({
  brandId: member.brandId,
  userId: member.userId,
  memberId: member.memberId,
  staff: member.staff,
});

const notFound = () => new DomainError("NOT_FOUND", "ideas.commentNotFound");

async function viewOf(tx: Tx, comment: CommentRow, member: IdeaMember, now: Date): Promise<IdeaComment> {
  const [author] = await tx
    .select({ handle: memberships.handle, role: memberships.role })
    .from(memberships)
    .where(eq(memberships.id, comment.authorId));
  if (!author) throw new Error("comment without an author");
  return commentOf(comment, author, viewerOf(member), { ideaId: comment.ideaId, now });
}

async function moveCount(tx: Tx, idea: IdeaRow, delta: 1 | -1): Promise<void> {
  const [after] = await tx
    .update(ideas)
    .set({ commentCount: sql`${ideas.commentCount} + ${delta}` })
    .where(eq(ideas.id, idea.id))
    .returning();
  if (!after) throw new Error("idea vanished under its lock");
  await announceIdea(tx, after, { wasVisible: idea.state === "published" });
}

/**
 * A member comments on an idea, or replies to a comment (a reply to a reply joins the same top-level
 * thread). The author's idempotency key makes a retry return the first comment. Held comments wait
 * for staff and are not counted until published.
 */
export async function addComment(db: Db, member: IdeaMember, input: z.infer<typeof commentInput>, now = new Date()): Promise<IdeaComment> {
  return inTransaction(db, async (tx) => {
    const viewer = viewerOf(member);
    const idea = await lockIdea(tx, member.brandId, input.ideaId);
    if (!canSee(viewer, idea)) throw new DomainError("NOT_FOUND", "ideas.notFound");
    if (idea.state !== "published" || idea.status === "duplicate") throw new DomainError("CONFLICT", "ideas.commentsClosed");
    if (idea.commentsLocked && !member.staff) throw new DomainError("CONFLICT", "ideas.commentsLocked");

    let parentId: string | null = null;
    let repliedTo: string | null = null;
    if (input.parentId) {
      const [parent] = await tx
        .select()
        .from(ideaComments)
        .where(and(eq(ideaComments.id, input.parentId), eq(ideaComments.ideaId, idea.id)));
      if (!parent || !canSeeComment(viewer, parent))
        throw new DomainError("NOT_FOUND", "ideas.commentNotFound", { parentId: "ideas.commentNotFound" });
      parentId = parent.parentId ?? parent.id;
      repliedTo = parent.authorId;
    }

    const held = await needsPremoderation(tx, member, now);
    const [comment] = await tx
      .insert(ideaComments)
      .values({
        brandId: member.brandId,
        ideaId: idea.id,
        authorId: member.memberId,
        parentId,
        body: input.body,
        official: member.staff,
        state: held ? "pending" : "published",
        createdAt: now,
        idempotencyKey: input.idempotencyKey,
      })
      .onConflictDoNothing({ target: [ideaComments.authorId, ideaComments.idempotencyKey] })
      .returning();
    if (!comment) {
      const [prior] = await tx
        .select()
        .from(ideaComments)
        .where(and(eq(ideaComments.authorId, member.memberId), eq(ideaComments.idempotencyKey, input.idempotencyKey)));
      if (!prior) throw new Error("comment insert conflicted but no prior comment");
      if (prior.ideaId !== idea.id || prior.body !== input.body || prior.parentId !== parentId) {
        throw new DomainError("CONFLICT", "points.keyReused", { idempotencyKey: "points.keyReused" });
      }
      return viewOf(tx, prior, member, now);
    }
    if (!held) {
      await moveCount(tx, idea, 1);
      await noticeOfComment(tx, idea, comment, repliedTo, member.userId, now);
    }
    return viewOf(tx, comment, member, now);
  });
}

/** Authors fix their own comment within a few minutes of posting it; later it stands as written. */
export async function editComment(
  db: Db,
  member: IdeaMember,
  input: z.infer<typeof editCommentInput>,
  now = new Date(),
): Promise<IdeaComment> {
  return inTransaction(db, async (tx) => {
    const viewer = viewerOf(member);
    const [found] = await tx
      .select({ comment: ideaComments, idea: { brandId: ideas.brandId, state: ideas.state, authorId: ideas.authorId } })
      .from(ideaComments)
      .innerJoin(ideas, eq(ideas.id, ideaComments.ideaId))
      .where(and(eq(ideaComments.id, input.commentId), eq(ideaComments.brandId, member.brandId)))
      .for("update", { of: ideaComments });
    if (!found || !canSee(viewer, found.idea) || !canSeeComment(viewer, found.comment)) throw notFound();
    const { comment } = found;
    if (comment.authorId !== member.memberId) throw new DomainError("FORBIDDEN", "ideas.notYourComment");
    if (comment.deletedAt) throw new DomainError("CONFLICT", "ideas.commentDeleted");
    if (now.getTime() - comment.createdAt.getTime() > COMMENT_EDIT_MINUTES * 60_000) {
      throw new DomainError("CONFLICT", "ideas.editWindowPassed");
    }
    const [edited] = await tx
      .update(ideaComments)
      .set({ body: input.body, editedAt: now })
      .where(eq(ideaComments.id, comment.id))
      .returning();
    if (!edited) throw notFound();
    return viewOf(tx, edited, member, now);
  });
}

/**
 * Soft delete by the author or staff: the row stays (staff may need it) but its text is never shown
 * again. Deleting twice is fine. Staff removing someone else's comment is audited.
 */
export async function deleteComment(
  db: Db,
  actor: IdeaMember,
  commentId: string,
  now = new Date(),
): Promise<{ id: string; deleted: true }> {
  return inTransaction(db, async (tx) => {
    const viewer = viewerOf(actor);
    const [located] = await tx
      .select({ ideaId: ideaComments.ideaId })
      .from(ideaComments)
      .where(and(eq(ideaComments.id, commentId), eq(ideaComments.brandId, actor.brandId)));
    if (!located) throw notFound();
    // The idea first, as every change of its counters does, then the comment.
    const idea = await lockIdea(tx, actor.brandId, located.ideaId);
    const [comment] = await tx.select().from(ideaComments).where(eq(ideaComments.id, commentId)).for("update");
    if (!comment || !canSee(viewer, idea) || !canSeeComment(viewer, comment)) throw notFound();
    const own = comment.authorId === actor.memberId;
    if (!own && !actor.staff) throw new DomainError("FORBIDDEN", "ideas.notYourComment");
    if (comment.deletedAt) return { id: comment.id, deleted: true };

    await tx.update(ideaComments).set({ deletedAt: now, deletedBy: actor.userId }).where(eq(ideaComments.id, comment.id));
    if (comment.state === "published") await moveCount(tx, idea, -1);
    if (!own) {
      await audit(tx, {
        brandId: actor.brandId,
        actorUserId: actor.userId,
        action: "comment.delete",
        targetType: "comment",
        targetId: comment.id,
        before: { ideaId: comment.ideaId, body: comment.body, state: comment.state },
        after: { deleted: true },
      });
    }
    return { id: comment.id, deleted: true };
  });
}

/**
 * A newly published comment (posted, or approved from the queue) tells the idea's author, and a reply
 * tells the author of the comment it answers; the writer is
 * never told of their own comment, and mutes apply. Status changes reach every follower; comments only
 * these two, so a busy idea does not flood its voters.
 */
export async function noticeOfComment(
  tx: Tx,
  idea: IdeaRow,
  comment: CommentRow,
  repliedTo: string | null,
  actorUserId: string,
  now: Date,
) {
  const base = { idea, kind: "idea.comment" as const, dedupeKey: `comment:${comment.id}`, actorUserId, now };
  await notifyMember(tx, { ...base, memberId: idea.authorId, payload: { title: idea.title, commentId: comment.id, reply: false } });
  if (repliedTo && repliedTo !== idea.authorId) {
    await notifyMember(tx, { ...base, memberId: repliedTo, payload: { title: idea.title, commentId: comment.id, reply: true } });
  }
}
