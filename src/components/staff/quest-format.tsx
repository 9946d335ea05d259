import type { inferRouterOutputs } from "@trpc/server";
import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";
import type { QuestCadence } from "@/lib/validation/quests";
import type { AppRouter } from "@/server/api/root";
import type { BadgeTone } from "../ui/badge";

type Out = inferRouterOutputs<AppRouter>;
export type StaffQuest = Out["quests"]["adminList"][number];
export type QuestStatsData = Out["quests"]["stats"];
export type QuestStatus = StaffQuest["status"];
export type TierOption = Out["tiers"]["get"][number];

export const STATUS_TONE: Record<QuestStatus, BadgeTone> = { active: "green", scheduled: "amber", ended: "grey", archived: "grey" };

/** Check-ins a member needs in one period: N for "N times a week", one otherwise. */
export function periodTarget(cadence: QuestCadence, n: number | null): number {
  return cadence === "times_per_week" && n && n > 0 ? n : 1;
}

/** Plain words for how often a quest can be done: "3 times a week", "every 2 days". */
export function useCadenceText() {
  const t = useTranslations("questBuilder.cadenceText");
  return (cadence: QuestCadence, n: number | null) => {
    if (cadence === "times_per_week") return t("timesPerWeek", { count: n ?? 1 });
    if (cadence === "every_n_days") return t("everyNDays", { count: n ?? 1 });
    return t(cadence);
  };
}

/** What one completion pays: "20 points", or "20 points per km" when paid per logged unit. */
export function usePointsText() {
  const t = useTranslations("questBuilder");
  return (basePoints: number, pointsPerUnit: number | null, unit: string | null) =>
    pointsPerUnit && unit ? t("perUnit", { count: pointsPerUnit, unit }) : t("points", { count: basePoints });
}

const noSubscription = () => () => {};

/**
 * False while rendering on the server and hydrating, true afterwards: dates are shown in the staff
 * member's own time zone, which the server does not know.
 */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

/** An ISO time as the browser-local "YYYY-MM-DDTHH:mm" that a datetime-local input shows. */
export function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (read in the browser's time zone) as ISO; text that is no date passes through for the schema to refuse. */
export function fromLocalInput(value: string): string | null {
  if (value.trim() === "") return null;
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? value : d.toISOString();
}
