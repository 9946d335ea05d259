import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listInput } from "@/lib/validation/ideas";
import type { DbHandle } from "../../db/client";
import { auditLog, ideaComments, ideaMutes, ideaSettings, ideaStatusChanges, ideas, ideaVotes } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import type { IdeaMember, Viewer } from "./access";
import { createIdea, getIdea, listIdeas, roadmap, similarIdeas, updateIdea } from "./ideas";
import { anonymous, bulkMembers, ideaMember, ideaStaff, postIdea, refusal, setIdea, viewerOf } from "./test-fixtures";

let h: DbHandle;
let brand: { id: string; slug: string };
let author: IdeaMember & { handle: string };
let staff: IdeaMember & { handle: string };

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Ideas brand");
  author = await ideaMember(h.db, brand.slug, "Author");
  staff = await ideaStaff(h.db, brand.slug);
});
afterAll(async () => {
  await h.close();
});

const list = (viewer: Viewer, input: Partial<ReturnType<typeof listInput.parse>> = {}, now?: Date) =>
  listIdeas(h.db, viewer, listInput.parse({ limit: 50, ...input }), now);
const ids = (items: { id: string }[]) => items.map((i) => i.id);

describe("creating ideas", () => {
  it("publishes, records the first status and replays a retried key", async () => {
    const key = `k-${uid()}`;
    const input = {
      title: "Refill station for bottles",
      body: "Please **add** one",
      tags: ["eco"],
      locale: "en" as const,
      idempotencyKey: key,
    };
    const first = await createIdea(h.db, author, input);
    expect(first).toMatchObject({ state: "published", replayed: false });
    const again = await Promise.all([createIdea(h.db, author, input), createIdea(h.db, author, input)]);
    expect(again.map((r) => [r.id, r.replayed])).toEqual([
      [first.id, true],
      [first.id, true],
    ]);
    expect(await refusal(createIdea(h.db, author, { ...input, title: "Another title entirely" }))).toMatchObject({
      code: "CONFLICT",
      key: "points.keyReused",
      fields: { idempotencyKey: "points.keyReused" },
    });
    expect(
      await h.db
        .select()
        .from(ideas)
        .where(and(eq(ideas.authorId, author.memberId), eq(ideas.idempotencyKey, key))),
    ).toHaveLength(1);
    const [row] = await h.db.select().from(ideas).where(eq(ideas.id, first.id));
    expect(row).toMatchObject({ lang: "en", status: "open", state: "published", voteCount: 0, commentCount: 0 });
    expect(row?.publishedAt).toBeInstanceOf(Date);
    expect(row?.search).toContain("'refil':1A");
    const history = await h.db.select().from(ideaStatusChanges).where(eq(ideaStatusChanges.ideaId, first.id));
    expect(history).toMatchObject([{ fromStatus: null, toStatus: "open", actorUserId: author.userId }]);

    const detail = await getIdea(h.db, viewerOf(author), first.id);
    expect(detail).toMatchObject({
      title: "Refill station for bottles",
      body: "Please **add** one",
      bodyHtml: "<p>Please <strong>add</strong> one</p>\n",
      excerpt: "Please add one",
      tags: ["eco"],
      author: { memberId: author.memberId, handle: author.handle, staff: false },
      history: [{ from: null, to: "open", actorHandle: author.handle, note: null }],
      can: { vote: true, comment: true, edit: true, moderate: false, flag: false },
      muted: false,
      mutedAll: false,
    });
    expect(detail.seq).toBeGreaterThan(0);
  });

  it("holds a new member's idea when the brand pre-moderates", async () => {
    const held = await createBrand(h, "Held ideas");
    await h.db.insert(ideaSettings).values({ brandId: held.id, premodDays: 7 });
    const newbie = await ideaMember(h.db, held.slug, "Newbie");
    const r = await createIdea(h.db, newbie, {
      title: "Waiting for a moderator",
      body: "",
      tags: [],
      locale: "tr",
      idempotencyKey: `k-${uid()}`,
    });
    expect(r.state).toBe("pending");
    const [row] = await h.db.select().from(ideas).where(eq(ideas.id, r.id));
    expect(row).toMatchObject({ state: "pending", publishedAt: null, lang: "tr" });
    expect(ids((await list(anonymous(held.id))).items)).toEqual([]);
    expect((await list(viewerOf(newbie), { mine: true })).items).toMatchObject([{ id: r.id, state: "pending" }]);
  });
});

describe("updating ideas", () => {
  it("lets the author edit while open or under review, staff always (audited)", async () => {
    const idea = await postIdea(h.db, author, { title: "Original wording here" });
    await updateIdea(h.db, author, { ideaId: idea.id, title: "Bicycle parking at the entrance", tags: ["bikes"] });
    const [row] = await h.db.select().from(ideas).where(eq(ideas.id, idea.id));
    expect(row).toMatchObject({ title: "Bicycle parking at the entrance", tags: ["bikes"], body: "" });
    expect(row?.search).toContain("bicycl");
    expect(await h.db.select().from(auditLog).where(eq(auditLog.targetId, idea.id))).toEqual([]);

    const other = await ideaMember(h.db, brand.slug, "Other");
    expect(await refusal(updateIdea(h.db, other, { ideaId: idea.id, title: "Hijacked title" }))).toMatchObject({
      code: "FORBIDDEN",
      key: "ideas.cannotEdit",
    });
    await setIdea(h.db, idea.id, { status: "planned" });
    expect(await refusal(updateIdea(h.db, author, { ideaId: idea.id, body: "late change" }))).toMatchObject({
      code: "FORBIDDEN",
      key: "ideas.cannotEdit",
    });
    expect((await getIdea(h.db, viewerOf(author), idea.id)).can.edit).toBe(false);

    expect(await updateIdea(h.db, staff, { ideaId: idea.id, body: "Clarified by staff" })).toEqual({ id: idea.id });
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, idea.id), eq(auditLog.action, "idea.edit")));
    expect(audits).toMatchObject([{ actorUserId: staff.userId, targetType: "idea", after: { body: "Clarified by staff" } }]);

    const otherBrand = await createBrand(h, "Elsewhere");
    const outsider = await ideaMember(h.db, otherBrand.slug);
    expect(await refusal(updateIdea(h.db, { ...outsider, staff: true }, { ideaId: idea.id, title: "Cross brand edit" }))).toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("visibility", () => {
  it("hides a hidden idea from other members everywhere but shows it to its author and staff", async () => {
    const title = `Hidden lantern festival ${uid()}`;
    const idea = await postIdea(h.db, author, { title });
    await setIdea(h.db, idea.id, { state: "hidden", stateReason: "off topic" });
    const other = await ideaMember(h.db, brand.slug, "Other");
    for (const viewer of [viewerOf(other), anonymous(brand.id)]) {
      expect(ids((await list(viewer)).items)).not.toContain(idea.id);
      expect(await refusal(getIdea(h.db, viewer, idea.id))).toMatchObject({ code: "NOT_FOUND", key: "ideas.notFound" });
      expect(ids(await similarIdeas(h.db, viewer, { title: "lantern festival" }))).not.toContain(idea.id);
    }
    expect(await getIdea(h.db, viewerOf(author), idea.id)).toMatchObject({ state: "hidden", stateReason: "off topic" });
    expect(ids((await list(viewerOf(author), { mine: true })).items)).toContain(idea.id);
    expect(await getIdea(h.db, viewerOf(staff), idea.id)).toMatchObject({
      state: "hidden",
      stateReason: "off topic",
      can: { moderate: true },
    });
    expect((await list(anonymous(brand.id), { mine: true })).items).toEqual([]);
  });

  it("keeps another brand's idea looking missing, through tRPC too", async () => {
    const idea = await postIdea(h.db, author);
    const otherBrand = await createBrand(h, "Brand B");
    const outsider = await ideaMember(h.db, otherBrand.slug, "Outsider");
    expect(await refusal(getIdea(h.db, viewerOf(outsider), idea.id))).toMatchObject({ code: "NOT_FOUND" });
    const caller = callerFor(h.db, outsider.userId);
    expect(await refusal(caller.ideas.get({ brandSlug: otherBrand.slug, ideaId: idea.id }))).toMatchObject({ code: "NOT_FOUND" });
    expect(ids((await caller.ideas.list({ brandSlug: otherBrand.slug })).items)).toEqual([]);
  });
});

describe("listing", () => {
  it("filters, sorts with pinned first, pages, and lists tags by use", async () => {
    const b = await createBrand(h, "List brand");
    const m = await ideaMember(h.db, b.slug, "Lister");
    const t0 = new Date("2030-05-01T00:00:00Z");
    const at = (h_: number) => new Date(t0.getTime() + h_ * 3_600_000);
    const a = await postIdea(h.db, m, { title: "Apple pie recipes", tags: ["food", "sweet"] }, at(0));
    const bb = await postIdea(h.db, m, { title: "Bicycle repair corner", tags: ["bikes"] }, at(1));
    const c = await postIdea(h.db, m, { title: "Coffee on Sundays", tags: ["food"] }, at(2));
    const d = await postIdea(h.db, m, { title: "Duplicate of apple pie", tags: ["food"] }, at(3));
    await setIdea(h.db, d.id, { status: "duplicate", mergedIntoId: a.id });
    const voters = await bulkMembers(h.db, b.id, 3);
    await h.db.insert(ideaVotes).values(voters.map((v) => ({ ideaId: bb.id, memberId: v.memberId, createdAt: at(1) })));
    await setIdea(h.db, bb.id, { voteCount: 3, status: "planned" });
    await setIdea(h.db, a.id, { status: "in_progress" });
    const viewer = viewerOf(m);
    const now = at(5);

    expect(ids((await list(viewer, { sort: "newest" }, now)).items)).toEqual([c.id, bb.id, a.id]);
    expect(ids((await list(viewer, { sort: "top" }, now)).items)).toEqual([bb.id, c.id, a.id]);
    expect(ids((await list(viewer, { sort: "status" }, now)).items)).toEqual([a.id, bb.id, c.id]);
    await setIdea(h.db, c.id, { pinned: true });
    for (const sort of ["trending", "top", "newest", "status"] as const) {
      expect(ids((await list(viewer, { sort }, now)).items)[0]).toBe(c.id);
    }
    expect(ids((await list(viewer, { tag: "food", sort: "newest" }, now)).items)).toEqual([c.id, a.id]);
    expect(ids((await list(viewer, { status: "planned" }, now)).items)).toEqual([bb.id]);
    expect(ids((await list(viewer, { status: "duplicate" }, now)).items)).toEqual([d.id]);
    expect(ids((await list(viewer, { q: "bicycles" }, now)).items)).toEqual([bb.id]);
    expect(ids((await list(viewer, { q: "coff" }, now)).items)).toEqual([c.id]);

    const page1 = await list(viewer, { sort: "newest", limit: 2 }, now);
    expect(page1.nextCursor).toBe(2);
    const page2 = await list(viewer, { sort: "newest", limit: 2, cursor: 2 }, now);
    expect(page2.nextCursor).toBeNull();
    expect([...ids(page1.items), ...ids(page2.items)]).toEqual([c.id, bb.id, a.id]);
    expect(page1.tags).toEqual(["food", "bikes", "sweet"]);

    const top = (await list(viewer, { sort: "top" }, now)).items.find((i) => i.id === bb.id);
    expect(top).toMatchObject({ voteCount: 3, voted: false, status: "planned" });
    expect((await list(viewerOf(voters[0] as IdeaMember), { sort: "top" }, now)).items.find((i) => i.id === bb.id)?.voted).toBe(true);
  });

  it("ranks a new idea with fresh votes above an old idea with more old votes", async () => {
    const b = await createBrand(h, "Trending brand");
    const m = await ideaMember(h.db, b.slug, "Trender");
    const now = new Date("2030-06-30T12:00:00Z");
    const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000);
    const old = await postIdea(h.db, m, { title: "Old idea with many votes" }, daysAgo(30));
    const fresh = await postIdea(h.db, m, { title: "Fresh idea with a few votes" }, daysAgo(0.5));
    const quiet = await postIdea(h.db, m, { title: "Quiet idea without votes" }, daysAgo(2));
    const voters = await bulkMembers(h.db, b.id, 20);
    await h.db.insert(ideaVotes).values(voters.map((v) => ({ ideaId: old.id, memberId: v.memberId, createdAt: daysAgo(25) })));
    await setIdea(h.db, old.id, { voteCount: 20 });
    await h.db
      .insert(ideaVotes)
      .values(voters.slice(0, 3).map((v) => ({ ideaId: fresh.id, memberId: v.memberId, createdAt: daysAgo(0.2) })));
    await setIdea(h.db, fresh.id, { voteCount: 3 });

    const result = await list(viewerOf(m), { sort: "trending" }, now);
    expect(ids(result.items)).toEqual([fresh.id, quiet.id, old.id]);
    // (1 + 3 + 0) / (12 + 2)^1.2 for the fresh one, (1 + 0) / (720 + 2)^1.2 for the old one.
    const score = (v7: number, c7: number, hours: number) => Math.round(((1 + v7 + 2 * c7) / (hours + 2) ** 1.2) * 1e4) / 1e4;
    expect(result.items.map((i) => i.trending)).toEqual([score(3, 0, 12), score(0, 0, 48), score(0, 0, 720)]);
    expect(ids((await list(viewerOf(m), { sort: "top" }, now)).items)[0]).toBe(old.id);

    // Fresh comments count double a vote: ten of them lift the quiet idea above the fresh one.
    await h.db.insert(ideaComments).values(
      [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((i) => ({
        brandId: b.id,
        ideaId: quiet.id,
        authorId: m.memberId,
        body: `comment ${i}`,
        createdAt: daysAgo(0.1),
      })),
    );
    expect(ids((await list(viewerOf(m), { sort: "trending" }, now)).items)[0]).toBe(quiet.id);
  });
});

describe("similar ideas", () => {
  it("finds ideas in four languages, best first, and never suggests what members must not see", async () => {
    const b = await createBrand(h, "Similar brand");
    const m = await ideaMember(h.db, b.slug, "Typer");
    const viewer = viewerOf(m);
    const en = await postIdea(h.db, m, { title: "Shoe rack at the entrance", locale: "en" });
    const tr = await postIdea(h.db, m, { title: "Ayakkabılar için raf", locale: "tr" });
    const ka = await postIdea(h.db, m, { title: "ფეხსაცმლის თარო შესასვლელთან", locale: "ka" });
    const az = await postIdea(h.db, m, { title: "Girişdə ayaqqabı rəfi olsun", locale: "az" });

    expect(ids(await similarIdeas(h.db, viewer, { title: "shoes", locale: "en" }))).toEqual([en.id]);
    expect(ids(await similarIdeas(h.db, viewer, { title: "Racks for shoes", locale: "en" }))[0]).toBe(en.id);
    expect(ids(await similarIdeas(h.db, viewer, { title: "ayakkabı", locale: "tr" }))).toEqual([tr.id]);
    expect(ids(await similarIdeas(h.db, viewer, { title: "ფეხსაცმლის", locale: "ka" }))).toEqual([ka.id]);
    expect(ids(await similarIdeas(h.db, viewer, { title: "თარო", locale: "ka" }))).toEqual([ka.id]);
    // A word inside a suffixed word: only the substring fallback finds it.
    expect(ids(await similarIdeas(h.db, viewer, { title: "სასვლელ", locale: "ka" }))).toEqual([ka.id]);
    expect(ids(await similarIdeas(h.db, viewer, { title: "ayaqqabı rəfi", locale: "az" }))[0]).toBe(az.id);
    expect(ids(await similarIdeas(h.db, viewer, { title: "Ayaqqab", locale: "az" }))).toEqual([az.id]);
    expect(await similarIdeas(h.db, viewer, { title: "sh" })).toEqual([]);
    expect(await similarIdeas(h.db, viewer, { title: "shoes", locale: "en", excludeId: en.id })).toEqual([]);
    expect(await similarIdeas(h.db, viewer, { title: "!!! ???" })).toEqual([]);

    const [ref] = await similarIdeas(h.db, viewer, { title: "shoe rack" });
    expect(ref).toEqual({ id: en.id, title: "Shoe rack at the entrance", status: "open", voteCount: 0 });

    // Hidden, pending, duplicates and other brands' ideas stay out.
    const hidden = await postIdea(h.db, m, { title: "Umbrella stand hidden" });
    await setIdea(h.db, hidden.id, { state: "hidden" });
    const pending = await postIdea(h.db, m, { title: "Umbrella stand pending" });
    await setIdea(h.db, pending.id, { state: "pending" });
    const dup = await postIdea(h.db, m, { title: "Umbrella stand duplicate" });
    await setIdea(h.db, dup.id, { status: "duplicate", mergedIntoId: en.id });
    const elsewhere = await createBrand(h, "Other similar");
    const outsider = await ideaMember(h.db, elsewhere.slug);
    await postIdea(h.db, outsider, { title: "Umbrella stand elsewhere" });
    for (const v of [viewer, viewerOf(staff), anonymous(b.id)]) {
      expect(await similarIdeas(h.db, v, { title: "umbrella stand" })).toEqual([]);
      expect(await similarIdeas(h.db, v, { title: "mbrell" })).toEqual([]);
    }
    const visible = await postIdea(h.db, m, { title: "Umbrella stand for rainy days" });
    expect(ids(await similarIdeas(h.db, viewer, { title: "umbrella stand" }))).toEqual([visible.id]);
  });

  it("returns at most five, best match first, through tRPC", async () => {
    const b = await createBrand(h, "Many similar");
    const m = await ideaMember(h.db, b.slug, "Many");
    for (let i = 0; i < 6; i++) await postIdea(h.db, m, { title: `Garden bench number ${i}` });
    const best = await postIdea(h.db, m, { title: "Garden bench garden", body: "garden bench in the garden" });
    const found = await callerFor(h.db, m.userId).ideas.similar({ brandSlug: b.slug, title: "garden bench", locale: "en" });
    expect(found).toHaveLength(5);
    expect(found[0]?.id).toBe(best.id);
  });

  it("takes any typed text without failing", async () => {
    const odd = ["½¾ \u0301\u0301", "'); drop table ideas; --", "a & b | !c <-> d:*", "日本語テキスト", "x²³ 🚲🚲🚲", "\\%_%"];
    for (const text of odd) {
      expect(Array.isArray(await similarIdeas(h.db, viewerOf(author), { title: text, locale: "tr" }))).toBe(true);
      expect(Array.isArray((await list(viewerOf(author), { q: text })).items)).toBe(true);
    }
  });
});

describe("idea page and roadmap", () => {
  it("shows history with actors, mutes and what the viewer may do", async () => {
    const idea = await postIdea(h.db, author);
    await h.db
      .insert(ideaStatusChanges)
      .values({ ideaId: idea.id, fromStatus: "open", toStatus: "planned", note: "Soon", actorUserId: staff.userId });
    await setIdea(h.db, idea.id, { status: "planned", statusNote: "Soon" });
    const reader = await ideaMember(h.db, brand.slug, "Reader");
    await h.db.insert(ideaMutes).values([{ memberId: reader.memberId, ideaId: idea.id }, { memberId: reader.memberId }]);
    const detail = await getIdea(h.db, viewerOf(reader), idea.id);
    expect(detail).toMatchObject({
      status: "planned",
      statusNote: "Soon",
      stateReason: null,
      history: [
        { from: null, to: "open" },
        { from: "open", to: "planned", note: "Soon", actorHandle: staff.handle },
      ],
      muted: true,
      mutedAll: true,
      can: { vote: true, comment: true, edit: false, moderate: false, flag: true },
    });
  });

  it("lays out planned, in-progress and shipped ideas by votes", async () => {
    const b = await createBrand(h, "Roadmap brand");
    const m = await ideaMember(h.db, b.slug, "Planner");
    const p1 = await postIdea(h.db, m);
    const p2 = await postIdea(h.db, m);
    const s1 = await postIdea(h.db, m);
    const hiddenPlanned = await postIdea(h.db, m);
    const open = await postIdea(h.db, m);
    await setIdea(h.db, p1.id, { status: "planned", voteCount: 1 });
    await setIdea(h.db, p2.id, { status: "planned", voteCount: 5 });
    await setIdea(h.db, s1.id, { status: "shipped" });
    await setIdea(h.db, hiddenPlanned.id, { status: "planned", state: "hidden" });
    const columns = await roadmap(h.db, anonymous(b.id));
    expect(columns.map((c) => [c.status, ids(c.items)])).toEqual([
      ["planned", [p2.id, p1.id]],
      ["in_progress", []],
      ["shipped", [s1.id]],
    ]);
    expect(columns.flatMap((c) => ids(c.items))).not.toContain(open.id);
  });
});
