"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { MemberQuest } from "./types";

const dayFormatters = new Map<string, Intl.DateTimeFormat>();

/** The calendar day ("YYYY-MM-DD") of an instant in a time zone, as the server counts it. */
export function localDay(instant: Date, timeZone: string): string {
  let f = dayFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormatters.set(timeZone, f);
  }
  return f.format(instant);
}

export function nextDay(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  return new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + 1)).toISOString().slice(0, 10);
}

type QuestShape = Pick<MemberQuest, "cadence" | "cadenceN" | "basePoints" | "pointsPerUnit" | "unit" | "progress">;

/**
 * Words for a quest's points, cadence and progress, and for when its next check-in opens — always in the
 * member's own time zone (the one the server counts days in), not the browser's.
 */
export function useQuestText(timeZone: string, today: string) {
  const t = useTranslations("questsUi");
  const format = useFormatter();
  return {
    points(q: QuestShape) {
      return q.pointsPerUnit !== null && q.unit
        ? {
            short: t("points.perUnit", { count: q.pointsPerUnit, unit: q.unit }),
            long: t("points.perUnitLong", { count: q.pointsPerUnit, unit: q.unit }),
          }
        : { short: t("points.flat", { count: q.basePoints }), long: t("points.flatLong", { count: q.basePoints }) };
    },
    cadence(q: QuestShape) {
      if (q.cadence === "times_per_week") return t("cadence.timesPerWeek", { count: q.cadenceN ?? 1 });
      if (q.cadence === "every_n_days") return t("cadence.everyNDays", { count: q.cadenceN ?? 1 });
      return t(`cadence.${q.cadence}`);
    },
    progress(q: QuestShape) {
      const values = { done: q.progress.done, target: q.progress.target };
      if (q.cadence === "daily") return t("progress.today", values);
      if (q.cadence === "weekly" || q.cadence === "times_per_week") return t("progress.week", values);
      if (q.cadence === "every_n_days") return t("progress.window", { ...values, days: q.cadenceN ?? 1 });
      return t("progress.once", values);
    },
    /** "4 days", "2 weeks" or "3 times in a row": a streak in the periods it is counted in. */
    streakLength(q: Pick<MemberQuest, "cadence">, count: number) {
      if (q.cadence === "daily") return t("streak.days", { count });
      if (q.cadence === "weekly" || q.cadence === "times_per_week") return t("streak.weeks", { count });
      return t("streak.periods", { count });
    },
    /**
     * "next check-in opens tomorrow at 00:00", read in the member's zone: as a phrase after "Done · ", or as
     * a sentence of its own.
     */
    opens(nextAt: string, as: "phrase" | "sentence" = "phrase") {
      const group = as === "phrase" ? "opens" : "opensSentence";
      const at = new Date(nextAt);
      const day = localDay(at, timeZone);
      const time = format.dateTime(at, { timeZone, hour: "numeric", minute: "2-digit" });
      if (day <= today) return t(`${group}.today`, { time });
      if (day === nextDay(today)) return t(`${group}.tomorrow`, { time });
      return t(`${group}.on`, { date: format.dateTime(at, { timeZone, weekday: "long", day: "numeric", month: "long" }), time });
    },
    date(iso: string) {
      return format.dateTime(new Date(iso), { timeZone, dateStyle: "medium" });
    },
    dateTime(iso: string) {
      return format.dateTime(new Date(iso), { timeZone, dateStyle: "medium", timeStyle: "short" });
    },
    time(iso: string) {
      return format.dateTime(new Date(iso), { timeZone, hour: "numeric", minute: "2-digit" });
    },
    /** A local day ("YYYY-MM-DD") as a readable date, without shifting it through any zone. */
    day(day: string) {
      return format.dateTime(new Date(`${day}T12:00:00Z`), { timeZone: "UTC", dateStyle: "medium" });
    },
  };
}

export type QuestText = ReturnType<typeof useQuestText>;
