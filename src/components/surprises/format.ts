import { useFormatter, useTranslations } from "next-intl";
import { useHydrated } from "../staff/quest-format";
import type { PrizeKind, Trigger } from "./types";

/** "1 in N" as people say it: one decimal below ten (1 in 3.3), whole numbers above (1 in 333). */
export function oneIn(odds: number): number {
  if (odds <= 0) return 0;
  const n = 1 / odds;
  return n < 10 ? Math.round(n * 10) / 10 : Math.round(n);
}

/** The trigger of a table in plain words: "after any quest", "when your idea ships". */
export function useTriggerText() {
  const t = useTranslations("surprises.trigger");
  return (trigger: Trigger) =>
    trigger.kind === "quest_completed" && trigger.questTitle ? t("questOne", { quest: trigger.questTitle }) : t(trigger.kind);
}

/** What a prize or an outcome is, in words: "50 points", "Free coffee", "A streak freeze", "Nothing". */
export function usePrizeText() {
  const t = useTranslations("surprises.prize");
  return (prize: { kind: PrizeKind; label: string; points: number | null }) => {
    if (prize.kind === "points") return prize.label.trim() || t("points", { count: prize.points ?? 0 });
    if (prize.kind === "nothing") return prize.label.trim() || t("nothing");
    if (prize.kind === "streak_freeze") return prize.label.trim() || t("streak_freeze");
    return prize.label.trim() || t("reward");
  };
}

/** The odds of one prize as a percentage and "1 in N" ("30 % · 1 in 3.3"). */
export function useOddsText() {
  const t = useTranslations("surprises");
  const format = useFormatter();
  return (odds: number) => ({
    percent: format.number(odds, { style: "percent", maximumFractionDigits: odds < 0.01 ? 2 : 1 }),
    oneIn: t("oneIn", { n: format.number(oneIn(odds)) }),
  });
}

/** The first and last characters of a long hex hash, for a line that fits a phone. */
export function shortHash(hex: string): string {
  return hex.length > 16 ? `${hex.slice(0, 8)}…${hex.slice(-8)}` : hex;
}

/**
 * A date and time in the visitor's own zone. The server (and next-intl's provider, which carries the
 * server's zone) does not know it, so the server's HTML and the first render say the time in UTC and name it.
 */
export function useWhen() {
  const format = useFormatter();
  const hydrated = useHydrated();
  return (date: Date, style: "full" | "time" = "full") => {
    const options = style === "time" ? ({ timeStyle: "short" } as const) : ({ dateStyle: "medium", timeStyle: "short" } as const);
    if (!hydrated) return `${format.dateTime(date, { ...options, timeZone: "UTC" })} UTC`;
    return format.dateTime(date, { ...options, timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone });
  };
}
