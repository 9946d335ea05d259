import { TRPCError } from "@trpc/server";
import { timeZoneInput } from "@/lib/validation/quests";
import { profile } from "../../domain/accounts/members";
import { setUserTimeZone } from "../../domain/quests/time-zone";
import { authedProcedure, router } from "../trpc";

export const meRouter = router({
  get: authedProcedure.query(async ({ ctx }) => {
    const me = await profile(ctx.db, ctx.userId);
    // The session outlived the account (deleted by an operator).
    if (!me) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.signInRequired" });
    return me;
  }),
  setTimeZone: authedProcedure.input(timeZoneInput).mutation(({ ctx, input }) => setUserTimeZone(ctx.db, ctx.userId, input.timeZone)),
});
