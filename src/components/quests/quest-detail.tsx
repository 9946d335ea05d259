"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { BalanceLine } from "./balance-line";
import { ConsentDialog } from "./consent-dialog";
import { Celebration, FeedbackToast } from "./feedback-toast";
import { FlameIcon, QuestIcon, SnowflakeIcon } from "./icons";
import { PointsTag, ProgressLine, QuestAction, type QuestScope } from "./quest-parts";
import { type QuestText, useQuestText } from "./quest-text";
import type { Balance, Completion, QuestDetail } from "./types";
import { type QuestActions, useQuestActions } from "./use-quest-actions";
import { useQuestsLive } from "./use-quests-live";
import { useStillBefore } from "./use-still-before";

const stateTone: Record<Completion["state"], BadgeTone> = {
  pending: "amber",
  approved: "green",
  rejected: "red",
  undone: "grey",
  removed: "grey",
};

/** One quest: what it asks, its rules in plain words, the member's streak and their own check-ins. */
export function QuestDetailView({
  brandSlug,
  brandName,
  initialQuest,
  initialBalance,
  timeZone,
  today,
}: {
  brandSlug: string;
  brandName: string;
  initialQuest: QuestDetail;
  initialBalance: Balance;
  timeZone: string;
  today: string;
}) {
  const t = useTranslations("questsUi");
  const trpc = useTRPC();
  const quest = useQuery(trpc.quests.get.queryOptions({ brandSlug, questId: initialQuest.id }, { initialData: initialQuest })).data;
  const balance = useQuery(trpc.points.balance.queryOptions({ brandSlug }, { initialData: initialBalance })).data;
  useQuestsLive();
  const actions = useQuestActions(brandSlug, { health: quest.health });
  const text = useQuestText(timeZone, today);
  const tierName = (rank: number) => balance.tiers.find((tier) => tier.rank === rank)?.name;
  const scope: QuestScope = { brandSlug, brandName, text, tierName, actions };
  const feedback = actions.feedback;
  const celebrate = feedback?.questId === quest.id && feedback.kind === "checkIn" && (feedback.milestone !== null || feedback.first);
  return (
    <div className={`flex flex-col gap-6 ${feedback ? "pb-28" : ""}`}>
      <Link
        href="/quests"
        className="self-start rounded font-semibold text-brand-700 underline underline-offset-4 focus-visible:outline-2 focus-visible:outline-brand-700"
      >
        <span aria-hidden="true">← </span>
        {t("detail.back")}
      </Link>
      <div
        className="relative flex flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-4"
        data-testid="quest-card"
        data-quest-id={quest.id}
      >
        <div className="flex items-start gap-3">
          <span className="relative grid size-12 shrink-0 place-items-center rounded-xl bg-brand-100 text-brand-700">
            <QuestIcon icon={quest.icon} className="size-7" />
            {celebrate ? (
              <span key={feedback.id} className="pointer-events-none absolute inset-0 grid place-items-center">
                <Celebration />
              </span>
            ) : null}
          </span>
          <div className="min-w-0 flex-1">
            <h1 className="break-words text-2xl font-bold leading-tight">{quest.title}</h1>
            <p className="text-sm text-stone-700">{text.cadence(quest)}</p>
          </div>
          <PointsTag quest={quest} text={text} />
        </div>
        {quest.description ? <p className="whitespace-pre-line break-words text-stone-800">{quest.description}</p> : null}
        <ProgressLine quest={quest} text={text} />
        <QuestAction quest={quest} scope={scope} />
      </div>
      <BalanceLine balance={balance} />
      <Rules quest={quest} scope={scope} timeZone={timeZone} />
      {quest.streak ? <StreakPanel quest={quest} /> : null}
      <History quest={quest} text={text} actions={actions} />
      <ConsentDialog consent={actions.consent} />
      <FeedbackToast feedback={feedback} onDismiss={actions.dismissFeedback} />
    </div>
  );
}

function Rules({ quest, scope, timeZone }: { quest: QuestDetail; scope: QuestScope; timeZone: string }) {
  const t = useTranslations("questsUi.rules");
  const { text } = scope;
  const rules: { key: string; text: string }[] = [{ key: "points", text: text.points(quest).long }];
  rules.push({ key: "cadence", text: `${text.cadence(quest)}. ${t("days", { zone: timeZone })}` });
  if (quest.startsAt && quest.endsAt)
    rules.push({ key: "window", text: t("between", { start: text.date(quest.startsAt), end: text.date(quest.endsAt) }) });
  else if (quest.startsAt) rules.push({ key: "window", text: t("from", { start: text.date(quest.startsAt) }) });
  else if (quest.endsAt) rules.push({ key: "window", text: t("until", { end: text.date(quest.endsAt) }) });
  if (quest.checkInBy === "member") {
    rules.push({
      key: "evidence",
      text: quest.evidence === "value" ? t("evidence.value", { unit: quest.unit ?? "" }) : t(`evidence.${quest.evidence}`),
    });
  } else if (quest.checkInBy === "event") {
    rules.push({ key: "how", text: t("how.event", { brand: scope.brandName }) });
  } else {
    rules.push({ key: "how", text: t(`how.${quest.checkInBy}`) });
  }
  rules.push({ key: "approval", text: quest.requiresApproval ? t("approval") : t("noApproval") });
  if (quest.minTierRank !== null) {
    const tier = scope.tierName(quest.minTierRank);
    rules.push({ key: "tier", text: tier ? t("tier", { tier }) : t("tierPlain") });
  }
  if (quest.streak) rules.push({ key: "milestones", text: t("milestones") });
  if (quest.checkInBy === "member" && quest.cadence !== "once") rules.push({ key: "undo", text: t("undo") });
  if (quest.health) rules.push({ key: "health", text: t("health") });
  for (const period of ["day", "week", "month"] as const) {
    const cap = quest.caps[period];
    if (cap !== null) rules.push({ key: `cap-${period}`, text: t(`cap.${period}`, { count: cap }) });
  }
  rules.push({ key: "month", text: t("thisMonth", { count: quest.pointsThisMonth }) });
  return (
    <section aria-labelledby="quest-rules" className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="quest-rules" className="text-lg font-bold">
        {t("title")}
      </h2>
      <ul className="flex list-disc flex-col gap-1 pl-5 text-stone-800" data-testid="quest-rules">
        {rules.map((rule) => (
          <li key={rule.key}>{rule.text}</li>
        ))}
      </ul>
      {quest.health ? (
        <Link href="/quests/privacy" className="self-start font-semibold text-brand-700 underline underline-offset-4">
          {t("privacyLink")}
        </Link>
      ) : null}
    </section>
  );
}

function StreakPanel({ quest }: { quest: QuestDetail }) {
  const t = useTranslations("questsUi.streakPanel");
  const streak = quest.streak;
  if (!streak) return null;
  const countedIn =
    quest.cadence === "daily"
      ? t("countedIn.days")
      : quest.cadence === "weekly" || quest.cadence === "times_per_week"
        ? t("countedIn.weeks")
        : t("countedIn.windows", { count: quest.cadenceN ?? 1 });
  return (
    <section
      aria-labelledby="quest-streak-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="quest-streak"
    >
      <div>
        <h2 id="quest-streak-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <p className="text-sm text-stone-700">{countedIn}</p>
      </div>
      <dl className="grid grid-cols-3 gap-2 text-center">
        <div className="rounded-xl bg-amber-50 p-2">
          <dt className="text-sm text-stone-700">{t("current")}</dt>
          <dd className="flex items-center justify-center gap-1 text-2xl font-bold tabular-nums">
            <FlameIcon className={`size-6 ${streak.current > 0 ? "text-orange-600" : "text-stone-400"}`} />
            <span data-testid="streak-current" data-count={streak.current}>
              {streak.current}
            </span>
          </dd>
        </div>
        <div className="rounded-xl bg-stone-100 p-2">
          <dt className="text-sm text-stone-700">{t("best")}</dt>
          <dd className="text-2xl font-bold tabular-nums" data-testid="streak-best" data-count={streak.best}>
            {streak.best}
          </dd>
        </div>
        <div className="rounded-xl bg-sky-50 p-2">
          <dt className="text-sm text-stone-700">{t("freezes")}</dt>
          <dd className="flex items-center justify-center gap-1 text-2xl font-bold tabular-nums">
            <SnowflakeIcon className="size-6 text-sky-600" />
            <span data-testid="streak-freezes" data-count={streak.freezes}>
              {streak.freezes}
            </span>
          </dd>
          <dd className="text-xs text-stone-700">{t("ofMax")}</dd>
        </div>
      </dl>
      <p className="text-stone-800">{t("explain")}</p>
    </section>
  );
}

function History({ quest, text, actions }: { quest: QuestDetail; text: QuestText; actions: QuestActions }) {
  const t = useTranslations("questsUi.history");
  return (
    <section aria-labelledby="quest-history" className="flex flex-col gap-3">
      <h2 id="quest-history" className="text-lg font-bold">
        {t("title")}
      </h2>
      {quest.history.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-300 bg-white px-4" data-testid="quest-history">
          {quest.history.map((c) => (
            <HistoryItem key={c.id} completion={c} quest={quest} text={text} actions={actions} />
          ))}
        </ul>
      )}
    </section>
  );
}

function HistoryItem({
  completion: c,
  quest,
  text,
  actions,
}: {
  completion: Completion;
  quest: QuestDetail;
  text: QuestText;
  actions: QuestActions;
}) {
  const t = useTranslations("questsUi.history");
  const undoable = useStillBefore(c.undoUntil);
  const busy = actions.busy[quest.id];
  return (
    <li className="flex flex-col gap-1 py-3" data-testid="history-completion" data-state={c.state}>
      <div className="flex flex-wrap items-start justify-between gap-2">
        <p className="font-semibold">{text.day(c.localDay)}</p>
        <Badge tone={stateTone[c.state]}>{t(`states.${c.state}`)}</Badge>
      </div>
      <p className="text-sm text-stone-700">
        <span className={c.state === "undone" || c.state === "removed" || c.state === "rejected" ? "line-through" : ""}>
          {t("points", { count: c.points })}
        </span>
        {" · "}
        <time dateTime={c.createdAt}>{text.dateTime(c.createdAt)}</time>
        {c.source !== "member" ? ` · ${t(`sources.${c.source}`)}` : ""}
      </p>
      {c.value !== null ? (
        <p className="text-sm" data-testid="history-value">
          {t("value", { value: c.value, unit: c.unit ?? "" })}
        </p>
      ) : null}
      {c.note ? <p className="whitespace-pre-line break-words text-sm">{t("note", { note: c.note })}</p> : null}
      {c.link ? (
        <p className="break-all text-sm">
          <a href={c.link} rel="noopener noreferrer nofollow" target="_blank" className="text-brand-700 underline underline-offset-4">
            {c.link}
          </a>
        </p>
      ) : null}
      {c.reason && (c.state === "rejected" || c.state === "removed") ? (
        <p className="text-sm text-stone-800">{t("reason", { reason: c.reason })}</p>
      ) : null}
      {undoable ? (
        <div className="flex flex-wrap items-center gap-2 pt-1">
          <Button variant="secondary" onClick={() => void actions.undo(quest, c.id)} disabled={busy !== undefined}>
            {busy === "undo" ? t("undoing") : t("undo")}
          </Button>
          <span className="text-sm text-stone-700">{t("undoUntil", { time: text.time(c.undoUntil ?? c.createdAt) })}</span>
        </div>
      ) : null}
    </li>
  );
}
