import { and, asc, desc, eq, inArray, isNull, ne, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { IdeaComment, IdeaDetail, IdeaList, IdeaRef, RoadmapColumn, StatusChange } from "@/lib/ideas/types";
import { type createInput, type listInput, ROADMAP_STATUSES, type similarInput, type updateInput } from "@/lib/validation/ideas";
import { type Db, type DbOrTx, rowsOf } from "../../db/client";
import { ideaComments, ideaMutes, ideaStatusChanges, ideas, memberships, topicSeqs } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { inTransaction } from "../points/ledger";
import { canSee, type IdeaMember, lockIdea, type Viewer, visibleIdea } from "./access";
import { announceIdea } from "./live";
import { renderMarkdown } from "./markdown";
import { configOf, matches, rankOf, searchQuery, searchVector, titleContainsAny } from "./search";
import { needsPremoderation } from "./settings";
import { canSeeComment, commentOf, refOf, summaryFields, summaryOf, trendingScore } from "./view";

type ListInput = z.infer<typeof listInput>;

const TAGS_SHOWN = 30;
const ROADMAP_SIZE = 50;
const SIMILAR_SIZE = 5;
/** Authors may reword their idea until staff start acting on it. */
const AUTHOR_EDITABLE = new Set(["open", "under_review"]);
/** The roadmap order of the `status` sort: what is being built first, closed ideas last. */
const STATUS_ORDER = sql`case ${ideas.status} when 'in_progress' then 0 when 'planned' then 1 when 'under_review' then 2
  when 'open' then 3 when 'shipped' then 4 when 'declined' then 5 else 6 end`;

const viewerOf = (member: IdeaMember): Viewer => ({
  brandId: member.brandId,
  userId: member.userId,
  memberId: member.memberId,
  staff: member.staff,
});

function summaries(db: DbOrTx, viewer: Viewer, now: Date) {
  return db.select(summaryFields(viewer, now)).from(ideas).innerJoin(memberships, eq(memberships.id, ideas.authorId));
}

function sortOf(sort: ListInput["sort"], now: Date): SQL[] {
  switch (sort) {
    case "trending":
      return [desc(trendingScore(now)), desc(ideas.createdAt)];
    case "top":
      return [desc(ideas.voteCount), desc(ideas.createdAt)];
    case "newest":
      return [desc(ideas.createdAt)];
    case "status":
      return [asc(STATUS_ORDER), desc(ideas.voteCount), desc(ideas.createdAt)];
  }
}

/** Searching the list: the query may be in any of the four languages, so every configuration is tried. */
function listSearch(q: string | undefined): SQL | undefined {
  if (!q) return undefined;
  const query = searchQuery(q, ["english", "turkish", "simple"]);
  const like = titleContainsAny(q);
  if (!query) return like ?? undefined;
  return like ? or(matches(query), like) : matches(query);
}

/** The last sequence number of the brand topic that carries `idea:updated` (0 before its first event). */
async function brandSeq(db: DbOrTx, brandId: string): Promise<number> {
  const [topic] = await db
    .select({ seq: topicSeqs.seq })
    .from(topicSeqs)
    .where(eq(topicSeqs.topic, `brand:${brandId}`));
  return Number(topic?.seq ?? 0);
}

async function tagsInUse(db: DbOrTx, brandId: string): Promise<string[]> {
  const rows = rowsOf<{ tag: string }>(
    await db.execute(sql`
      select t.tag, count(*) as uses from ideas i, unnest(i.tags) as t(tag)
      where i.brand_id = ${brandId} and i.state = 'published'
      group by t.tag order by uses desc, t.tag limit ${TAGS_SHOWN}`),
  );
  return rows.map((r) => r.tag);
}

/**
 * Published ideas of the brand (duplicates only when asked for by status), or with `mine` the member's
 * own ideas in any state. Pinned ideas lead every sort; pages are offsets into the sorted list.
 */
export async function listIdeas(db: Db, viewer: Viewer, input: ListInput, now = new Date()): Promise<IdeaList> {
  const offset = input.cursor ?? 0;
  // Read before the rows: an event committed in between is then both in the rows and after `seq`, which a
  // page applies harmlessly, instead of in neither.
  const seq = await brandSeq(db, viewer.brandId);
  const tags = await tagsInUse(db, viewer.brandId);
  if (input.mine && !viewer.memberId) return { items: [], nextCursor: null, tags, seq };

  const conditions: (SQL | undefined)[] = [eq(ideas.brandId, viewer.brandId)];
  if (input.mine && viewer.memberId) conditions.push(eq(ideas.authorId, viewer.memberId));
  else {
    conditions.push(eq(ideas.state, "published"));
    if (input.status !== "duplicate") conditions.push(ne(ideas.status, "duplicate"));
  }
  if (input.status) conditions.push(eq(ideas.status, input.status));
  if (input.tag) conditions.push(sql`${ideas.tags} @> array[${input.tag}::text]`);
  conditions.push(listSearch(input.q));

  const rows = await summaries(db, viewer, now)
    .where(and(...conditions))
    .orderBy(desc(ideas.pinned), ...sortOf(input.sort, now), asc(ideas.id))
    .limit(input.limit + 1)
    .offset(offset);
  const more = rows.length > input.limit;
  return { items: rows.slice(0, input.limit).map(summaryOf), nextCursor: more ? offset + input.limit : null, tags, seq };
}

/** Threads comments one level deep, oldest first; a reply whose parent the viewer cannot see stands alone. */
function thread(list: IdeaComment[]): IdeaComment[] {
  const top = new Map<string, IdeaComment>();
  for (const c of list) if (c.parentId === null) top.set(c.id, c);
  const out: IdeaComment[] = [];
  for (const c of list) {
    const parent = c.parentId === null ? undefined : top.get(c.parentId);
    if (parent) parent.replies.push(c);
    else out.push(c);
  }
  return out;
}

export async function getIdea(db: Db, viewer: Viewer, ideaId: string, now = new Date()): Promise<IdeaDetail> {
  const idea = await visibleIdea(db, viewer, ideaId);
  const [row] = await summaries(db, viewer, now).where(eq(ideas.id, idea.id));
  if (!row) throw new DomainError("NOT_FOUND", "ideas.notFound");

  const refColumns = {
    id: ideas.id,
    title: ideas.title,
    status: ideas.status,
    voteCount: ideas.voteCount,
    brandId: ideas.brandId,
    state: ideas.state,
    authorId: ideas.authorId,
  };
  const mergedRows = await db
    .select(refColumns)
    .from(ideas)
    .where(and(eq(ideas.brandId, idea.brandId), eq(ideas.mergedIntoId, idea.id)))
    .orderBy(asc(ideas.createdAt));
  const [target] = idea.mergedIntoId
    ? await db
        .select(refColumns)
        .from(ideas)
        .where(and(eq(ideas.brandId, idea.brandId), eq(ideas.id, idea.mergedIntoId)))
    : [];

  const commentRows = await db
    .select({ comment: ideaComments, handle: memberships.handle, role: memberships.role })
    .from(ideaComments)
    .innerJoin(memberships, eq(memberships.id, ideaComments.authorId))
    .where(inArray(ideaComments.ideaId, [idea.id, ...mergedRows.map((m) => m.id)]))
    .orderBy(asc(ideaComments.createdAt), asc(ideaComments.id));
  const comments = thread(
    commentRows.filter((r) => canSeeComment(viewer, r.comment)).map((r) => commentOf(r.comment, r, viewer, { ideaId: idea.id, now })),
  );

  const historyRows = await db
    .select({ change: ideaStatusChanges, handle: memberships.handle })
    .from(ideaStatusChanges)
    .leftJoin(memberships, and(eq(memberships.userId, ideaStatusChanges.actorUserId), eq(memberships.brandId, idea.brandId)))
    .where(eq(ideaStatusChanges.ideaId, idea.id))
    .orderBy(asc(ideaStatusChanges.id));
  const history: StatusChange[] = historyRows.map(({ change, handle }) => ({
    id: change.id,
    from: change.fromStatus,
    to: change.toStatus,
    note: change.note,
    actorHandle: handle ?? null,
    at: change.createdAt.toISOString(),
  }));

  const mutes = viewer.memberId
    ? await db
        .select({ ideaId: ideaMutes.ideaId })
        .from(ideaMutes)
        .where(and(eq(ideaMutes.memberId, viewer.memberId), or(eq(ideaMutes.ideaId, idea.id), isNull(ideaMutes.ideaId))))
    : [];
  const seq = await brandSeq(db, idea.brandId);

  const member = viewer.memberId !== null;
  const author = member && idea.authorId === viewer.memberId;
  const open = idea.state === "published" && idea.status !== "duplicate";
  return {
    ...summaryOf(row),
    body: idea.body,
    bodyHtml: renderMarkdown(idea.body),
    statusNote: idea.statusNote,
    stateReason: author || viewer.staff ? idea.stateReason : null,
    commentsLocked: idea.commentsLocked,
    mergedInto: target && canSee(viewer, target) ? refOf(target) : null,
    merged: mergedRows.filter((m) => canSee(viewer, m)).map(refOf),
    comments,
    history,
    muted: mutes.some((m) => m.ideaId === idea.id),
    mutedAll: mutes.some((m) => m.ideaId === null),
    can: {
      vote: member && open,
      comment: member && open && (!idea.commentsLocked || viewer.staff),
      edit: (author && AUTHOR_EDITABLE.has(idea.status)) || viewer.staff,
      moderate: viewer.staff,
      flag: member && !author,
    },
    seq,
  };
}

/** The public roadmap: the most wanted planned, in-progress and shipped ideas. */
export async function roadmap(db: Db, viewer: Viewer, now = new Date()): Promise<RoadmapColumn[]> {
  return Promise.all(
    ROADMAP_STATUSES.map(async (status) => {
      const rows = await summaries(db, viewer, now)
        .where(and(eq(ideas.brandId, viewer.brandId), eq(ideas.state, "published"), eq(ideas.status, status)))
        .orderBy(desc(ideas.voteCount), desc(ideas.createdAt), asc(ideas.id))
        .limit(ROADMAP_SIZE);
      return { status, items: rows.map(summaryOf) };
    }),
  );
}

/**
 * Ideas like the title being typed, so members vote instead of posting a duplicate: full-text matches
 * in the reader's language or by word prefix, best first; when nothing matches, titles that contain
 * one of the words (suffixed Georgian and Azerbaijani words defeat the `simple` configuration).
 */
export async function similarIdeas(db: Db, viewer: Viewer, input: z.infer<typeof similarInput>): Promise<IdeaRef[]> {
  const title = input.title.trim();
  if (title.length < 3) return [];
  const query = searchQuery(title, [configOf(input.locale)]);
  if (!query) return [];
  const fields = { id: ideas.id, title: ideas.title, status: ideas.status, voteCount: ideas.voteCount };
  const candidates = and(
    eq(ideas.brandId, viewer.brandId),
    eq(ideas.state, "published"),
    ne(ideas.status, "duplicate"),
    input.excludeId ? ne(ideas.id, input.excludeId) : undefined,
  );
  const found = await db
    .select(fields)
    .from(ideas)
    .where(and(candidates, matches(query)))
    .orderBy(desc(rankOf(query)), desc(ideas.voteCount), desc(ideas.createdAt))
    .limit(SIMILAR_SIZE);
  if (found.length > 0) return found.map(refOf);
  const like = titleContainsAny(title);
  if (!like) return [];
  const loose = await db
    .select(fields)
    .from(ideas)
    .where(and(candidates, like))
    .orderBy(desc(ideas.voteCount), desc(ideas.createdAt))
    .limit(SIMILAR_SIZE);
  return loose.map(refOf);
}

const sameTags = (a: string[], b: string[]) => a.length === b.length && a.every((t, i) => t === b[i]);

/**
 * A member posts an idea. The author's idempotency key makes a retried submission return the first
 * idea; the same key with different content is refused. Held for moderation when the brand says so.
 */
export async function createIdea(
  db: Db,
  member: IdeaMember,
  input: z.infer<typeof createInput>,
  now = new Date(),
): Promise<{ id: string; state: "pending" | "published"; replayed: boolean }> {
  return inTransaction(db, async (tx) => {
    const held = await needsPremoderation(tx, member, now);
    const state = held ? "pending" : "published";
    const [idea] = await tx
      .insert(ideas)
      .values({
        brandId: member.brandId,
        authorId: member.memberId,
        title: input.title,
        body: input.body,
        tags: input.tags,
        lang: input.locale,
        state,
        search: searchVector(input.locale, input.title, input.body),
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
        updatedAt: now,
        publishedAt: held ? null : now,
      })
      .onConflictDoNothing({ target: [ideas.authorId, ideas.idempotencyKey] })
      .returning();
    if (!idea) {
      const [prior] = await tx
        .select()
        .from(ideas)
        .where(and(eq(ideas.authorId, member.memberId), eq(ideas.idempotencyKey, input.idempotencyKey)));
      if (!prior) throw new Error("idea insert conflicted but no prior idea");
      if (prior.title !== input.title || prior.body !== input.body || !sameTags(prior.tags, input.tags)) {
        throw new DomainError("CONFLICT", "points.keyReused", { idempotencyKey: "points.keyReused" });
      }
      return { id: prior.id, state: prior.state === "published" ? "published" : "pending", replayed: true };
    }
    await tx
      .insert(ideaStatusChanges)
      .values({ ideaId: idea.id, fromStatus: null, toStatus: "open", actorUserId: member.userId, createdAt: now });
    if (!held) await announceIdea(tx, idea);
    return { id: idea.id, state, replayed: false };
  });
}

/**
 * Rewording an idea: its author while nobody has started on it, staff at any time (audited when it is
 * someone else's idea). The search vector follows the new text.
 */
export async function updateIdea(db: Db, actor: IdeaMember, input: z.infer<typeof updateInput>, now = new Date()): Promise<{ id: string }> {
  return inTransaction(db, async (tx) => {
    const idea = await lockIdea(tx, actor.brandId, input.ideaId);
    if (!canSee(viewerOf(actor), idea)) throw new DomainError("NOT_FOUND", "ideas.notFound");
    const author = idea.authorId === actor.memberId;
    if (!actor.staff && !(author && AUTHOR_EDITABLE.has(idea.status))) throw new DomainError("FORBIDDEN", "ideas.cannotEdit");
    const next = { title: input.title ?? idea.title, body: input.body ?? idea.body, tags: input.tags ?? idea.tags };
    await tx
      .update(ideas)
      .set({ ...next, search: searchVector(idea.lang, next.title, next.body), updatedAt: now })
      .where(eq(ideas.id, idea.id));
    if (actor.staff && !author) {
      await audit(tx, {
        brandId: actor.brandId,
        actorUserId: actor.userId,
        action: "idea.edit",
        targetType: "idea",
        targetId: idea.id,
        before: { title: idea.title, body: idea.body, tags: idea.tags },
        after: next,
      });
    }
    return { id: idea.id };
  });
}
