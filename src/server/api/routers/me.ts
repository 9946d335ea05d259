import { TRPCError } from "@trpc/server";
import { profile } from "../../domain/accounts/members";
import { authedProcedure, router } from "../trpc";

export const meRouter = router({
  get: authedProcedure.query(async ({ ctx }) => {
    const me = await profile(ctx.db, ctx.userId);
    // The session outlived the account (deleted by an operator).
    if (!me) throw new TRPCError({ code: "UNAUTHORIZED", message: "errors.signInRequired" });
    return me;
  }),
});
