import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;

export type Balance = Out["points"]["balance"];
export type HistoryPage = Out["points"]["history"];
export type HistoryItem = HistoryPage["items"][number];
export type Tier = Balance["tiers"][number];
export type Catalog = Out["rewards"]["list"];
export type Reward = Catalog["rewards"][number];
export type MyRedemption = Out["redemptions"]["mine"][number];
export type QueueItem = Out["redemptions"]["list"][number];
export type RedemptionStatus = QueueItem["redemption"]["status"];
export type AuditPage = Out["audit"]["list"];
export type AuditItem = AuditPage["items"][number];
export type Role = Out["me"]["get"]["memberships"][number]["role"];
