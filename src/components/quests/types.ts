import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;

export type QuestList = Out["quests"]["list"];
export type MemberQuest = QuestList["quests"][number];
export type QuestDetail = Out["quests"]["get"];
export type Completion = QuestDetail["history"][number];
export type CheckInResult = Out["quests"]["checkIn"];
export type QuestGroup = MemberQuest["group"];
export type Balance = Out["points"]["balance"];

/** What a member hands in with a check-in, depending on the quest's evidence. */
export interface Evidence {
  value?: string;
  link?: string;
  photo?: File;
}
