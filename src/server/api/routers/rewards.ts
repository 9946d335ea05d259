import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { brandSlugSchema } from "@/lib/validation/auth";
import { idempotencyKey, reason, rewardInput, rewardPatch, tiersInput } from "@/lib/validation/points";
import { findBrand } from "../../domain/accounts/members";
import { listAudit } from "../../domain/audit/audit";
import { loadTiers } from "../../domain/points/ledger";
import {
  archiveReward,
  cancelRedemption,
  causePool,
  createReward,
  fulfil,
  listRewards,
  myRedemptions,
  redeem,
  redemptionQueue,
  updateReward,
} from "../../domain/points/rewards";
import { replaceTiers } from "../../domain/points/tiers-admin";
import { memberProcedure, publicProcedure, router, staffProcedure } from "../trpc";

const rewardId = z.string().uuid({ error: "rewards.notFound" });
const redemptionId = z.string().uuid({ error: "redemptions.notFound" });

export const rewardsRouter = router({
  /** The public catalog and the brand's cause pool. */
  list: publicProcedure.input(z.object({ brandSlug: brandSlugSchema })).query(async ({ ctx, input }) => {
    const brand = await findBrand(ctx.db, input.brandSlug);
    if (!brand) throw new TRPCError({ code: "NOT_FOUND", message: "brand.notFound" });
    return { rewards: await listRewards(ctx.db, brand.id, { includeInactive: false }), cause: await causePool(ctx.db, brand.id) };
  }),
  all: staffProcedure("admin").query(({ ctx }) => listRewards(ctx.db, ctx.member.brandId, { includeInactive: true })),
  redeem: memberProcedure.input(z.object({ rewardId, idempotencyKey })).mutation(async ({ ctx, input }) => {
    const result = await redeem(ctx.db, {
      member: ctx.member,
      rewardId: input.rewardId,
      key: `${ctx.member.memberId}:${input.idempotencyKey}`,
    });
    return result;
  }),
  create: staffProcedure("admin")
    .input(rewardInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _slug, ...reward } = input;
      return createReward(ctx.db, ctx.member.brandId, ctx.userId, reward);
    }),
  update: staffProcedure("admin")
    .input(z.object({ id: rewardId, patch: rewardPatch }))
    .mutation(({ ctx, input }) => updateReward(ctx.db, ctx.member.brandId, ctx.userId, input.id, input.patch)),
  archive: staffProcedure("admin")
    .input(z.object({ id: rewardId }))
    .mutation(({ ctx, input }) => archiveReward(ctx.db, ctx.member.brandId, ctx.userId, input.id)),
});

export const redemptionsRouter = router({
  mine: memberProcedure.query(({ ctx }) => myRedemptions(ctx.db, ctx.member.memberId)),
  list: staffProcedure()
    .input(z.object({ status: z.enum(["awaiting_fulfilment", "fulfilled", "cancelled", "all"]).default("awaiting_fulfilment") }))
    .query(({ ctx, input }) => redemptionQueue(ctx.db, ctx.member.brandId, input.status)),
  fulfil: staffProcedure()
    .input(z.object({ id: redemptionId }))
    .mutation(({ ctx, input }) => fulfil(ctx.db, ctx.member.brandId, ctx.userId, input.id)),
  cancel: staffProcedure()
    .input(z.object({ id: redemptionId, reason }))
    .mutation(({ ctx, input }) => cancelRedemption(ctx.db, ctx.member.brandId, ctx.userId, input.id, input.reason)),
});

export const tiersRouter = router({
  get: memberProcedure.query(({ ctx }) => loadTiers(ctx.db, ctx.member.brandId)),
  update: staffProcedure("admin")
    .input(z.object({ tiers: tiersInput }))
    .mutation(({ ctx, input }) => replaceTiers(ctx.db, ctx.member.brandId, ctx.userId, input.tiers)),
});

export const auditRouter = router({
  list: staffProcedure("admin")
    .input(z.object({ limit: z.number().int().min(1).max(100).default(50), cursor: z.number().int().positive().nullish() }))
    .query(({ ctx, input }) => listAudit(ctx.db, ctx.member.brandId, input)),
});
