import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { boardRef, excludeInput, leagueConfigInput, sinceInput, topInput } from "@/lib/validation/boards";
import { memberships } from "../../db/schema";
import { exclude, exclusions, recompute, setHidden } from "../../domain/boards/admin";
import { me, since, top } from "../../domain/boards/queries";
import { DomainError } from "../../domain/errors";
import { configure, join, leave, mine, settingsOf } from "../../domain/leagues/leagues";
import { memberProcedure, router, staffProcedure } from "../trpc";

export const leaderboardsRouter = router({
  top: memberProcedure.input(topInput).query(({ ctx, input }) => top(ctx.db, ctx.member.brandId, input)),
  me: memberProcedure.input(boardRef).query(({ ctx, input }) => me(ctx.db, ctx.member, input)),
  since: memberProcedure.input(sinceInput).query(({ ctx, input }) => since(ctx.db, ctx.member, input)),
  setPrivate: memberProcedure
    .input(z.object({ hidden: z.boolean({ error: "form.invalid" }) }))
    .mutation(({ ctx, input }) => setHidden(ctx.db, ctx.member, input.hidden)),

  exclusions: staffProcedure("moderator").query(({ ctx }) => exclusions(ctx.db, ctx.member.brandId)),
  exclude: staffProcedure("moderator")
    .input(excludeInput)
    .mutation(async ({ ctx, input }) => {
      const [target] = await ctx.db
        .select({ id: memberships.id })
        .from(memberships)
        .where(
          and(
            eq(memberships.brandId, ctx.member.brandId),
            input.memberId ? eq(memberships.id, input.memberId) : sql`lower(${memberships.handle}) = lower(${input.handle ?? ""})`,
          ),
        );
      if (!target) {
        throw new DomainError("NOT_FOUND", "boards.memberNotFound", { [input.memberId ? "memberId" : "handle"]: "boards.memberNotFound" });
      }
      return exclude(ctx.db, {
        brandId: ctx.member.brandId,
        memberId: target.id,
        excluded: input.excluded,
        reason: input.reason,
        actorUserId: ctx.userId,
      });
    }),
  recompute: staffProcedure("admin")
    .input(z.object({ board: boardRef.shape.board }))
    .mutation(({ ctx, input }) => recompute(ctx.db, { brandId: ctx.member.brandId, board: input.board, actorUserId: ctx.userId })),
});

export const leaguesRouter = router({
  mine: memberProcedure.query(({ ctx }) => mine(ctx.db, ctx.member)),
  leave: memberProcedure.mutation(({ ctx }) => leave(ctx.db, ctx.member)),
  join: memberProcedure.mutation(({ ctx }) => join(ctx.db, ctx.member)),
  settings: staffProcedure("moderator").query(({ ctx }) => settingsOf(ctx.db, ctx.member.brandId)),
  configure: staffProcedure("admin")
    .input(leagueConfigInput)
    .mutation(({ ctx, input: { brandSlug: _, ...settings } }) =>
      configure(ctx.db, { brandId: ctx.member.brandId, actorUserId: ctx.userId, settings }),
    ),
});
