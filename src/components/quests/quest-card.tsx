"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Celebration } from "./feedback-toast";
import { QuestIcon } from "./icons";
import { PointsTag, ProgressLine, QuestAction, type QuestScope, StreakLine } from "./quest-parts";
import type { MemberQuest } from "./types";

/** One quest in the list: what it is, how far the member got this period, the streak and the action. */
export function QuestCard({ quest, scope }: { quest: MemberQuest; scope: QuestScope }) {
  const t = useTranslations("questsUi");
  const feedback = scope.actions.feedback;
  const celebrate = feedback?.questId === quest.id && feedback.kind === "checkIn" && (feedback.milestone !== null || feedback.first);
  return (
    <li
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="quest-card"
      data-quest-id={quest.id}
      data-state={quest.unavailable ? "unavailable" : quest.doneThisPeriod ? "done" : "open"}
      data-celebrated={celebrate ? (feedback.milestone !== null ? `milestone-${feedback.milestone}` : "first") : undefined}
    >
      <div className="flex items-start gap-3">
        <span className="relative grid size-11 shrink-0 place-items-center rounded-xl bg-brand-100 text-brand-700">
          <QuestIcon icon={quest.icon} />
          {celebrate ? (
            <span key={feedback.id} className="pointer-events-none absolute inset-0 grid place-items-center">
              <Celebration />
            </span>
          ) : null}
        </span>
        <div className="min-w-0 flex-1">
          <h3 className="break-words text-lg font-semibold leading-snug">
            <Link
              href={`/quests/${quest.id}`}
              className="rounded underline-offset-4 hover:underline focus-visible:outline-2 focus-visible:outline-brand-700"
            >
              {quest.title}
            </Link>
          </h3>
          <p className="text-sm text-stone-700">
            {scope.text.cadence(quest)}
            {quest.health ? ` · ${t("privateHealth")}` : ""}
          </p>
        </div>
        <PointsTag quest={quest} text={scope.text} />
      </div>
      <ProgressLine quest={quest} text={scope.text} />
      <StreakLine quest={quest} text={scope.text} />
      <QuestAction quest={quest} scope={scope} />
    </li>
  );
}
