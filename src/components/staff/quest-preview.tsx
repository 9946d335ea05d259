"use client";

import { useFormatter, useTranslations } from "next-intl";
import { QuestIcon } from "@/components/quests/icons";
import type { QuestCadence, QuestKind } from "@/lib/validation/quests";
import { Badge } from "../ui/badge";
import { periodTarget, useCadenceText, useHydrated, usePointsText } from "./quest-format";

export interface PreviewQuest {
  kind: QuestKind;
  title: string;
  description: string;
  icon: string;
  basePoints: number;
  pointsPerUnit: number | null;
  unit: string | null;
  cadence: QuestCadence;
  cadenceN: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  evidence: "none" | "value" | "photo" | "link";
  health: boolean;
  requiresApproval: boolean;
  minTierName: string | null;
}

/**
 * The quest card as a member would first see it (nothing done yet). Its own markup, so the builder
 * does not depend on the member pages; it only has to look and read the same.
 */
export function QuestPreview({ quest }: { quest: PreviewQuest }) {
  const t = useTranslations("questBuilder.preview");
  const format = useFormatter();
  const cadenceText = useCadenceText();
  const pointsText = usePointsText();
  const hydrated = useHydrated();
  const target = periodTarget(quest.cadence, quest.cadenceN);
  // The app formats in the server's time zone by default; the builder reads and shows times in the
  // staff member's own, like the datetime inputs beside it.
  const zone = hydrated ? Intl.DateTimeFormat().resolvedOptions().timeZone : undefined;
  const when = (d: Date) => format.dateTime(d, { dateStyle: "medium", timeStyle: "short", timeZone: zone });
  const valid = (d: Date | null): d is Date => d !== null && !Number.isNaN(d.getTime());
  let windowText: string;
  if (valid(quest.startsAt) && valid(quest.endsAt)) windowText = t("between", { start: when(quest.startsAt), end: when(quest.endsAt) });
  else if (valid(quest.startsAt)) windowText = t("from", { date: when(quest.startsAt) });
  else if (valid(quest.endsAt)) windowText = t("until", { date: when(quest.endsAt) });
  else windowText = t("always");

  return (
    <section aria-labelledby="quest-preview-title" className="flex flex-col gap-2" data-testid="quest-preview">
      <div>
        <h2 id="quest-preview-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <p className="text-sm text-stone-700">{t("hint")}</p>
      </div>
      <article className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4 shadow-sm">
        <div className="flex items-start gap-3">
          <span className="grid size-12 shrink-0 place-items-center rounded-xl bg-brand-100 text-brand-700">
            <QuestIcon icon={quest.icon} className="size-7" />
          </span>
          <div className="min-w-0 flex-1">
            <h3 className="break-words font-semibold" data-testid="preview-title">
              {quest.title.trim() || t("untitled")}
            </h3>
            <p className="text-sm text-stone-700" data-testid="preview-cadence">
              {cadenceText(quest.cadence, quest.cadenceN)}
            </p>
            <p className="font-bold text-brand-700" data-testid="preview-points">
              {t("earn", { points: pointsText(quest.basePoints, quest.pointsPerUnit, quest.unit) })}
            </p>
          </div>
        </div>
        {quest.description.trim() ? (
          <p className="whitespace-pre-line break-words text-sm text-stone-800">{quest.description.trim()}</p>
        ) : null}
        <div className="flex flex-col gap-1">
          <div className="flex justify-between gap-2 text-sm">
            <span className="text-stone-700">{quest.cadence === "times_per_week" ? t("thisWeek") : t("thisPeriod")}</span>
            <span className="font-semibold tabular-nums" data-testid="preview-progress">
              {t("progress", { done: 0, target })}
            </span>
          </div>
          <div
            role="progressbar"
            aria-label={t("progressLabel")}
            aria-valuemin={0}
            aria-valuemax={target}
            aria-valuenow={0}
            aria-valuetext={t("progress", { done: 0, target })}
            className="h-2.5 w-full overflow-hidden rounded-full bg-stone-200"
          >
            <div className="h-full w-0 rounded-full bg-brand-600" />
          </div>
        </div>
        <p className="text-sm text-stone-700" data-testid="preview-window">
          {hydrated ? windowText : "\u00a0"}
        </p>
        {quest.health || quest.requiresApproval || quest.minTierName || quest.evidence !== "none" ? (
          <ul className="flex flex-wrap gap-1.5">
            {quest.evidence !== "none" ? (
              <li>
                <Badge>
                  {quest.evidence === "value" ? t("logValue", { unit: quest.unit?.trim() || "…" }) : t(`evidence.${quest.evidence}`)}
                </Badge>
              </li>
            ) : null}
            {quest.health ? (
              <li>
                <Badge tone="green">{t("private")}</Badge>
              </li>
            ) : null}
            {quest.requiresApproval ? (
              <li>
                <Badge tone="amber">{t("approval")}</Badge>
              </li>
            ) : null}
            {quest.minTierName ? (
              <li>
                <Badge>{t("minTier", { name: quest.minTierName })}</Badge>
              </li>
            ) : null}
          </ul>
        ) : null}
        <p className="rounded-lg bg-brand-700 px-4 py-2 text-center font-semibold text-white">{t(`action.${quest.kind}`)}</p>
      </article>
    </section>
  );
}
