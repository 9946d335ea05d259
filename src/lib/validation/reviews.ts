import { z } from "zod";
import { idempotencyKey } from "./points";

export const PRODUCT_MIN = 2;
export const PRODUCT_MAX = 120;
export const BODY_MIN = 50;
export const BODY_MAX = 5000;
export const REASON_MAX = 300;

/** The length the server checks, so the form's live counter agrees with it. */
export function bodyLength(body: string): number {
  return body.trim().length;
}

/** What an upload is for: a review photo (public once approved) or quest evidence (never public). */
export const UPLOAD_PURPOSES = ["review", "evidence"] as const;
export type UploadPurpose = (typeof UPLOAD_PURPOSES)[number];
export const uploadPurpose = z.enum(UPLOAD_PURPOSES, { error: "uploads.badPurpose" });

export const REVIEW_STATUSES = ["pending", "approved", "rejected", "removed"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];

export const MODERATION_DECISIONS = ["approve", "reject", "remove"] as const;
export type ModerationDecision = (typeof MODERATION_DECISIONS)[number];

export const reviewIdSchema = z.string({ error: "reviews.notFound" }).uuid({ error: "reviews.notFound" });
const completionIdSchema = z.string({ error: "reviews.completionNotFound" }).uuid({ error: "reviews.completionNotFound" });

export const productSchema = z
  .string({ error: "reviews.productRequired" })
  .trim()
  .min(PRODUCT_MIN, { error: "reviews.productRequired" })
  .max(PRODUCT_MAX, { error: "reviews.productTooLong" });

export const ratingSchema = z
  .number({ error: "reviews.badRating" })
  .int({ error: "reviews.badRating" })
  .min(1, { error: "reviews.badRating" })
  .max(5, { error: "reviews.badRating" });

export const bodySchema = z
  .string({ error: "reviews.tooShort" })
  .trim()
  .min(BODY_MIN, { error: "reviews.tooShort" })
  .max(BODY_MAX, { error: "reviews.tooLong" });

export const reviewInput = z.object({
  questId: z.string({ error: "reviews.questNotFound" }).uuid({ error: "reviews.questNotFound" }),
  product: productSchema,
  rating: ratingSchema,
  body: bodySchema,
  photoId: z.string().uuid({ error: "reviews.badPhoto" }).optional(),
  idempotencyKey,
});
export type ReviewInput = z.infer<typeof reviewInput>;

export const reasonSchema = z.string().trim().max(REASON_MAX, { error: "reviews.reasonTooLong" });

/** Rejecting or removing tells the member why, so a reason is required for those. */
function reasonRule(input: { decision: string; reason?: string | undefined }, ctx: z.RefinementCtx) {
  if (input.decision !== "approve" && (input.reason ?? "").length < 3) {
    ctx.addIssue({ code: "custom", path: ["reason"], message: "reviews.reasonRequired" });
  }
}

export const moderateInput = z
  .object({
    reviewId: reviewIdSchema,
    decision: z.enum(MODERATION_DECISIONS, { error: "reviews.badDecision" }),
    reason: reasonSchema.optional(),
  })
  .superRefine(reasonRule);

export const decideCompletionInput = z
  .object({
    completionId: completionIdSchema,
    decision: z.enum(["approve", "reject"], { error: "reviews.badDecision" }),
    reason: reasonSchema.optional(),
  })
  .superRefine(reasonRule);

/** Keyset pages: the cursor is the id of the last item already shown. */
const pageFields = {
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().uuid().nullish(),
};

export const queueInput = z.object({ status: z.enum(REVIEW_STATUSES).default("pending"), ...pageFields });
export const approvalsInput = z.object(pageFields);
