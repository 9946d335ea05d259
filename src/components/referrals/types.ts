import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>["referrals"];

export type LandingView = Out["landing"];
export type Offer = LandingView["offer"];
export type MyReferrals = Out["mine"];
export type MyReferral = MyReferrals["referrals"][number];
export type ReferralStats = Out["stats"];
export type QueuePage = Out["queue"];
export type QueueItem = QueuePage["items"][number];
export type ReferralSettings = Out["settings"];

export const QUEUE_FILTERS = ["held", "blocked", "rejected", "rewarded", "all"] as const;
export type QueueFilter = (typeof QUEUE_FILTERS)[number];
