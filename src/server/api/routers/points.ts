import { z } from "zod";
import { adjustInput, awardInput, donateInput, policyInput } from "@/lib/validation/points";
import { memberByHandle } from "../../domain/accounts/members";
import { audit } from "../../domain/audit/audit";
import { balanceOf, historyOf } from "../../domain/points/balance";
import { adjust, award, donate, publicEntry } from "../../domain/points/ledger";
import { policyOf, updatePolicy } from "../../domain/points/policy";
import { memberProcedure, router, staffProcedure } from "../trpc";

export const pointsRouter = router({
  /** Expiry, donation limit and cause: what the rules are, for members and staff alike. */
  policy: memberProcedure.query(({ ctx }) => policyOf(ctx.db, ctx.member.brandId)),
  updatePolicy: staffProcedure("admin")
    .input(policyInput)
    .mutation(({ ctx, input }) => {
      const { brandSlug: _slug, ...edit } = input;
      return updatePolicy(ctx.db, ctx.member.brandId, ctx.userId, edit);
    }),

  balance: memberProcedure.query(({ ctx }) => balanceOf(ctx.db, ctx.member.brandId, ctx.member.memberId)),

  history: memberProcedure
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20), cursor: z.number().int().positive().nullish() }))
    .query(({ ctx, input }) => historyOf(ctx.db, ctx.member.memberId, input)),

  donate: memberProcedure.input(donateInput).mutation(async ({ ctx, input }) => {
    const to =
      "toHandle" in input
        ? { memberId: (await memberByHandle(ctx.db, ctx.member.brandId, input.toHandle)).memberId }
        : { cause: true as const };
    const result = await donate(ctx.db, {
      from: ctx.member,
      to,
      amount: input.amount,
      key: `donate:${ctx.member.memberId}:${input.idempotencyKey}`,
    });
    return { entry: publicEntry(result.entry), replayed: result.replayed };
  }),

  /** Staff award points for something done outside Sadiq (an event attended, a workshop); the tier multiplier applies. */
  award: staffProcedure()
    .input(awardInput)
    .mutation(async ({ ctx, input }) => {
      const target = await memberByHandle(ctx.db, ctx.member.brandId, input.handle);
      const result = await award(ctx.db, {
        member: target,
        base: input.amount,
        source: "staff",
        sourceId: ctx.userId,
        reason: input.reason,
        key: `staff-award:${input.idempotencyKey}`,
      });
      if (!result.replayed) {
        await audit(ctx.db, {
          brandId: ctx.member.brandId,
          actorUserId: ctx.userId,
          action: "points.award",
          targetType: "member",
          targetId: `@${target.handle}`,
          after: { amount: result.entry.amount, available: result.balance.available },
          reason: input.reason,
        });
      }
      return { entry: publicEntry(result.entry), balance: result.balance, replayed: result.replayed };
    }),

  adjust: staffProcedure("admin")
    .input(adjustInput)
    .mutation(async ({ ctx, input }) => {
      const target = await memberByHandle(ctx.db, ctx.member.brandId, input.handle);
      const result = await adjust(ctx.db, {
        member: target,
        amount: input.amount,
        reason: input.reason,
        key: `adjust:${input.idempotencyKey}`,
        actorUserId: ctx.userId,
      });
      if (!result.replayed) {
        await audit(ctx.db, {
          brandId: ctx.member.brandId,
          actorUserId: ctx.userId,
          action: "points.adjust",
          targetType: "member",
          targetId: `@${target.handle}`,
          before: { available: result.before },
          after: { available: result.after },
          reason: input.reason,
        });
      }
      return { entry: publicEntry(result.entry), before: result.before, after: result.after, replayed: result.replayed };
    }),
});
