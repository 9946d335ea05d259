import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "../../db/client";
import { auditLog, ideaComments, ideaSettings } from "../../db/schema";
import { createBrand, openTestDb, uid } from "../../test/db";
import type { IdeaMember, IdeaRow } from "./access";
import { addComment, deleteComment, editComment } from "./comments";
import { getIdea } from "./ideas";
import { anonymous, ideaMember, ideaStaff, postIdea, refusal, setIdea, viewerOf } from "./test-fixtures";

let h: DbHandle;
let brand: { id: string; slug: string };
let author: IdeaMember;
let staff: IdeaMember;

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Comments brand");
  author = await ideaMember(h.db, brand.slug, "Author");
  staff = await ideaStaff(h.db, brand.slug);
});
afterAll(async () => {
  await h.close();
});

const say = (m: IdeaMember, idea: IdeaRow, body: string, over: { parentId?: string; idempotencyKey?: string } = {}, now?: Date) =>
  addComment(h.db, m, { ideaId: idea.id, body, idempotencyKey: `c-${uid()}`, ...over }, now);

async function counts(ideaId: string) {
  const [row] = rowsOf<{ comment_count: number; rows: number }>(
    await h.db.execute(sql`select i.comment_count, (select count(*) from idea_comments c where c.idea_id = i.id
      and c.state = 'published' and c.deleted_at is null)::int as rows from ideas i where i.id = ${ideaId}`),
  );
  return { commentCount: Number(row?.comment_count), rows: Number(row?.rows) };
}

describe("threads", () => {
  it("threads replies one level deep, oldest first, and flattens replies to replies", async () => {
    const idea = await postIdea(h.db, author);
    const a = await ideaMember(h.db, brand.slug, "Ann");
    const b = await ideaMember(h.db, brand.slug, "Bob");
    const t0 = Date.now();
    const first = await say(a, idea, "First **top** comment", {}, new Date(t0));
    const reply = await say(b, idea, "A reply", { parentId: first.id }, new Date(t0 + 1000));
    const nested = await say(a, idea, "A reply to the reply", { parentId: reply.id }, new Date(t0 + 2000));
    const second = await say(b, idea, "Second top comment", {}, new Date(t0 + 3000));
    expect(first).toMatchObject({ parentId: null, bodyHtml: "<p>First <strong>top</strong> comment</p>\n", official: false });
    expect(first.author).toEqual({ memberId: a.memberId, handle: a.handle, staff: false });
    expect(reply.parentId).toBe(first.id);
    expect(nested.parentId).toBe(first.id);

    const detail = await getIdea(h.db, viewerOf(b), idea.id, new Date(t0 + 4000));
    expect(detail.comments.map((c) => [c.id, c.replies.map((r) => r.id)])).toEqual([
      [first.id, [reply.id, nested.id]],
      [second.id, []],
    ]);
    expect(detail.commentCount).toBe(4);
    expect(await counts(idea.id)).toEqual({ commentCount: 4, rows: 4 });
  });

  it("refuses a parent from another idea or one that does not exist", async () => {
    const idea = await postIdea(h.db, author);
    const elsewhere = await postIdea(h.db, author);
    const c = await say(author, elsewhere, "Over there");
    expect(await refusal(say(author, idea, "Hi", { parentId: c.id }))).toMatchObject({ code: "NOT_FOUND", key: "ideas.commentNotFound" });
    expect(await refusal(say(author, idea, "Hi", { parentId: crypto.randomUUID() }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.commentNotFound",
    });
    expect(await counts(idea.id)).toEqual({ commentCount: 0, rows: 0 });
  });

  it("returns the first comment for a retried key and refuses the key with other text", async () => {
    const idea = await postIdea(h.db, author);
    const key = `c-${uid()}`;
    const results = await Promise.all(Array.from({ length: 5 }, () => say(author, idea, "Same words", { idempotencyKey: key })));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    expect(await refusal(say(author, idea, "Other words", { idempotencyKey: key }))).toMatchObject({
      code: "CONFLICT",
      key: "points.keyReused",
      fields: { idempotencyKey: "points.keyReused" },
    });
    expect(await counts(idea.id)).toEqual({ commentCount: 1, rows: 1 });
  });

  it("marks staff comments official and lets only staff comment on a locked idea", async () => {
    const idea = await postIdea(h.db, author);
    await setIdea(h.db, idea.id, { commentsLocked: true });
    expect(await refusal(say(author, idea, "Let me in"))).toMatchObject({ code: "CONFLICT", key: "ideas.commentsLocked" });
    const official = await say(staff, idea, "We are on it");
    expect(official).toMatchObject({ official: true, author: { staff: true }, state: "published" });
    const detail = await getIdea(h.db, viewerOf(author), idea.id);
    expect(detail.can.comment).toBe(false);
    expect((await getIdea(h.db, viewerOf(staff), idea.id)).can.comment).toBe(true);
  });

  it("closes comments on duplicates and on ideas waiting for moderation", async () => {
    const target = await postIdea(h.db, author);
    const dup = await postIdea(h.db, author);
    await setIdea(h.db, dup.id, { status: "duplicate", mergedIntoId: target.id });
    expect(await refusal(say(author, dup, "Hello"))).toMatchObject({ code: "CONFLICT", key: "ideas.commentsClosed" });
    const pending = await postIdea(h.db, author);
    await setIdea(h.db, pending.id, { state: "pending" });
    expect(await refusal(say(author, pending, "Hello"))).toMatchObject({ code: "CONFLICT", key: "ideas.commentsClosed" });
    const stranger = await ideaMember(h.db, brand.slug, "Stranger");
    expect(await refusal(say(stranger, pending, "Hello"))).toMatchObject({ code: "NOT_FOUND", key: "ideas.notFound" });
  });

  it("shows comments of ideas merged into this one, marked with where they came from", async () => {
    const target = await postIdea(h.db, author);
    const dup = await postIdea(h.db, author);
    const onDup = await say(author, dup, "Said on the duplicate");
    const onTarget = await say(author, target, "Said on the target");
    await setIdea(h.db, dup.id, { status: "duplicate", mergedIntoId: target.id });
    const detail = await getIdea(h.db, anonymous(brand.id), target.id);
    expect(detail.comments.map((c) => [c.id, c.fromIdeaId])).toEqual([
      [onDup.id, dup.id],
      [onTarget.id, null],
    ]);
    expect(detail.merged.map((m) => m.id)).toEqual([dup.id]);
    const dupDetail = await getIdea(h.db, anonymous(brand.id), dup.id);
    expect(dupDetail.mergedInto?.id).toBe(target.id);
    expect(dupDetail.can.vote).toBe(false);
  });
});

describe("pre-moderated comments", () => {
  it("holds a new member's comment: uncounted, shown to the author and staff only", async () => {
    const held = await createBrand(h, "Held comments");
    const heldAuthor = await ideaMember(h.db, held.slug, "Old");
    const idea = await postIdea(h.db, heldAuthor);
    await h.db.insert(ideaSettings).values({ brandId: held.id, premodDays: 30 });
    const newbie = await ideaMember(h.db, held.slug, "Newbie");
    const c = await say(newbie, idea, "My first words");
    expect(c.state).toBe("pending");
    expect(await counts(idea.id)).toEqual({ commentCount: 0, rows: 0 });
    expect((await getIdea(h.db, viewerOf(newbie), idea.id)).comments.map((x) => x.id)).toEqual([c.id]);
    expect((await getIdea(h.db, anonymous(held.id), idea.id)).comments).toEqual([]);
    const heldStaff = await ideaStaff(h.db, held.slug);
    expect((await getIdea(h.db, viewerOf(heldStaff), idea.id)).comments.map((x) => x.id)).toEqual([c.id]);
    // Deleting a held comment leaves the count alone.
    await deleteComment(h.db, newbie, c.id);
    expect(await counts(idea.id)).toEqual({ commentCount: 0, rows: 0 });
  });
});

describe("editing", () => {
  it("allows the author 15 minutes, and nobody else", async () => {
    const idea = await postIdea(h.db, author);
    const posted = new Date("2030-01-01T10:00:00Z");
    const c = await say(author, idea, "Tpyo here", {}, posted);
    const at = (minutes: number) => new Date(posted.getTime() + minutes * 60_000);

    const fixed = await editComment(h.db, author, { commentId: c.id, body: "Typo fixed" }, at(14));
    expect(fixed).toMatchObject({ body: "Typo fixed", bodyHtml: "<p>Typo fixed</p>\n", editedAt: at(14).toISOString(), canEdit: true });
    expect(await editComment(h.db, author, { commentId: c.id, body: "Right at the end" }, at(15))).toMatchObject({
      body: "Right at the end",
    });
    expect(await refusal(editComment(h.db, author, { commentId: c.id, body: "Too late" }, at(15.1)))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.editWindowPassed",
    });
    const other = await ideaMember(h.db, brand.slug, "Other");
    expect(await refusal(editComment(h.db, other, { commentId: c.id, body: "Mine now" }, at(1)))).toMatchObject({
      code: "FORBIDDEN",
      key: "ideas.notYourComment",
    });
    expect(await refusal(editComment(h.db, staff, { commentId: c.id, body: "Staff" }, at(1)))).toMatchObject({
      code: "FORBIDDEN",
      key: "ideas.notYourComment",
    });
    const view = (await getIdea(h.db, viewerOf(author), idea.id, at(16))).comments[0];
    expect(view).toMatchObject({ body: "Right at the end", canEdit: false, canDelete: true });
    expect((await getIdea(h.db, viewerOf(author), idea.id, at(10))).comments[0]?.canEdit).toBe(true);
  });

  it("cannot edit a deleted comment or one of another brand", async () => {
    const idea = await postIdea(h.db, author);
    const c = await say(author, idea, "Soon gone");
    await deleteComment(h.db, author, c.id);
    expect(await refusal(editComment(h.db, author, { commentId: c.id, body: "Back" }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.commentDeleted",
    });
    const otherBrand = await createBrand(h, "Elsewhere");
    const outsider = await ideaMember(h.db, otherBrand.slug, "Outsider");
    expect(await refusal(editComment(h.db, outsider, { commentId: c.id, body: "x" }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.commentNotFound",
    });
    expect(await refusal(deleteComment(h.db, outsider, c.id))).toMatchObject({ code: "NOT_FOUND", key: "ideas.commentNotFound" });
  });
});

describe("deleting", () => {
  it("soft-deletes for the author, twice is fine, and the count follows", async () => {
    const idea = await postIdea(h.db, author);
    const c = await say(author, idea, "Delete me");
    const keep = await say(author, idea, "Keep me");
    expect(await counts(idea.id)).toEqual({ commentCount: 2, rows: 2 });
    expect(await deleteComment(h.db, author, c.id)).toEqual({ id: c.id, deleted: true });
    expect(await deleteComment(h.db, author, c.id)).toEqual({ id: c.id, deleted: true });
    expect(await counts(idea.id)).toEqual({ commentCount: 1, rows: 1 });
    const [row] = await h.db.select().from(ideaComments).where(eq(ideaComments.id, c.id));
    expect(row).toMatchObject({ body: "Delete me", deletedBy: author.userId });
    const shown = (await getIdea(h.db, anonymous(brand.id), idea.id)).comments;
    expect(shown.map((x) => [x.id, x.deleted, x.body, x.bodyHtml, x.canDelete])).toEqual([
      [c.id, true, "", "", false],
      [keep.id, false, "Keep me", "<p>Keep me</p>\n", false],
    ]);
  });

  it("lets staff delete anyone's comment (audited) and refuses other members", async () => {
    const idea = await postIdea(h.db, author);
    const c = await say(author, idea, "Rude words");
    const other = await ideaMember(h.db, brand.slug, "Other");
    expect(await refusal(deleteComment(h.db, other, c.id))).toMatchObject({ code: "FORBIDDEN", key: "ideas.notYourComment" });
    await deleteComment(h.db, staff, c.id);
    expect(await counts(idea.id)).toEqual({ commentCount: 0, rows: 0 });
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, c.id), eq(auditLog.action, "comment.delete")));
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorUserId: staff.userId, targetType: "comment" });
    // Authors deleting their own comment are not audited.
    const own = await say(author, idea, "Mine");
    await deleteComment(h.db, author, own.id);
    expect(await h.db.select().from(auditLog).where(eq(auditLog.targetId, own.id))).toEqual([]);
  });
});

describe("comment notices", () => {
  it("tells the idea's author and the member replied to, never the writer, and not a member who muted the idea", async () => {
    const idea = await postIdea(h.db, author);
    const ann = await ideaMember(h.db, brand.slug, "Ann");
    const bob = await ideaMember(h.db, brand.slug, "Bob");
    const noticesOf = async (m: IdeaMember) =>
      rowsOf<{ kind: string; reply: boolean }>(
        await h.db.execute(
          sql`select kind, (payload->>'reply')::boolean as reply from notifications where member_id = ${m.memberId} and idea_id = ${idea.id} order by id`,
        ),
      );
    const top = await say(ann, idea, "Love it");
    await say(bob, idea, "Agreed with Ann", { parentId: top.id });
    expect(await noticesOf(author)).toEqual([
      { kind: "idea.comment", reply: false },
      { kind: "idea.comment", reply: false },
    ]);
    expect(await noticesOf(ann)).toEqual([{ kind: "idea.comment", reply: true }]);
    expect(await noticesOf(bob)).toEqual([]);

    await h.db.execute(sql`insert into idea_mutes (member_id, idea_id) values (${author.memberId}, ${idea.id})`);
    await say(bob, idea, "One more thought");
    expect(await noticesOf(author)).toHaveLength(2);
  });
});
