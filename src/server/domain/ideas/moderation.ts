import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { z } from "zod";
import type { QueueItem } from "@/lib/ideas/types";
import type { ContentState, flagInput, ModerationAction, moderateInput, queueInput } from "@/lib/validation/ideas";
import { type Db, rowsOf, type Tx } from "../../db/client";
import { ideaComments, ideaFlags, ideas } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { inTransaction, memberOfRow } from "../points/ledger";
import { type IdeaMember, type IdeaRow, type IdeaStaff, lockIdea, SEARCH_CONFIG } from "./access";
import { noticeOfComment } from "./comments";
import { announceIdea } from "./live";
import { notifyMember } from "./notify";
import { paidTotal, payStage } from "./payoffs";

type CommentRow = typeof ideaComments.$inferSelect;
type Result = { changed: boolean; state: string; paid: number };

/**
 * A member flags a published idea or comment of someone else. The unique key allows one flag per member
 * and target: a second one reports `already` and writes nothing.
 */
export async function flagContent(
  db: Db,
  member: IdeaMember,
  input: z.infer<typeof flagInput>,
  now = new Date(),
): Promise<{ flagged: true; already: boolean }> {
  let ideaId: string;
  let authorId: string;
  if (input.target === "idea") {
    const [idea] = await db
      .select({ id: ideas.id, authorId: ideas.authorId })
      .from(ideas)
      .where(and(eq(ideas.id, input.id), eq(ideas.brandId, member.brandId), eq(ideas.state, "published")));
    if (!idea) throw new DomainError("NOT_FOUND", "ideas.notFound");
    ideaId = idea.id;
    authorId = idea.authorId;
  } else {
    const [comment] = await db
      .select({ ideaId: ideaComments.ideaId, authorId: ideaComments.authorId })
      .from(ideaComments)
      .innerJoin(ideas, eq(ideas.id, ideaComments.ideaId))
      .where(
        and(
          eq(ideaComments.id, input.id),
          eq(ideaComments.brandId, member.brandId),
          eq(ideaComments.state, "published"),
          isNull(ideaComments.deletedAt),
          eq(ideas.state, "published"),
        ),
      );
    if (!comment) throw new DomainError("NOT_FOUND", "ideas.commentNotFound");
    ideaId = comment.ideaId;
    authorId = comment.authorId;
  }
  if (authorId === member.memberId) throw new DomainError("BAD_REQUEST", "ideas.flagOwn");
  const inserted = await db
    .insert(ideaFlags)
    .values({
      brandId: member.brandId,
      targetType: input.target,
      targetId: input.id,
      ideaId,
      memberId: member.memberId,
      reason: input.reason,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: ideaFlags.id });
  return { flagged: true, already: inserted.length === 0 };
}

interface QueueRow {
  kind: QueueItem["kind"];
  id: string;
  idea_id: string;
  idea_title: string;
  comment_id: string | null;
  author_id: string;
  author_handle: string;
  author_role: string;
  text: string;
  state: ContentState;
  created_at: string | Date;
  reporter_handle: string | null;
  reason: string | null;
  open_flags: number | string | null;
}

/**
 * What waits for staff, oldest first: ideas and comments in pre-moderation and open flags. Text is the raw
 * source (staff never see member text rendered here). Offset paging: items leave the queue as staff work.
 */
export async function moderationQueue(
  db: Db,
  staff: IdeaStaff,
  input: z.infer<typeof queueInput>,
): Promise<{ items: QueueItem[]; nextCursor: number | null }> {
  const b = staff.brandId;
  const parts: SQL[] = [];
  if (input.kind === "all" || input.kind === "ideas") {
    parts.push(sql`
      select 'idea', i.id::text, i.id, i.title, null::uuid, i.author_id, i.title || E'\\n\\n' || i.body, i.state::text,
        i.created_at, null::text, null::text, null::int
      from ideas i where i.brand_id = ${b}::uuid and i.state = 'pending'`);
  }
  if (input.kind === "all" || input.kind === "comments") {
    parts.push(sql`
      select 'comment', c.id::text, c.idea_id, i.title, c.id, c.author_id, c.body, c.state::text, c.created_at,
        null::text, null::text, null::int
      from idea_comments c join ideas i on i.id = c.idea_id
      where c.brand_id = ${b}::uuid and c.state = 'pending' and c.deleted_at is null`);
  }
  if (input.kind === "all" || input.kind === "flags") {
    parts.push(sql`
      select 'flag', f.id::text, f.idea_id, i.title, c.id, coalesce(c.author_id, i.author_id),
        case when c.id is null then i.title || E'\\n\\n' || i.body when c.deleted_at is null then c.body else '' end,
        coalesce(c.state, i.state)::text, f.created_at, rm.handle, f.reason,
        (select count(*) from idea_flags o where o.target_type = f.target_type and o.target_id = f.target_id and o.resolved_at is null)::int
      from idea_flags f
      join ideas i on i.id = f.idea_id
      left join idea_comments c on f.target_type = 'comment' and c.id = f.target_id
      join memberships rm on rm.id = f.member_id
      where f.brand_id = ${b}::uuid and f.resolved_at is null`);
  }
  const offset = input.cursor ?? 0;
  const rows = rowsOf<QueueRow>(
    await db.execute(sql`
      select q.*, am.handle as author_handle, am.role::text as author_role
      from (${sql.join(parts, sql` union all `)})
        q(kind, id, idea_id, idea_title, comment_id, author_id, text, state, created_at, reporter_handle, reason, open_flags)
      join memberships am on am.id = q.author_id
      order by q.created_at, q.kind, q.id
      offset ${offset} limit ${input.limit + 1}`),
  );
  const items = rows.slice(0, input.limit).map(
    (r): QueueItem => ({
      kind: r.kind,
      id: r.id,
      ideaId: r.idea_id,
      ideaTitle: r.idea_title,
      commentId: r.comment_id,
      author: { memberId: r.author_id, handle: r.author_handle, staff: r.author_role !== "member" },
      text: r.text,
      state: r.state,
      createdAt: new Date(r.created_at).toISOString(),
      flag:
        r.kind === "flag"
          ? { reporterHandle: r.reporter_handle ?? "", reason: r.reason ?? "", openFlags: Number(r.open_flags ?? 0) }
          : null,
    }),
  );
  return { items, nextCursor: rows.length > input.limit ? offset + input.limit : null };
}

type ModerateInput = z.infer<typeof moderateInput>;

/** state → state moves of each verb; the target state already in effect is a no-op. */
const MOVES: Partial<Record<ModerationAction, { from: ContentState[]; to: ContentState }>> = {
  // Approving a rejected item lets staff reverse a mistaken rejection.
  approve: { from: ["pending", "rejected"], to: "published" },
  reject: { from: ["pending"], to: "rejected" },
  hide: { from: ["published"], to: "hidden" },
  unhide: { from: ["hidden"], to: "published" },
};

const NOTIFIED: ReadonlySet<ModerationAction> = new Set(["approve", "reject", "hide"]);

function nextState(action: ModerationAction, state: ContentState): ContentState | null {
  const move = MOVES[action];
  if (!move) return null;
  if (state === move.to) return null;
  if (!move.from.includes(state)) throw new DomainError("CONFLICT", "ideas.invalidTransition");
  return move.to;
}

async function resolveFlags(tx: Tx, staff: IdeaStaff, target: "idea" | "comment", targetId: string, resolution: string, now: Date) {
  const rows = await tx
    .update(ideaFlags)
    .set({ resolvedAt: now, resolvedBy: staff.userId, resolution })
    .where(
      and(
        eq(ideaFlags.brandId, staff.brandId),
        eq(ideaFlags.targetType, target),
        eq(ideaFlags.targetId, targetId),
        isNull(ideaFlags.resolvedAt),
      ),
    )
    .returning({ id: ideaFlags.id });
  return rows.length;
}

/**
 * A staff decision on an idea or a comment, under the idea's lock. Every change is audited; approve,
 * reject and hide tell the author; visibility and comment counts reach open pages through announceIdea.
 * Repeating a decision already in effect changes nothing and reports `changed: false`.
 */
export async function moderate(db: Db, staff: IdeaStaff, input: ModerateInput, now = new Date()): Promise<Result> {
  return inTransaction(db, async (tx) => {
    if (input.ideaId) return moderateIdea(tx, staff, input.ideaId, input, now);
    if (input.commentId) return moderateComment(tx, staff, input.commentId, input, now);
    throw new DomainError("BAD_REQUEST", "ideas.nameOneTarget");
  });
}

async function moderateIdea(tx: Tx, staff: IdeaStaff, ideaId: string, input: ModerateInput, now: Date): Promise<Result> {
  const idea = await lockIdea(tx, staff.brandId, ideaId);
  const reason = input.reason?.trim() || null;
  const set: PgUpdateSetSource<typeof ideas> = {};
  let flagsResolved = 0;
  let paid = 0;
  let stagePaid = false;
  const to = nextState(input.action, idea.state);
  if (to) {
    set.state = to;
    set.stateReason = to === "published" ? null : reason;
    if (input.action === "approve") set.publishedAt = now;
  }
  switch (input.action) {
    case "pin":
    case "unpin":
      if (idea.pinned !== (input.action === "pin")) set.pinned = input.action === "pin";
      break;
    case "lock":
    case "unlock":
      if (idea.commentsLocked !== (input.action === "lock")) set.commentsLocked = input.action === "lock";
      break;
    case "edit": {
      const title = input.title ?? idea.title;
      const body = input.body ?? idea.body;
      if (title !== idea.title) set.title = title;
      if (body !== idea.body) set.body = body;
      if (input.tags && input.tags.join("\u0000") !== idea.tags.join("\u0000")) set.tags = input.tags;
      if (set.title !== undefined || set.body !== undefined) {
        const cfg = SEARCH_CONFIG[idea.lang] ?? "simple";
        set.search = sql`setweight(to_tsvector(${cfg}::regconfig, ${title}), 'A') || setweight(to_tsvector(${cfg}::regconfig, ${body}), 'B')
          || setweight(to_tsvector('simple', ${title}), 'C')`;
      }
      break;
    }
    default:
      break;
  }
  let after: IdeaRow = idea;
  if (Object.keys(set).length > 0) {
    const [row] = await tx
      .update(ideas)
      .set({ ...set, updatedAt: now })
      .where(eq(ideas.id, idea.id))
      .returning();
    if (row) after = row;
  }
  if (input.action === "approve") {
    // Approval pays once, whether the idea came from the queue or was published straight away.
    const payoffs = await payStage(tx, after, "approved", now);
    stagePaid = payoffs !== null;
    paid = paidTotal(payoffs ?? []);
  }
  if (input.action === "hide" && to) flagsResolved = await resolveFlags(tx, staff, "idea", idea.id, "hidden", now);
  if (input.action === "dismiss") flagsResolved = await resolveFlags(tx, staff, "idea", idea.id, "dismissed", now);
  const changed = after !== idea || stagePaid || flagsResolved > 0;
  if (!changed) return { changed: false, state: idea.state, paid: 0 };
  await audit(tx, {
    brandId: staff.brandId,
    actorUserId: staff.userId,
    action: `idea.${input.action}`,
    targetType: "idea",
    targetId: idea.id,
    before: pick(idea, set),
    after: { ...pick(after, set), ...(paid ? { paid } : {}), ...(flagsResolved ? { flagsResolved } : {}) },
    reason,
  });
  if (to && NOTIFIED.has(input.action)) {
    await notifyMember(tx, {
      idea: after,
      memberId: idea.authorId,
      kind: "idea.moderated",
      payload: { action: input.action, target: "idea", reason, title: after.title },
      dedupeKey: `moderated:idea:${idea.id}:${input.action}:${now.getTime()}`,
      actorUserId: staff.userId,
      now,
    });
  }
  if (to) await announceIdea(tx, after, { wasVisible: idea.state === "published" });
  return { changed: true, state: after.state, paid };
}

async function moderateComment(tx: Tx, staff: IdeaStaff, commentId: string, input: ModerateInput, now: Date): Promise<Result> {
  const [found] = await tx
    .select({ ideaId: ideaComments.ideaId })
    .from(ideaComments)
    .where(and(eq(ideaComments.id, commentId), eq(ideaComments.brandId, staff.brandId)));
  if (!found) throw new DomainError("NOT_FOUND", "ideas.commentNotFound");
  const idea = await lockIdea(tx, staff.brandId, found.ideaId);
  const [comment] = await tx.select().from(ideaComments).where(eq(ideaComments.id, commentId)).for("update");
  if (!comment) throw new DomainError("NOT_FOUND", "ideas.commentNotFound");
  const reason = input.reason?.trim() || null;
  const set: PgUpdateSetSource<typeof ideaComments> = {};
  let flagsResolved = 0;
  const to = nextState(input.action, comment.state);
  if (to) {
    set.state = to;
    set.stateReason = to === "published" ? null : reason;
  }
  if (input.action === "edit" && input.body !== undefined && input.body !== comment.body) {
    if (input.body.length === 0) throw new DomainError("BAD_REQUEST", "ideas.commentRequired", { body: "ideas.commentRequired" });
    set.body = input.body;
    set.editedAt = now;
  }
  let after: CommentRow = comment;
  if (Object.keys(set).length > 0) {
    const [row] = await tx.update(ideaComments).set(set).where(eq(ideaComments.id, comment.id)).returning();
    if (row) after = row;
  }
  if (input.action === "hide" && to) flagsResolved = await resolveFlags(tx, staff, "comment", comment.id, "hidden", now);
  if (input.action === "dismiss") flagsResolved = await resolveFlags(tx, staff, "comment", comment.id, "dismissed", now);
  if (after === comment && flagsResolved === 0) return { changed: false, state: comment.state, paid: 0 };
  // comment_count counts published, not deleted comments: it moves when one enters or leaves that state.
  const counted = (c: CommentRow) => c.state === "published" && c.deletedAt === null;
  const delta = Number(counted(after)) - Number(counted(comment));
  let ideaAfter = idea;
  if (delta !== 0) {
    const [row] = await tx
      .update(ideas)
      .set({ commentCount: sql`${ideas.commentCount} + ${delta}` })
      .where(eq(ideas.id, idea.id))
      .returning();
    if (row) ideaAfter = row;
  }
  await audit(tx, {
    brandId: staff.brandId,
    actorUserId: staff.userId,
    action: `comment.${input.action}`,
    targetType: "comment",
    targetId: comment.id,
    before: pick(comment, set),
    after: { ...pick(after, set), ...(flagsResolved ? { flagsResolved } : {}) },
    reason,
  });
  if (to && NOTIFIED.has(input.action)) {
    await notifyMember(tx, {
      idea: ideaAfter,
      memberId: comment.authorId,
      kind: "idea.moderated",
      payload: { action: input.action, target: "comment", reason, title: ideaAfter.title },
      dedupeKey: `moderated:comment:${comment.id}:${input.action}:${now.getTime()}`,
      actorUserId: staff.userId,
      now,
    });
  }
  if (comment.state === "pending" && after.state === "published") {
    // A held comment reaches the idea's author (and the thread it answers) when it is let through.
    const [parent] = after.parentId
      ? await tx.select({ authorId: ideaComments.authorId }).from(ideaComments).where(eq(ideaComments.id, after.parentId))
      : [];
    const writer = await memberOfRow(tx, after.authorId);
    await noticeOfComment(tx, ideaAfter, after, parent?.authorId ?? null, writer.userId, now);
  }
  if (delta !== 0) await announceIdea(tx, ideaAfter, { wasVisible: idea.state === "published" });
  return { changed: true, state: after.state, paid: 0 };
}

/** The audited fields: those the action set (the search vector is derived, so it is left out). */
function pick<T extends object>(row: T, set: object): Partial<T> {
  const out: Partial<T> = {};
  for (const k of Object.keys(set)) {
    if (k !== "search") out[k as keyof T] = row[k as keyof T];
  }
  return out;
}
