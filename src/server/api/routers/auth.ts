import { TRPCError } from "@trpc/server";
import { registerInput } from "@/lib/validation/auth";
import { registerMember } from "../../domain/accounts/register";
import { signUpSource } from "../../domain/referrals/request";
import { env } from "../../env";
import { hit, LIMITS } from "../../rate-limit";
import { publicProcedure, router } from "../trpc";

export const authRouter = router({
  register: publicProcedure.input(registerInput).mutation(async ({ ctx, input }) => {
    const wait = hit(`register:ip:${ctx.ip}`, LIMITS.registerPerIp);
    if (wait) throw new TRPCError({ code: "TOO_MANY_REQUESTS", message: "errors.rateLimited" });
    const { referralCode, ...account } = input;
    return registerMember(ctx.db, {
      ...account,
      brandSlug: input.brandSlug ?? env().SADIQ_DEFAULT_BRAND,
      referral: signUpSource({ code: referralCode, cookieHeader: ctx.cookieHeader, ip: ctx.ip, userAgent: ctx.userAgent }),
    });
  }),
});
