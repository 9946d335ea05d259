import { and, asc, desc, eq } from "drizzle-orm";
import type { ModerationDecision, ReviewInput, ReviewStatus } from "@/lib/validation/reviews";
import type { Db, Tx } from "../../db/client";
import { memberships, questCompletions, quests, reviews } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { afterCursor, keysetPage } from "../pagination";
import { inTransaction, lockBalance, type Member, memberOfRow } from "../points/ledger";
import { approve, complete, reject, remove } from "../quests/completions";
import { requireOwnUpload } from "../uploads/uploads";

type ReviewRow = typeof reviews.$inferSelect;

/** Staff acting for a brand, as the staff procedure resolved them. */
export interface Staff {
  brandId: string;
  userId: string;
}

/** What happened to a review's points, in words a member understands. */
export type PointsState = "pending" | "vested" | "none" | "reversed";
const POINTS_STATE: Record<ReviewStatus, PointsState> = { pending: "pending", approved: "vested", rejected: "none", removed: "reversed" };

/**
 * The completion core opens its own transaction; given a transaction it nests as a savepoint, so the
 * completion and the review row commit or vanish together.
 */
const nested = (tx: Tx): Db => tx;

function samePayload(row: ReviewRow, input: Omit<ReviewInput, "idempotencyKey">) {
  return (
    row.questId === input.questId &&
    row.product === input.product &&
    row.rating === input.rating &&
    row.body === input.body &&
    row.photoId === (input.photoId ?? null)
  );
}

/**
 * A member reviews a product for a review quest. The completion is always pending, whatever the quest
 * says, and its award comes from the quest alone: the rating is stored, never priced. One transaction:
 * the member's balance is locked first (inside `complete`), so a retry with the same key waits for the
 * first attempt and then finds its completion and its review.
 */
export async function submitReview(db: Db, member: Member, input: ReviewInput, now = new Date()) {
  return inTransaction(db, async (tx) => {
    const [quest] = await tx
      .select({ kind: quests.kind })
      .from(quests)
      .where(and(eq(quests.id, input.questId), eq(quests.brandId, member.brandId)));
    if (!quest) throw new DomainError("NOT_FOUND", "reviews.questNotFound", { questId: "reviews.questNotFound" });
    if (quest.kind !== "review") throw new DomainError("BAD_REQUEST", "reviews.notReviewQuest", { questId: "reviews.notReviewQuest" });
    if (input.photoId) await requireOwnUpload(tx, member, input.photoId, "review");

    const done = await complete(nested(tx), {
      member,
      questId: input.questId,
      key: `review:${input.idempotencyKey}`,
      source: "review",
      pending: true,
      // A review quest that asks for a photo takes the review's photo as its evidence.
      ...(input.photoId ? { photoId: input.photoId } : {}),
      now,
    });
    const [prior] = await tx
      .select()
      .from(reviews)
      .where(and(eq(reviews.memberId, member.memberId), eq(reviews.idempotencyKey, input.idempotencyKey)));
    if (prior) {
      if (!samePayload(prior, input)) throw new DomainError("CONFLICT", "points.keyReused", { idempotencyKey: "points.keyReused" });
      return { review: prior, points: done.points, replayed: true };
    }
    const [review] = await tx
      .insert(reviews)
      .values({
        brandId: member.brandId,
        memberId: member.memberId,
        questId: input.questId,
        completionId: done.completion.id,
        product: input.product,
        rating: input.rating,
        body: input.body,
        photoId: input.photoId ?? null,
        idempotencyKey: input.idempotencyKey,
        createdAt: now,
      })
      .returning();
    if (!review) throw new Error("review insert returned nothing");
    return { review, points: done.points, replayed: false };
  });
}

const TRANSITIONS: Record<ModerationDecision, { from: ReviewStatus; to: ReviewStatus }> = {
  approve: { from: "pending", to: "approved" },
  reject: { from: "pending", to: "rejected" },
  remove: { from: "approved", to: "removed" },
};

/**
 * Staff approve (points vest), reject (pending points dropped, the member sees the reason) or remove an
 * approved review (its points reversed). The author's balance is locked before the review row, in the
 * order every points path takes, so twenty simultaneous approvals apply once; the rest find it decided.
 */
export async function moderateReview(
  db: Db,
  staff: Staff,
  args: { reviewId: string; decision: ModerationDecision; reason?: string | undefined },
  now = new Date(),
) {
  const { from, to } = TRANSITIONS[args.decision];
  const reason = args.reason?.trim() ?? "";
  if (args.decision !== "approve" && reason.length < 3) {
    throw new DomainError("BAD_REQUEST", "reviews.reasonRequired", { reason: "reviews.reasonRequired" });
  }
  return inTransaction(db, async (tx) => {
    const [found] = await tx
      .select({ memberId: reviews.memberId })
      .from(reviews)
      .where(and(eq(reviews.id, args.reviewId), eq(reviews.brandId, staff.brandId)));
    // Another brand's review looks exactly like a missing one.
    if (!found) throw new DomainError("NOT_FOUND", "reviews.notFound");
    const author = await memberOfRow(tx, found.memberId);
    if (author.userId === staff.userId) throw new DomainError("FORBIDDEN", "reviews.ownReview");
    await lockBalance(tx, author.brandId, author.memberId, now);
    const [review] = await tx.select().from(reviews).where(eq(reviews.id, args.reviewId)).for("update");
    if (!review) throw new DomainError("NOT_FOUND", "reviews.notFound");
    if (review.status === to) return { review, changed: false };
    if (review.status !== from) {
      throw new DomainError("CONFLICT", args.decision === "remove" ? "reviews.notApproved" : "reviews.alreadyDecided");
    }

    if (review.completionId) {
      const decision = { member: author, completionId: review.completionId, actorUserId: staff.userId, now };
      if (args.decision === "approve") await approve(nested(tx), decision);
      else if (args.decision === "reject") await reject(nested(tx), { ...decision, reason });
      else await remove(nested(tx), { ...decision, reason });
    }
    const [updated] = await tx
      .update(reviews)
      .set({ status: to, reason: args.decision === "approve" ? null : reason, decidedBy: staff.userId, decidedAt: now })
      .where(eq(reviews.id, review.id))
      .returning();
    if (!updated) throw new Error("review vanished");
    await audit(tx, {
      brandId: staff.brandId,
      actorUserId: staff.userId,
      action: `review.${args.decision}`,
      targetType: "review",
      targetId: review.id,
      before: { status: review.status },
      after: { status: to },
      reason: reason || null,
    });
    return { review: updated, changed: true };
  });
}

/** A member's reviews, newest first, with what became of each and of its points. */
export async function myReviews(db: Db, member: Member, limit = 100) {
  const rows = await db
    .select({
      review: reviews,
      questTitle: quests.title,
      points: questCompletions.points,
    })
    .from(reviews)
    .innerJoin(quests, eq(quests.id, reviews.questId))
    .leftJoin(questCompletions, eq(questCompletions.id, reviews.completionId))
    .where(eq(reviews.memberId, member.memberId))
    .orderBy(desc(reviews.createdAt), desc(reviews.id))
    .limit(limit);
  return rows.map((r) => ({
    id: r.review.id,
    questId: r.review.questId,
    questTitle: r.questTitle,
    product: r.review.product,
    rating: r.review.rating,
    body: r.review.body,
    photoId: r.review.photoId,
    status: r.review.status,
    reason: r.review.reason,
    points: r.points ?? 0,
    pointsState: POINTS_STATE[r.review.status],
    createdAt: r.review.createdAt.toISOString(),
    decidedAt: r.review.decidedAt?.toISOString() ?? null,
  }));
}
export type MyReview = Awaited<ReturnType<typeof myReviews>>[number];

/** The staff queue: pending reviews oldest first (first come, first judged); decided ones newest first. */
export async function reviewQueue(db: Db, brandId: string, opts: { status: ReviewStatus; limit: number; cursor?: string | null }) {
  const order = opts.status === "pending" ? "asc" : "desc";
  const by = order === "asc" ? asc : desc;
  const rows = await db
    .select({
      review: reviews,
      questTitle: quests.title,
      handle: memberships.handle,
      points: questCompletions.points,
    })
    .from(reviews)
    .innerJoin(quests, eq(quests.id, reviews.questId))
    .innerJoin(memberships, eq(memberships.id, reviews.memberId))
    .leftJoin(questCompletions, eq(questCompletions.id, reviews.completionId))
    .where(
      and(
        eq(reviews.brandId, brandId),
        eq(reviews.status, opts.status),
        afterCursor(reviews, { createdAt: reviews.createdAt, id: reviews.id }, opts.cursor, order),
      ),
    )
    .orderBy(by(reviews.createdAt), by(reviews.id))
    .limit(opts.limit + 1);
  return keysetPage(
    rows.map((r) => ({
      id: r.review.id,
      questTitle: r.questTitle,
      handle: r.handle,
      product: r.review.product,
      rating: r.review.rating,
      body: r.review.body,
      photoId: r.review.photoId,
      status: r.review.status,
      reason: r.review.reason,
      points: r.points ?? 0,
      createdAt: r.review.createdAt.toISOString(),
      decidedAt: r.review.decidedAt?.toISOString() ?? null,
    })),
    opts.limit,
  );
}
