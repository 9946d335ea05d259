import { TRPCError } from "@trpc/server";
import { cache } from "react";
import { serverApi } from "@/trpc/server";

/** The invite page's data, or null for a code that does not exist (the caller answers 404). */
export const loadLanding = cache(async (code: string) => {
  const api = await serverApi();
  try {
    return await api.referrals.landing({ code });
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "NOT_FOUND" || err.code === "BAD_REQUEST")) return null;
    throw err;
  }
});
