import type { inferRouterOutputs } from "@trpc/server";
import type { PrizeKind, SurpriseTrigger } from "@/lib/validation/surprises";
import type { AppRouter } from "@/server/api/root";

export type { PrizeKind };

type Out = inferRouterOutputs<AppRouter>["surprises"];
export type TablesData = Out["tables"];
export type OddsTable = TablesData["tables"][number];
export type MinePage = Out["mine"];
export type VerifyData = Out["verify"];
export type StaffTable = Out["list"][number];
export type TableStats = Out["stats"];

export interface Trigger {
  kind: SurpriseTrigger;
  questId: string | null;
  questTitle: string | null;
}

export interface Outcome {
  kind: PrizeKind;
  label: string;
  points: number | null;
}
