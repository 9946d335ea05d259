import { TRPCError } from "@trpc/server";
import { createInput, mineInput, periodInput, tableRef, updateInput, verifyInput } from "@/lib/validation/surprises";
import { myDraws, periodDraws, verifyOne } from "../../domain/surprises/draws";
import { archiveTable, createTable, listTables, tableStats, updateTable } from "../../domain/surprises/tables";
import { publicTables } from "../../domain/surprises/view";
import { hit, type Limit } from "../../rate-limit";
import { brandViewerProcedure, memberProcedure, publicProcedure, router, staffProcedure } from "../trpc";

/** A period page is up to 1,000 draws: enough for anyone verifying, too costly to let a script loop on it. */
const PERIOD_PAGES_PER_IP: Limit = { max: 60, windowMs: 60_000 };

export const surprisesRouter = router({
  /** Active tables with every prize's odds, the pity rule, the budget left and today's commitment. */
  tables: brandViewerProcedure.query(({ ctx }) => publicTables(ctx.db, ctx.viewer)),
  mine: memberProcedure
    .input(mineInput.omit({ brandSlug: true }))
    .query(({ ctx, input }) => myDraws(ctx.db, ctx.member.memberId, input.cursor)),
  /** Anyone may check a draw; the seed appears once its period has ended. */
  verify: publicProcedure.input(verifyInput).query(({ ctx, input }) => verifyOne(ctx.db, input.drawId)),
  period: publicProcedure.input(periodInput).query(({ ctx, input }) => {
    if (hit(`surprises:period:${ctx.ip}`, PERIOD_PAGES_PER_IP))
      throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "errors.rateLimited" });
    return periodDraws(ctx.db, input.brandSlug, input.period, input.cursor);
  }),

  list: staffProcedure("admin").query(({ ctx }) => listTables(ctx.db, ctx.member.brandId)),
  create: staffProcedure("admin")
    .input(createInput)
    .mutation(({ ctx, input }) => createTable(ctx.db, ctx.member.brandId, ctx.userId, input.table)),
  update: staffProcedure("admin")
    .input(updateInput)
    .mutation(({ ctx, input }) => updateTable(ctx.db, ctx.member.brandId, ctx.userId, input.tableId, input.table)),
  archive: staffProcedure("admin")
    .input(tableRef)
    .mutation(({ ctx, input }) => archiveTable(ctx.db, ctx.member.brandId, ctx.userId, input.tableId)),
  stats: staffProcedure("admin")
    .input(tableRef)
    .query(({ ctx, input }) => tableStats(ctx.db, ctx.member.brandId, input.tableId)),
});
