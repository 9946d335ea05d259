import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;

export type MyReview = Out["reviews"]["mine"][number];
export type QueuePage = Out["reviews"]["queue"];
export type QueueReview = QueuePage["items"][number];
export type ApprovalsPage = Out["reviews"]["approvalsQueue"];
export type ApprovalItem = ApprovalsPage["items"][number];
export type ReviewBalance = Out["points"]["balance"];
export type ReviewQuest = Out["quests"]["list"]["quests"][number];
