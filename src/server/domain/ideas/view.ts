import { getTableColumns, type SQL, sql } from "drizzle-orm";
import type { IdeaAuthor, IdeaComment, IdeaRef, IdeaSummary } from "@/lib/ideas/types";
import { COMMENT_EDIT_MINUTES } from "@/lib/validation/ideas";
import { type ideaComments, ideas, memberships } from "../../db/schema";
import type { IdeaRow, Viewer } from "./access";
import { plainExcerpt, renderMarkdown } from "./markdown";

type Role = (typeof memberships.$inferSelect)["role"];
type CommentRow = typeof ideaComments.$inferSelect;

const { search: _search, ...ideaColumns } = getTableColumns(ideas);

/** Every column of an idea but its search vector, which nobody reads back. */
export type IdeaFields = Omit<IdeaRow, "search">;

/**
 * Trending score, the same for every list and page:
 *
 *   trending = (1 + v7 + 2·c7) / (age_hours + 2)^1.2
 *
 * v7 = votes cast in the last 7 days, c7 = published, not deleted comments of the last 7 days,
 * age_hours = hours since the idea was published (or created). Recent activity lifts an idea, a
 * comment weighs twice a vote, and age slowly pulls everything down, so a new idea with a few fresh
 * votes overtakes an old one that collected more votes long ago. The `+ 1` lets brand-new ideas
 * without votes surface at all; the `+ 2` keeps the first hours from dividing by almost nothing.
 */
export function trendingScore(now: Date): SQL<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  return sql<number>`((1
    + (select count(*) from idea_votes tv where tv.idea_id = ${ideas.id}
        and tv.created_at > ${at} - interval '7 days' and tv.created_at <= ${at})
    + 2 * (select count(*) from idea_comments tc where tc.idea_id = ${ideas.id} and tc.state = 'published'
        and tc.deleted_at is null and tc.created_at > ${at} - interval '7 days' and tc.created_at <= ${at}))
    / power(greatest(extract(epoch from (${at} - coalesce(${ideas.publishedAt}, ${ideas.createdAt}))) / 3600, 0) + 2, 1.2))`;
}

/** The columns a list row needs; select them from `ideas` joined to the author's membership. */
export function summaryFields(viewer: Viewer, now: Date) {
  return {
    idea: ideaColumns,
    handle: memberships.handle,
    role: memberships.role,
    voted: viewer.memberId
      ? sql<boolean>`exists (select 1 from idea_votes vv where vv.idea_id = ${ideas.id} and vv.member_id = ${viewer.memberId})`
      : sql<boolean>`false`,
    trending: sql<string>`round((${trendingScore(now)})::numeric, 4)`,
  };
}

export interface SummaryRow {
  idea: IdeaFields;
  handle: string;
  role: Role;
  voted: boolean;
  trending: string | number;
}

export function authorOf(memberId: string, handle: string, role: Role): IdeaAuthor {
  return { memberId, handle, staff: role !== "member" };
}

export function summaryOf(row: SummaryRow): IdeaSummary {
  const { idea } = row;
  return {
    id: idea.id,
    title: idea.title,
    excerpt: plainExcerpt(idea.body, 200),
    tags: idea.tags,
    status: idea.status,
    state: idea.state,
    author: authorOf(idea.authorId, row.handle, row.role),
    voteCount: idea.voteCount,
    commentCount: idea.commentCount,
    pinned: idea.pinned,
    voted: Boolean(row.voted),
    createdAt: idea.createdAt.toISOString(),
    trending: Number(row.trending),
  };
}

export function refOf(idea: Pick<IdeaRow, "id" | "title" | "status" | "voteCount">): IdeaRef {
  return { id: idea.id, title: idea.title, status: idea.status, voteCount: idea.voteCount };
}

/** Members see published comments; the author also their own held ones; staff everything. */
export function canSeeComment(viewer: Viewer, comment: Pick<CommentRow, "state" | "authorId">): boolean {
  return comment.state === "published" || viewer.staff || (viewer.memberId !== null && comment.authorId === viewer.memberId);
}

export function canEditComment(viewer: Viewer, comment: Pick<CommentRow, "authorId" | "createdAt" | "deletedAt">, now: Date): boolean {
  return (
    comment.deletedAt === null &&
    viewer.memberId !== null &&
    comment.authorId === viewer.memberId &&
    now.getTime() - comment.createdAt.getTime() <= COMMENT_EDIT_MINUTES * 60_000
  );
}

/** A comment as the viewer sees it: a deleted one keeps its place in the thread but none of its text. */
export function commentOf(
  comment: CommentRow,
  author: { handle: string; role: Role },
  viewer: Viewer,
  opts: { ideaId: string; now: Date },
): IdeaComment {
  const deleted = comment.deletedAt !== null;
  const own = viewer.memberId !== null && comment.authorId === viewer.memberId;
  return {
    id: comment.id,
    parentId: comment.parentId,
    author: authorOf(comment.authorId, author.handle, author.role),
    bodyHtml: deleted ? "" : renderMarkdown(comment.body),
    body: deleted ? "" : comment.body,
    official: comment.official,
    state: comment.state,
    stateReason: own || viewer.staff ? comment.stateReason : null,
    deleted,
    createdAt: comment.createdAt.toISOString(),
    editedAt: comment.editedAt?.toISOString() ?? null,
    canEdit: canEditComment(viewer, comment, opts.now),
    canDelete: !deleted && (own || viewer.staff),
    fromIdeaId: comment.ideaId === opts.ideaId ? null : comment.ideaId,
    replies: [],
  };
}
