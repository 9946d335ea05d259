import { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import { reviewInput } from "@/lib/validation/reviews";
import type { DbHandle } from "../../db/client";
import { auditLog, balances, ledger, memberships, questCompletions, quests, reviews, uploads } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import type { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { complete } from "../quests/completions";
import { grantConsent } from "../quests/habits";
import { approvalsQueue, decideCompletion } from "./approvals";
import { moderateReview, myReviews, reviewQueue, submitReview } from "./reviews";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let moderator: Member;
let otherAdmin: Member;

const BODY = "A sturdy bottle that keeps my tea hot for a whole day of walking in the hills.";
const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);

async function makeStaff(slug: string, role: "moderator" | "admin") {
  const m = await newMember(h.db, slug, role === "admin" ? "Admin" : "Moderator");
  await h.db.update(memberships).set({ role }).where(eq(memberships.id, m.memberId));
  return m;
}

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Review brand");
  other = await createBrand(h, "Other brand");
  moderator = await makeStaff(brand.slug, "moderator");
  otherAdmin = await makeStaff(other.slug, "admin");
});
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await expectLedgerInvariants(h.db, other.id);
  await h.close();
});

async function reviewQuest(brandId = brand.id, over: Partial<typeof quests.$inferInsert> = {}) {
  const [q] = await h.db
    .insert(quests)
    .values({ brandId, kind: "review", title: `Review a bottle ${uid()}`, basePoints: 50, cadence: "once", ...over })
    .returning();
  if (!q) throw new Error("no quest");
  return q;
}

const submit = (m: Member, questId: string, over: Partial<Parameters<typeof submitReview>[2]> = {}, now?: Date) =>
  submitReview(h.db, m, { questId, product: "Thermos 0.5 l", rating: 4, body: BODY, idempotencyKey: `key-${uid()}`, ...over }, now);

const staff = (m: Member) => ({ brandId: m.brandId, userId: m.userId });

async function balance(memberId: string) {
  const [b] = await h.db.select().from(balances).where(eq(balances.memberId, memberId));
  return { available: b?.available ?? 0, pending: b?.pending ?? 0 };
}

async function refusal(p: Promise<unknown>) {
  return p.then(
    () => null,
    (e: unknown) => e as DomainError | TRPCError,
  );
}

describe("submitting a review", () => {
  it("records a pending review and pending points, and a retry with the same key changes nothing", async () => {
    const m = await newMember(h.db, brand.slug, "Aysel");
    const q = await reviewQuest();
    const key = `key-${uid()}`;
    const first = await submit(m, q.id, { idempotencyKey: key });
    expect(first.review).toMatchObject({ status: "pending", rating: 4, product: "Thermos 0.5 l", memberId: m.memberId });
    expect(first.points).toBe(50);
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 50 });
    const [c] = await h.db
      .select()
      .from(questCompletions)
      .where(eq(questCompletions.id, first.review.completionId ?? ""));
    expect(c).toMatchObject({ state: "pending", source: "review", points: 50 });

    const again = await submit(m, q.id, { idempotencyKey: key });
    expect(again).toMatchObject({ replayed: true, review: { id: first.review.id } });
    expect(await h.db.select().from(reviews).where(eq(reviews.memberId, m.memberId))).toHaveLength(1);
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 50 });

    const changed = await refusal(submit(m, q.id, { idempotencyKey: key, body: `${BODY} Edited.` }));
    expect(changed).toMatchObject({ code: "CONFLICT", key: "points.keyReused" });
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("converges when the same submission races itself", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const key = `key-${uid()}`;
    const results = await Promise.all(Array.from({ length: 8 }, () => submit(m, q.id, { idempotencyKey: key })));
    expect(new Set(results.map((r) => r.review.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await h.db.select().from(ledger).where(eq(ledger.memberId, m.memberId))).toHaveLength(1);
  });

  it("leaves nothing behind when the review cannot be stored", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    // Past validation, the database refuses the review row after the completion was written: both roll back.
    await expect(submit(m, q.id, { rating: 9 })).rejects.toThrow();
    expect(await h.db.select().from(questCompletions).where(eq(questCompletions.memberId, m.memberId))).toEqual([]);
    expect(await h.db.select().from(ledger).where(eq(ledger.memberId, m.memberId))).toEqual([]);
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 0 });
    // So the member can simply try again.
    expect((await submit(m, q.id)).review.status).toBe("pending");
  });

  it("refuses another member's photo", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const [foreign] = await h.db
      .insert(uploads)
      .values({ brandId: brand.id, memberId: moderator.memberId, purpose: "review", contentType: "image/png", size: 12, bytes: PNG })
      .returning();
    const err = await refusal(submit(m, q.id, { photoId: foreign?.id ?? "" }));
    expect(err).toMatchObject({ code: "BAD_REQUEST", key: "reviews.badPhoto", fields: { photoId: "reviews.badPhoto" } });
    expect(await h.db.select().from(questCompletions).where(eq(questCompletions.memberId, m.memberId))).toEqual([]);
  });

  it("refuses a second review of a once quest and quests of another kind", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    await submit(m, q.id);
    expect(await refusal(submit(m, q.id))).toMatchObject({ code: "CONFLICT", key: "quests.alreadyDone" });
    const [habit] = await h.db
      .insert(quests)
      .values({ brandId: brand.id, kind: "habit", title: "Walk", basePoints: 5, cadence: "daily" })
      .returning();
    expect(await refusal(submit(m, habit?.id ?? ""))).toMatchObject({ code: "BAD_REQUEST", key: "reviews.notReviewQuest" });
    const foreign = await reviewQuest(other.id);
    expect(await refusal(submit(m, foreign.id))).toMatchObject({ code: "NOT_FOUND", key: "reviews.questNotFound" });
    expect(await h.db.select().from(reviews).where(eq(reviews.memberId, m.memberId))).toHaveLength(1);
  });

  it("accepts the member's own photo", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const [photo] = await h.db
      .insert(uploads)
      .values({ brandId: brand.id, memberId: m.memberId, purpose: "review", contentType: "image/png", size: 12, bytes: PNG })
      .returning();
    const r = await submit(m, q.id, { photoId: photo?.id ?? "" });
    expect(r.review.photoId).toBe(photo?.id);
  });

  it("pays a one-star review exactly what a five-star review earns", async () => {
    const q = await reviewQuest(brand.id, { basePoints: 73 });
    const low = await newMember(h.db, brand.slug);
    const high = await newMember(h.db, brand.slug);
    const one = await submit(low, q.id, { rating: 1, body: `${BODY} Sadly it leaked on day two.` });
    const five = await submit(high, q.id, { rating: 5 });
    expect(one.points).toBe(73);
    expect(five.points).toBe(one.points);
    await moderateReview(h.db, staff(moderator), { reviewId: one.review.id, decision: "approve" });
    await moderateReview(h.db, staff(moderator), { reviewId: five.review.id, decision: "approve" });
    expect(await balance(low.memberId)).toEqual({ available: 73, pending: 0 });
    expect(await balance(high.memberId)).toEqual(await balance(low.memberId));
  });

  it("answers a body under 50 characters with the field key reviews.tooShort", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const parsed = reviewInput.safeParse({ questId: q.id, product: "Mug", rating: 3, body: "Too short.", idempotencyKey: `key-${uid()}` });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["body", "reviews.tooShort"]]);
    // 49 characters after trimming is still too short.
    expect(reviewInput.shape.body.safeParse(`  ${"x".repeat(49)}  `).success).toBe(false);
    expect(reviewInput.shape.body.safeParse("x".repeat(50)).success).toBe(true);

    const token = await encode({ token: { sub: m.userId }, secret: process.env.NEXTAUTH_SECRET ?? "" });
    const res = await trpcPost(
      new Request("http://127.0.0.1:3000/api/trpc/reviews.submit", {
        method: "POST",
        headers: {
          origin: "http://127.0.0.1:3000",
          host: "127.0.0.1:3000",
          "content-type": "application/json",
          cookie: `next-auth.session-token=${token}`,
        },
        body: JSON.stringify(
          superjson.serialize({
            brandSlug: brand.slug,
            questId: q.id,
            product: "Mug",
            rating: 3,
            body: "Too short.",
            idempotencyKey: `key-${uid()}`,
          }),
        ),
      }),
    );
    expect(res.status).toBe(400);
    const json = (await res.json()) as { error: { json: { message: string; data: { fields: Record<string, string> } } } };
    expect(json.error.json.message).toBe("form.invalid");
    expect(json.error.json.data.fields).toEqual({ body: "reviews.tooShort" });
    expect(await h.db.select().from(reviews).where(eq(reviews.memberId, m.memberId))).toEqual([]);
  });
});

describe("moderating reviews", () => {
  it("approve vests the points and is audited", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const { review } = await submit(m, q.id);
    const r = await moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "approve" });
    expect(r).toMatchObject({ changed: true, review: { status: "approved", decidedBy: moderator.userId } });
    expect(await balance(m.memberId)).toEqual({ available: 50, pending: 0 });
    const rows = await h.db.select().from(ledger).where(eq(ledger.memberId, m.memberId));
    expect(rows.map((l) => [l.state, l.amount, l.sourceType])).toEqual([["vested", 50, "review"]]);
    const audits = await h.db.select().from(auditLog).where(eq(auditLog.targetId, review.id));
    expect(audits).toEqual([
      expect.objectContaining({ action: "review.approve", actorUserId: moderator.userId, after: { status: "approved" } }),
    ]);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("reject pays nothing and the member reads the reason", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const { review } = await submit(m, q.id);
    const noReason = await refusal(moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "reject" }));
    expect(noReason).toMatchObject({ code: "BAD_REQUEST", key: "reviews.reasonRequired" });
    await moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "reject", reason: "  It is about another product.  " });
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 0 });
    const mine = await callerFor(h.db, m.userId).reviews.mine({ brandSlug: brand.slug });
    expect(mine).toEqual([
      expect.objectContaining({ id: review.id, status: "rejected", reason: "It is about another product.", pointsState: "none" }),
    ]);
    const [c] = await h.db
      .select()
      .from(questCompletions)
      .where(eq(questCompletions.id, review.completionId ?? ""));
    expect(c).toMatchObject({ state: "rejected", reason: "It is about another product." });
    expect(await refusal(moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "approve" }))).toMatchObject({
      code: "CONFLICT",
      key: "reviews.alreadyDecided",
    });
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("removing an approved review reverses its points", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const { review } = await submit(m, q.id);
    expect(
      await refusal(moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "remove", reason: "Spam" })),
    ).toMatchObject({
      code: "CONFLICT",
      key: "reviews.notApproved",
    });
    await moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "approve" });
    expect(await balance(m.memberId)).toEqual({ available: 50, pending: 0 });
    await moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "remove", reason: "Copied from another site" });
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 0 });
    const kinds = (await h.db.select().from(ledger).where(eq(ledger.memberId, m.memberId))).map((l) => [l.kind, l.amount]).sort();
    expect(kinds).toEqual([
      ["earn", 50],
      ["reverse", -50],
    ]);
    const [mine] = await myReviews(h.db, m);
    expect(mine).toMatchObject({ status: "removed", reason: "Copied from another site", pointsState: "reversed", points: 50 });
    const actions = (await h.db.select().from(auditLog).where(eq(auditLog.targetId, review.id))).map((a) => a.action).sort();
    expect(actions).toEqual(["review.approve", "review.remove"]);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("20 parallel approvals of one review vest its points once", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const { review } = await submit(m, q.id);
    const admin = await makeStaff(brand.slug, "admin");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        moderateReview(h.db, staff(i % 2 ? admin : moderator), { reviewId: review.id, decision: "approve" }),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await balance(m.memberId)).toEqual({ available: 50, pending: 0 });
    const rows = await h.db.select().from(ledger).where(eq(ledger.memberId, m.memberId));
    expect(rows.map((l) => l.state)).toEqual(["vested"]);
    expect(await h.db.select().from(auditLog).where(eq(auditLog.targetId, review.id))).toHaveLength(1);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("staff of another brand can never touch a review, and members cannot moderate", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await reviewQuest();
    const { review } = await submit(m, q.id);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "OK",
        (e: unknown) => (e instanceof TRPCError ? e.code : "THROWN"),
      );
    const input = { reviewId: review.id, decision: "approve" as const };
    const outsider = callerFor(h.db, otherAdmin.userId);
    expect(await code(outsider.reviews.moderate({ brandSlug: brand.slug, ...input }))).toBe("FORBIDDEN");
    expect(await code(outsider.reviews.moderate({ brandSlug: other.slug, ...input }))).toBe("NOT_FOUND");
    expect(await code(outsider.reviews.queue({ brandSlug: brand.slug }))).toBe("FORBIDDEN");
    const otherQueue = await outsider.reviews.queue({ brandSlug: other.slug });
    expect(otherQueue.items.map((i) => i.id)).not.toContain(review.id);
    expect(await refusal(moderateReview(h.db, staff(otherAdmin), input))).toMatchObject({ code: "NOT_FOUND", key: "reviews.notFound" });

    const peer = await newMember(h.db, brand.slug);
    for (const who of [m, peer]) {
      const api = callerFor(h.db, who.userId);
      expect(await code(api.reviews.moderate({ brandSlug: brand.slug, ...input }))).toBe("FORBIDDEN");
      expect(await code(api.reviews.queue({ brandSlug: brand.slug }))).toBe("FORBIDDEN");
      expect(await code(api.reviews.approvalsQueue({ brandSlug: brand.slug }))).toBe("FORBIDDEN");
    }
    expect(await code(callerFor(h.db, null).reviews.mine({ brandSlug: brand.slug }))).toBe("UNAUTHORIZED");
    const [still] = await h.db.select().from(reviews).where(eq(reviews.id, review.id));
    expect(still?.status).toBe("pending");
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 50 });
  });

  it("staff cannot judge their own review", async () => {
    const q = await reviewQuest();
    const { review } = await submit(moderator, q.id);
    expect(await refusal(moderateReview(h.db, staff(moderator), { reviewId: review.id, decision: "approve" }))).toMatchObject({
      code: "FORBIDDEN",
      key: "reviews.ownReview",
    });
  });

  it("the queue pages through pending reviews oldest first with the author's handle", async () => {
    const b = await createBrand(h, "Queue brand");
    const mod = await makeStaff(b.slug, "moderator");
    const q = await reviewQuest(b.id);
    const authors = await Promise.all(Array.from({ length: 5 }, (_, i) => newMember(h.db, b.slug, `Author ${i}`)));
    const ids: string[] = [];
    for (const [i, a] of authors.entries()) {
      ids.push((await submit(a, q.id, { rating: (i % 5) + 1 }, new Date(Date.UTC(2026, 0, 1 + i)))).review.id);
    }
    const api = callerFor(h.db, mod.userId);
    const first = await api.reviews.queue({ brandSlug: b.slug, limit: 2 });
    expect(first.items.map((i) => i.id)).toEqual(ids.slice(0, 2));
    expect(first.items[0]).toMatchObject({ handle: authors[0]?.handle, questTitle: q.title, rating: 1, points: 50, body: BODY });
    const second = await api.reviews.queue({ brandSlug: b.slug, limit: 2, cursor: first.nextCursor });
    const third = await api.reviews.queue({ brandSlug: b.slug, limit: 2, cursor: second.nextCursor });
    expect([...second.items, ...third.items].map((i) => i.id)).toEqual(ids.slice(2));
    expect(third.nextCursor).toBeUndefined();
    await api.reviews.moderate({ brandSlug: b.slug, reviewId: ids[0] ?? "", decision: "approve" });
    expect((await reviewQueue(h.db, b.id, { status: "approved", limit: 10 })).items.map((i) => i.id)).toEqual([ids[0]]);
    expect((await reviewQueue(h.db, b.id, { status: "pending", limit: 10 })).items).toHaveLength(4);
    await expectLedgerInvariants(h.db, b.id);
  });
});

describe("approving other completions", () => {
  it("lists pending non-review completions with their evidence and settles them", async () => {
    const b = await createBrand(h, "Approvals brand");
    const mod = await makeStaff(b.slug, "moderator");
    const m = await newMember(h.db, b.slug, "Nigar");
    const [q] = await h.db
      .insert(quests)
      .values({
        brandId: b.id,
        kind: "habit",
        title: "Plant a tree",
        basePoints: 30,
        cadence: "once",
        evidence: "link",
        requiresApproval: true,
      })
      .returning();
    const done = await complete(h.db, {
      member: m,
      questId: q?.id ?? "",
      key: `k-${uid()}`,
      source: "member",
      link: "https://example.com/tree",
    });
    const review = await submit(m, (await reviewQuest(b.id)).id);

    const api = callerFor(h.db, mod.userId);
    const queue = await api.reviews.approvalsQueue({ brandSlug: b.slug });
    expect(queue.items).toEqual([
      expect.objectContaining({
        id: done.completion.id,
        handle: m.handle,
        questTitle: "Plant a tree",
        link: "https://example.com/tree",
        health: false,
      }),
    ]);
    expect(
      await refusal(decideCompletion(h.db, staff(mod), { completionId: review.review.completionId ?? "", decision: "approve" })),
    ).toMatchObject({
      code: "BAD_REQUEST",
      key: "reviews.useReviewQueue",
    });
    expect(
      await refusal(api.reviews.decideCompletion({ brandSlug: b.slug, completionId: done.completion.id, decision: "reject" })),
    ).toBeInstanceOf(TRPCError);
    const outsider = callerFor(h.db, otherAdmin.userId);
    expect(
      await refusal(outsider.reviews.decideCompletion({ brandSlug: other.slug, completionId: done.completion.id, decision: "approve" })),
    ).toMatchObject({ code: "NOT_FOUND" });

    const results = await Promise.all(
      Array.from({ length: 5 }, () =>
        api.reviews.decideCompletion({ brandSlug: b.slug, completionId: done.completion.id, decision: "approve" }),
      ),
    );
    expect(results.filter((r) => r.changed)).toHaveLength(1);
    expect(await balance(m.memberId)).toEqual({ available: 30, pending: 50 });
    expect((await api.reviews.approvalsQueue({ brandSlug: b.slug })).items).toEqual([]);
    const audits = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.brandId, b.id), eq(auditLog.targetId, done.completion.id)));
    expect(audits.map((a) => a.action)).toEqual(["completion.approve"]);
    await expectLedgerInvariants(h.db, b.id);
  });

  it("rejects with a reason the member can read", async () => {
    const b = await createBrand(h, "Reject brand");
    const mod = await makeStaff(b.slug, "moderator");
    const m = await newMember(h.db, b.slug);
    const [q] = await h.db
      .insert(quests)
      .values({ brandId: b.id, kind: "custom", title: "Visit the shop", basePoints: 20, cadence: "daily", requiresApproval: true })
      .returning();
    const done = await complete(h.db, { member: m, questId: q?.id ?? "", key: `k-${uid()}`, source: "event" });
    const r = await decideCompletion(h.db, staff(mod), { completionId: done.completion.id, decision: "reject", reason: "No receipt" });
    expect(r).toMatchObject({ state: "rejected", changed: true });
    const [c] = await h.db.select().from(questCompletions).where(eq(questCompletions.id, done.completion.id));
    expect(c).toMatchObject({ state: "rejected", reason: "No receipt" });
    expect(await balance(m.memberId)).toEqual({ available: 0, pending: 0 });
    await expectLedgerInvariants(h.db, b.id);
  });

  it("never shows a health value, note or photo to staff", async () => {
    const b = await createBrand(h, "Health brand");
    const mod = await makeStaff(b.slug, "moderator");
    const m = await newMember(h.db, b.slug);
    await grantConsent(h.db, m);
    const [photo] = await h.db
      .insert(uploads)
      .values({ brandId: b.id, memberId: m.memberId, purpose: "evidence", contentType: "image/png", size: 12, bytes: PNG })
      .returning();
    const [q] = await h.db
      .insert(quests)
      .values({
        brandId: b.id,
        kind: "habit",
        title: "Blood pressure",
        basePoints: 10,
        cadence: "daily",
        evidence: "photo",
        unit: "mmHg",
        health: true,
        requiresApproval: true,
      })
      .returning();
    await complete(h.db, {
      member: m,
      questId: q?.id ?? "",
      key: `k-${uid()}`,
      source: "member",
      value: "128/84",
      note: "after coffee",
      photoId: photo?.id ?? "",
    });
    const queue = await approvalsQueue(h.db, b.id, { limit: 10 });
    expect(queue.items).toHaveLength(1);
    expect(queue.items[0]).toMatchObject({ health: true, value: null, unit: null, link: null, photoId: null });
    const text = JSON.stringify(await callerFor(h.db, mod.userId).reviews.approvalsQueue({ brandSlug: b.slug }));
    expect(text).not.toContain("128");
    expect(text).not.toContain("coffee");
    expect(text).not.toContain(photo?.id ?? "");
  });
});
