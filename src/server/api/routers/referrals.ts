import { TRPCError } from "@trpc/server";
import { brandInput, configureInput, landingInput, queueInput, reviewInput } from "@/lib/validation/referrals";
import { reviewReferral } from "../../domain/referrals/payout";
import { configure, loadSettings } from "../../domain/referrals/settings";
import { landing, mine, queue, stats } from "../../domain/referrals/views";
import { hit } from "../../rate-limit";
import { memberProcedure, publicProcedure, router, staffProcedure } from "../trpc";

/** Enough for people opening links; codes are 2^40, and this keeps anyone from walking them. */
const LANDINGS_PER_IP = { max: 60, windowMs: 60_000 };

export const referralsRouter = router({
  /** The public page of /r/<code>; NOT_FOUND `referrals.notFound` for anything that is not a live code. */
  landing: publicProcedure.input(landingInput).query(({ ctx, input }) => {
    if (hit(`referrals:landing:${ctx.ip}`, LANDINGS_PER_IP))
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "errors.rateLimited" });
    return landing(ctx.db, input.code);
  }),
  mine: memberProcedure.input(brandInput).query(({ ctx }) => mine(ctx.db, ctx.member)),
  stats: memberProcedure.input(brandInput).query(({ ctx }) => stats(ctx.db, ctx.member)),

  queue: staffProcedure("moderator")
    .input(queueInput)
    .query(({ ctx, input }) => queue(ctx.db, ctx.member.brandId, input)),
  review: staffProcedure("moderator")
    .input(reviewInput)
    .mutation(async ({ ctx, input }) => {
      const r = await reviewReferral(ctx.db, {
        brandId: ctx.member.brandId,
        referralId: input.referralId,
        decision: input.decision,
        reason: input.reason,
        actorUserId: ctx.userId,
      });
      return { id: r.id, status: r.status, reason: r.reason, decidedAt: r.decidedAt?.toISOString() ?? null };
    }),
  settings: staffProcedure("moderator")
    .input(brandInput)
    .query(({ ctx }) => loadSettings(ctx.db, ctx.member.brandId)),
  configure: staffProcedure("admin")
    .input(configureInput)
    .mutation(({ ctx, input }) => configure(ctx.db, { brandId: ctx.member.brandId, actorUserId: ctx.userId, settings: input.settings })),
});
