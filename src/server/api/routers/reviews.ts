import { approvalsInput, decideCompletionInput, moderateInput, queueInput, reviewInput } from "@/lib/validation/reviews";
import { approvalsQueue, decideCompletion } from "../../domain/reviews/approvals";
import { moderateReview, myReviews, reviewQueue, submitReview } from "../../domain/reviews/reviews";
import { memberProcedure, router, staffProcedure } from "../trpc";

const staffOf = (ctx: { member: { brandId: string }; userId: string }) => ({ brandId: ctx.member.brandId, userId: ctx.userId });

export const reviewsRouter = router({
  submit: memberProcedure.input(reviewInput).mutation(async ({ ctx, input }) => {
    const { brandSlug: _slug, ...review } = input;
    const r = await submitReview(ctx.db, ctx.member, review);
    return { id: r.review.id, status: r.review.status, points: r.points, replayed: r.replayed };
  }),
  mine: memberProcedure.query(({ ctx }) => myReviews(ctx.db, ctx.member)),

  queue: staffProcedure("moderator")
    .input(queueInput)
    .query(({ ctx, input }) => reviewQueue(ctx.db, ctx.member.brandId, input)),
  moderate: staffProcedure("moderator")
    .input(moderateInput)
    .mutation(async ({ ctx, input }) => {
      const r = await moderateReview(ctx.db, staffOf(ctx), input);
      return { id: r.review.id, status: r.review.status, reason: r.review.reason, changed: r.changed };
    }),

  approvalsQueue: staffProcedure("moderator")
    .input(approvalsInput)
    .query(({ ctx, input }) => approvalsQueue(ctx.db, ctx.member.brandId, input)),
  decideCompletion: staffProcedure("moderator")
    .input(decideCompletionInput)
    .mutation(({ ctx, input }) => decideCompletion(ctx.db, staffOf(ctx), input)),
});
