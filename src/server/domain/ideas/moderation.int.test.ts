import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { moderateInput } from "@/lib/validation/ideas";
import { type DbHandle, rowsOf } from "../../db/client";
import { auditLog, events, ideaFlags, ideaSettings, ideas, memberships, notifications } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb } from "../../test/db";
import { asMember, asStaff, ideaRow, newStaff, seedComment, seedIdea, staffBrands } from "../../test/ideas-seed";
import { expectLedgerInvariants, newMember } from "../../test/points";
import type { Member } from "../points/ledger";
import { flagContent, moderate, moderationQueue } from "./moderation";
import { needsPremoderation } from "./settings";
import { refusal } from "./test-fixtures";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let staff: Member;
let otherStaff: Member;

beforeAll(async () => {
  h = await openTestDb();
  ({ brand, other, staff, otherStaff } = await staffBrands(h, "Moderation"));
  await h.db.insert(ideaSettings).values({ brandId: brand.id, premodDays: 7 });
});
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await h.close();
});

/** A member who joined long enough ago not to be pre-moderated. */
async function veteran(name = "Veteran") {
  const m = await newMember(h.db, brand.slug, name);
  await h.db
    .update(memberships)
    .set({ joinedAt: new Date(Date.now() - 30 * 86_400_000) })
    .where(eq(memberships.id, m.memberId));
  return m;
}

const queueOf = async (kind: "all" | "ideas" | "comments" | "flags" = "all", limit = 50, cursor?: number) =>
  moderationQueue(h.db, asStaff(staff), { kind, limit, cursor });

describe("pre-moderation", () => {
  it("a new member's idea waits in the queue; approving publishes it, pays once and tells the author", async () => {
    const newbie = await newMember(h.db, brand.slug, "Newbie");
    expect(await needsPremoderation(h.db, asMember(newbie))).toBe(true);
    expect(await needsPremoderation(h.db, asMember(await veteran()))).toBe(false);
    const idea = await seedIdea(h.db, newbie, { state: "pending", publishedAt: null, title: "Refill stations", body: "In **every** shop" });

    const queued = (await queueOf("ideas")).items.find((i) => i.id === idea.id);
    expect(queued).toMatchObject({
      kind: "idea",
      ideaId: idea.id,
      ideaTitle: "Refill stations",
      commentId: null,
      text: "Refill stations\n\nIn **every** shop",
      state: "pending",
      flag: null,
      author: { memberId: newbie.memberId, staff: false },
    });

    const r = await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "approve" });
    expect(r).toEqual({ changed: true, state: "published", paid: 10 });
    const after = await ideaRow(h.db, idea.id);
    expect(after.state).toBe("published");
    expect(after.publishedAt).not.toBeNull();
    expect((await queueOf("ideas")).items.some((i) => i.id === idea.id)).toBe(false);
    expect(await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "approve" })).toEqual({
      changed: false,
      state: "published",
      paid: 0,
    });

    const notes = await h.db.select().from(notifications).where(eq(notifications.ideaId, idea.id));
    expect(notes.map((n) => [n.memberId, n.kind, (n.payload as { action: string }).action])).toEqual([
      [newbie.memberId, "idea.moderated", "approve"],
    ]);
    const live = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `brand:${brand.id}`));
    expect(live.some((e) => (e.payload as { ideaId?: string }).ideaId === idea.id && !(e.payload as { removed?: boolean }).removed)).toBe(
      true,
    );
    const audits = await h.db.select().from(auditLog).where(eq(auditLog.targetId, idea.id));
    expect(audits.map((a) => a.action)).toEqual(["idea.approve"]);
    expect(audits[0]?.before).toMatchObject({ state: "pending" });
    expect(audits[0]?.after).toMatchObject({ state: "published", paid: 10 });
  });

  it("rejecting needs a reason, keeps it for the author, and bad transitions conflict", async () => {
    const newbie = await newMember(h.db, brand.slug, "Rejected");
    const idea = await seedIdea(h.db, newbie, { state: "pending", publishedAt: null });
    expect(moderateInput.safeParse({ ideaId: idea.id, action: "reject" }).success).toBe(false);
    const r = await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "reject", reason: "Off topic" });
    expect(r).toEqual({ changed: true, state: "rejected", paid: 0 });
    expect(await ideaRow(h.db, idea.id)).toMatchObject({ state: "rejected", stateReason: "Off topic", publishedAt: null });
    expect(await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "reject", reason: "Off topic" })).toMatchObject({
      changed: false,
    });
    expect(await refusal(moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "hide", reason: "Spam!" }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.invalidTransition",
    });
    expect(await refusal(moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "unhide" }))).toMatchObject({
      code: "CONFLICT",
      key: "ideas.invalidTransition",
    });
    const [note] = await h.db.select().from(notifications).where(eq(notifications.ideaId, idea.id));
    expect(note?.payload).toMatchObject({ action: "reject", reason: "Off topic" });
    // Nothing about a rejected idea reached the brand's live topic.
    const live = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `brand:${brand.id}`));
    expect(live.some((e) => (e.payload as { ideaId?: string }).ideaId === idea.id)).toBe(false);
  });

  it("pending comments wait in the queue and count only once published", async () => {
    const author = await veteran();
    const idea = await seedIdea(h.db, author);
    const newbie = await newMember(h.db, brand.slug, "Commenter");
    const c = await seedComment(h.db, idea.id, newbie, { state: "pending", body: "First!" });
    expect((await ideaRow(h.db, idea.id)).commentCount).toBe(0);
    const queued = (await queueOf("comments")).items.find((i) => i.id === c.id);
    expect(queued).toMatchObject({ kind: "comment", ideaId: idea.id, commentId: c.id, text: "First!", state: "pending" });
    expect((await queueOf("ideas")).items.some((i) => i.id === c.id)).toBe(false);

    expect(await moderate(h.db, asStaff(staff), { commentId: c.id, action: "approve" })).toEqual({
      changed: true,
      state: "published",
      paid: 0,
    });
    expect((await ideaRow(h.db, idea.id)).commentCount).toBe(1);
    // Let through, the comment now tells the idea's author, as a comment posted directly would.
    const authorNotices = await h.db
      .select({ kind: notifications.kind })
      .from(notifications)
      .where(and(eq(notifications.memberId, author.memberId), eq(notifications.ideaId, idea.id)));
    expect(authorNotices).toEqual([{ kind: "idea.comment" }]);
    expect(await moderate(h.db, asStaff(staff), { commentId: c.id, action: "hide", reason: "Rude words" })).toMatchObject({
      state: "hidden",
    });
    expect((await ideaRow(h.db, idea.id)).commentCount).toBe(0);
    expect(await moderate(h.db, asStaff(staff), { commentId: c.id, action: "unhide" })).toMatchObject({
      changed: true,
      state: "published",
    });
    expect(await moderate(h.db, asStaff(staff), { commentId: c.id, action: "unhide" })).toMatchObject({ changed: false });
    expect((await ideaRow(h.db, idea.id)).commentCount).toBe(1);
    const edited = await moderate(h.db, asStaff(staff), { commentId: c.id, action: "edit", body: "First comment." });
    expect(edited.changed).toBe(true);
    const audits = await h.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, c.id))
      .orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(["comment.approve", "comment.hide", "comment.unhide", "comment.edit"]);
    const notes = await h.db.select().from(notifications).where(eq(notifications.memberId, newbie.memberId));
    expect(notes.map((n) => (n.payload as { action: string }).action).sort()).toEqual(["approve", "hide"]);
  });
});

describe("flags", () => {
  it("one flag per member, never on one's own content, and they land in the queue", async () => {
    const author = await veteran("Flagged author");
    const idea = await seedIdea(h.db, author);
    const [x, y] = [await veteran("Flagger X"), await veteran("Flagger Y")];
    expect(await flagContent(h.db, asMember(x), { target: "idea", id: idea.id, reason: "Spam link" })).toEqual({
      flagged: true,
      already: false,
    });
    expect(await flagContent(h.db, asMember(x), { target: "idea", id: idea.id, reason: "Spam again" })).toEqual({
      flagged: true,
      already: true,
    });
    expect(await flagContent(h.db, asMember(y), { target: "idea", id: idea.id, reason: "Advert" })).toEqual({
      flagged: true,
      already: false,
    });
    expect(await refusal(flagContent(h.db, asMember(author), { target: "idea", id: idea.id, reason: "Mine" }))).toMatchObject({
      code: "BAD_REQUEST",
      key: "ideas.flagOwn",
    });
    const comment = await seedComment(h.db, idea.id, x);
    expect(await flagContent(h.db, asMember(author), { target: "comment", id: comment.id, reason: "Insulting" })).toEqual({
      flagged: true,
      already: false,
    });
    const flags = (await queueOf("flags")).items.filter((i) => i.ideaId === idea.id);
    expect(flags.map((f) => [f.commentId, f.flag?.reason, f.flag?.openFlags, f.author.memberId])).toEqual([
      [null, "Spam link", 2, author.memberId],
      [null, "Advert", 2, author.memberId],
      [comment.id, "Insulting", 1, x.memberId],
    ]);
    expect(flags[0]?.flag?.reporterHandle).toBe(x.handle);
    expect(flags[0]?.text).toBe(`${idea.title}\n\n${idea.body}`);

    // Dismissing the comment's flag leaves the comment alone; hiding the idea resolves its flags.
    expect(await moderate(h.db, asStaff(staff), { commentId: comment.id, action: "dismiss" })).toEqual({
      changed: true,
      state: "published",
      paid: 0,
    });
    expect(await moderate(h.db, asStaff(staff), { commentId: comment.id, action: "dismiss" })).toMatchObject({ changed: false });
    expect(await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "hide", reason: "Advertising" })).toEqual({
      changed: true,
      state: "hidden",
      paid: 0,
    });
    expect((await queueOf("flags")).items.filter((i) => i.ideaId === idea.id)).toEqual([]);
    const resolved = await h.db.select().from(ideaFlags).where(eq(ideaFlags.ideaId, idea.id)).orderBy(asc(ideaFlags.id));
    expect(resolved.map((f) => f.resolution)).toEqual(["hidden", "hidden", "dismissed"]);
    // Hidden: members can no longer flag it, and the list pages hear it is gone.
    const z = await veteran("Flagger Z");
    expect(await refusal(flagContent(h.db, asMember(z), { target: "idea", id: idea.id, reason: "Late flag" }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.notFound",
    });
    const live = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `brand:${brand.id}`));
    expect(
      live.some(
        (e) => (e.payload as { ideaId?: string; removed?: boolean }).ideaId === idea.id && (e.payload as { removed?: boolean }).removed,
      ),
    ).toBe(true);
    expect(await moderate(h.db, asStaff(staff), { ideaId: idea.id, action: "unhide" })).toMatchObject({
      changed: true,
      state: "published",
    });
  });

  it("nobody flags what they cannot see", async () => {
    const author = await veteran("Hidden author");
    const pending = await seedIdea(h.db, author, { state: "pending", publishedAt: null });
    const x = await veteran("Curious");
    expect(await refusal(flagContent(h.db, asMember(x), { target: "idea", id: pending.id, reason: "Peek" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    const foreignAuthor = await newMember(h.db, other.slug, "Foreign");
    const foreign = await seedIdea(h.db, foreignAuthor);
    expect(await refusal(flagContent(h.db, asMember(x), { target: "idea", id: foreign.id, reason: "Cross" }))).toMatchObject({
      code: "NOT_FOUND",
    });
    const c = await seedComment(h.db, foreign.id, foreignAuthor);
    expect(await refusal(flagContent(h.db, asMember(x), { target: "comment", id: c.id, reason: "Cross" }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.commentNotFound",
    });
  });
});

describe("other staff actions", () => {
  it("pin, lock and edit are idempotent, and an edit recomputes the search vector", async () => {
    const author = await veteran("Editor");
    const idea = await seedIdea(h.db, author, { title: "Recycle bottles", body: "Old text", lang: "en" });
    const s = asStaff(staff);
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "pin" })).toMatchObject({ changed: true });
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "pin" })).toMatchObject({ changed: false });
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "lock" })).toMatchObject({ changed: true });
    expect(await ideaRow(h.db, idea.id)).toMatchObject({ pinned: true, commentsLocked: true });
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "unpin" })).toMatchObject({ changed: true });
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "unlock" })).toMatchObject({ changed: true });
    expect(await ideaRow(h.db, idea.id)).toMatchObject({ pinned: false, commentsLocked: false });

    expect(
      await moderate(h.db, s, {
        ideaId: idea.id,
        action: "edit",
        title: "Recycling glass bottles",
        body: "Return them in shops",
        tags: ["green"],
      }),
    ).toMatchObject({ changed: true });
    expect(await moderate(h.db, s, { ideaId: idea.id, action: "edit", title: "Recycling glass bottles" })).toMatchObject({
      changed: false,
    });
    const [row] = rowsOf<{ same: boolean; hit: boolean; title: string; tags: string[] }>(
      await h.db.execute(sql`
        select search = (setweight(to_tsvector('english', title), 'A') || setweight(to_tsvector('english', body), 'B')
          || setweight(to_tsvector('simple', title), 'C')) as same,
          search @@ plainto_tsquery('english', 'shop') as hit, title, tags
        from ideas where id = ${idea.id}`),
    );
    expect(row).toEqual({ same: true, hit: true, title: "Recycling glass bottles", tags: ["green"] });
    const [audit] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, idea.id), eq(auditLog.action, "idea.edit")));
    expect(audit?.before).toEqual({ title: "Recycle bottles", body: "Old text", tags: [] });
  });

  it("the queue filters by kind and pages oldest first", async () => {
    const solo = await createBrand(h, "Queue brand");
    const boss = await newStaff(h.db, solo.slug);
    const author = await newMember(h.db, solo.slug, "Queue author");
    const base = Date.now() - 10 * 60_000;
    const made = [];
    for (let i = 0; i < 5; i++)
      made.push(await seedIdea(h.db, author, { state: "pending", publishedAt: null, createdAt: new Date(base + i * 1000) }));
    const live = await seedIdea(h.db, author, { createdAt: new Date(base) });
    await seedComment(h.db, live.id, author, { state: "pending", createdAt: new Date(base + 2500) });
    const q = (kind: "all" | "ideas" | "comments" | "flags", limit: number, cursor?: number) =>
      moderationQueue(h.db, asStaff(boss), { kind, limit, cursor });
    const first = await q("all", 4);
    expect(first.items.map((i) => i.kind)).toEqual(["idea", "idea", "idea", "comment"]);
    expect(first.nextCursor).toBe(4);
    const second = await q("all", 4, first.nextCursor ?? 0);
    expect(second.items.map((i) => i.id)).toEqual([made[3]?.id, made[4]?.id]);
    expect(second.nextCursor).toBeNull();
    expect((await q("ideas", 50)).items).toHaveLength(5);
    expect((await q("comments", 50)).items).toHaveLength(1);
    expect((await q("flags", 50)).items).toHaveLength(0);
    // Another brand's staff see none of it.
    expect(
      (await moderationQueue(h.db, asStaff(otherStaff), { kind: "all", limit: 50 })).items.filter((i) => i.ideaId === live.id),
    ).toEqual([]);
  });
});

describe("who may moderate", () => {
  it("members are FORBIDDEN; other brands' staff get NOT_FOUND", async () => {
    const author = await veteran("Target");
    const idea = await seedIdea(h.db, author);
    const c = await seedComment(h.db, idea.id, author);
    const member = await veteran("Wannabe");
    const api = callerFor(h.db, member.userId).ideas;
    expect(await refusal(api.moderate({ brandSlug: brand.slug, ideaId: idea.id, action: "hide", reason: "Because" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await refusal(api.queue({ brandSlug: brand.slug }))).toMatchObject({ code: "FORBIDDEN" });

    const foreignApi = callerFor(h.db, otherStaff.userId).ideas;
    expect(await refusal(foreignApi.moderate({ brandSlug: other.slug, ideaId: idea.id, action: "hide", reason: "Because" }))).toMatchObject(
      {
        code: "NOT_FOUND",
        message: "ideas.notFound",
      },
    );
    expect(await refusal(foreignApi.moderate({ brandSlug: other.slug, commentId: c.id, action: "hide", reason: "Because" }))).toMatchObject(
      {
        code: "NOT_FOUND",
        message: "ideas.commentNotFound",
      },
    );
    expect(await refusal(foreignApi.moderate({ brandSlug: brand.slug, ideaId: idea.id, action: "pin" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await ideaRow(h.db, idea.id)).toMatchObject({ state: "published", pinned: false });

    // Staff of this brand, through the same API.
    const ok = await callerFor(h.db, staff.userId).ideas.moderate({ brandSlug: brand.slug, ideaId: idea.id, action: "pin" });
    expect(ok).toMatchObject({ changed: true });
    const [row] = await h.db.select({ pinned: ideas.pinned }).from(ideas).where(eq(ideas.id, idea.id));
    expect(row?.pinned).toBe(true);
  });
});
