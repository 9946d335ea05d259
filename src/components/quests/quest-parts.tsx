"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { knownKey } from "@/components/points/errors";
import { ShareQuestButton } from "@/components/shares/share-quest-button";
import { Alert } from "@/components/ui/alert";
import { Button, linkButton } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { checkInInput, evidenceValue } from "@/lib/validation/quests";
import { CheckIcon, FlameIcon, SnowflakeIcon } from "./icons";
import { type Problem, refusalKey } from "./problems";
import type { QuestText } from "./quest-text";
import type { Evidence, MemberQuest } from "./types";
import type { QuestActions } from "./use-quest-actions";
import { useStillBefore } from "./use-still-before";

/** What every part of a quest's card needs to know besides the quest. */
export interface QuestScope {
  brandSlug: string;
  brandName: string;
  text: QuestText;
  /** The name of a status tier by rank, when the member's balance lists it. */
  tierName: (rank: number) => string | undefined;
  actions: QuestActions;
}

/** "+20" or "20 per km", with the full words for screen readers. */
export function PointsTag({ quest, text }: { quest: MemberQuest; text: QuestText }) {
  const points = text.points(quest);
  return (
    <p
      className="max-w-[7.5rem] shrink-0 break-words rounded-xl bg-brand-100 px-2.5 py-1 text-center text-sm font-bold leading-tight text-brand-900"
      data-testid="quest-points"
    >
      <span aria-hidden="true">{points.short}</span>
      <span className="sr-only">{points.long}</span>
    </p>
  );
}

export function ProgressLine({ quest, text }: { quest: MemberQuest; text: QuestText }) {
  const t = useTranslations("questsUi");
  const { done, target } = quest.progress;
  const words = text.progress(quest);
  const percent = target > 0 ? Math.min(100, Math.round((done / target) * 100)) : 0;
  return (
    <div className="flex items-center gap-3">
      <div
        role="progressbar"
        aria-label={t("progressLabel", { title: quest.title })}
        aria-valuemin={0}
        aria-valuemax={target}
        aria-valuenow={Math.min(done, target)}
        aria-valuetext={words}
        className="h-2.5 flex-1 overflow-hidden rounded-full bg-stone-200"
      >
        <div className="h-full rounded-full bg-brand-600 transition-[width] duration-300" style={{ width: `${percent}%` }} />
      </div>
      <p className="shrink-0 text-sm text-stone-700" data-testid="quest-progress" aria-hidden="true">
        {words}
      </p>
    </div>
  );
}

/** The flame with the current run, the freezes held (snowflake) and the best run. */
export function StreakLine({ quest, text }: { quest: MemberQuest; text: QuestText }) {
  const t = useTranslations("questsUi.streak");
  const streak = quest.streak;
  if (!streak) return null;
  return (
    <p className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm text-stone-800" data-testid="quest-streak">
      <span className="inline-flex items-center gap-1">
        <FlameIcon className={`size-5 ${streak.current > 0 ? "text-orange-600" : "text-stone-400"}`} />
        <span className="sr-only">{t("label")}: </span>
        <strong data-testid="streak-current" data-count={streak.current}>
          {text.streakLength(quest, streak.current)}
        </strong>
      </span>
      <span className="inline-flex items-center gap-1" data-testid="streak-freezes" data-count={streak.freezes}>
        <SnowflakeIcon className="size-5 text-sky-600" />
        {t("freezes", { count: streak.freezes })}
      </span>
      <span data-testid="streak-best" data-count={streak.best}>
        {t("best", { count: streak.best })}
      </span>
    </p>
  );
}

/** Why a quest cannot be done now, in plain words. */
function unavailableText(t: ReturnType<typeof useTranslations>, quest: MemberQuest, scope: QuestScope): string {
  switch (quest.unavailable) {
    case "quests.archived":
      return t("questsUi.unavailable.archived");
    case "quests.notStarted":
      return quest.startsAt
        ? t("questsUi.unavailable.startsOn", { date: scope.text.date(quest.startsAt) })
        : t("questsUi.unavailable.notStarted");
    case "quests.ended":
      return quest.endsAt ? t("questsUi.unavailable.endedOn", { date: scope.text.date(quest.endsAt) }) : t("questsUi.unavailable.ended");
    case "quests.tierTooLow": {
      const tier = quest.minTierRank !== null ? scope.tierName(quest.minTierRank) : undefined;
      return tier ? t("questsUi.unavailable.tier", { tier }) : t("questsUi.unavailable.tierPlain");
    }
    default:
      return t(knownKey(t.has, quest.unavailable ?? undefined) as never);
  }
}

/** The problem of the last attempt, worded for the member, with when the quest opens again if known. */
export function ProblemAlert({ quest, problem, scope }: { quest: MemberQuest; problem: Problem; scope: QuestScope }) {
  const t = useTranslations();
  const key = refusalKey(problem.key, quest) ?? knownKey(t.has, problem.key);
  return (
    <Alert>
      <span data-testid="quest-problem">
        {t(key as never)}
        {problem.nextAt ? ` ${scope.text.opens(problem.nextAt, "sentence")}` : ""}
      </span>
    </Alert>
  );
}

const EVIDENCE_FIELD: Record<MemberQuest["evidence"], "value" | "link" | "photoId" | undefined> = {
  none: undefined,
  value: "value",
  link: "link",
  photo: "photoId",
};

/** What the member can do with the quest now: check in, write, share, wait — or why not. */
export function QuestAction({ quest, scope }: { quest: MemberQuest; scope: QuestScope }) {
  const t = useTranslations();
  const { actions } = scope;
  const problem = actions.problems[quest.id];
  const busy = actions.busy[quest.id];
  const showsForm = !quest.unavailable && !quest.doneThisPeriod && quest.checkInBy === "member";
  // A complaint about the field on screen is shown under it; anything else goes in the alert.
  const field = EVIDENCE_FIELD[quest.evidence];
  const fieldProblem = showsForm && field !== undefined && problem?.fields[field] !== undefined;
  return (
    <div className="flex flex-col gap-2">
      {quest.unavailable ? (
        <p className="rounded-xl bg-stone-100 px-3 py-2 text-stone-800" data-testid="quest-unavailable">
          {unavailableText(t, quest, scope)}
        </p>
      ) : quest.doneThisPeriod ? (
        <DoneState quest={quest} scope={scope} />
      ) : quest.checkInBy === "member" ? (
        <CheckInForm quest={quest} busy={busy === "checkIn"} problem={problem} onCheckIn={(e) => actions.checkIn(quest, e)} />
      ) : quest.checkInBy === "review" ? (
        <Link href={`/reviews/new?quest=${encodeURIComponent(quest.id)}`} className={`${linkButton.primary} self-start`}>
          {t("questsUi.writeReview")}
          <span className="sr-only"> {quest.title}</span>
        </Link>
      ) : quest.checkInBy === "share" ? (
        <div className="self-start">
          <ShareQuestButton brandSlug={scope.brandSlug} questId={quest.id} />
        </div>
      ) : (
        <p className="rounded-xl bg-stone-100 px-3 py-2 text-stone-800">{t("questsUi.byBrand", { brand: scope.brandName })}</p>
      )}
      {problem && !fieldProblem ? <ProblemAlert quest={quest} problem={problem} scope={scope} /> : null}
    </div>
  );
}

function DoneState({ quest, scope }: { quest: MemberQuest; scope: QuestScope }) {
  const t = useTranslations("questsUi");
  const recent = scope.actions.recent[quest.id];
  const undoable = useStillBefore(recent?.undoUntil);
  const justNow = scope.actions.feedback?.questId === quest.id && scope.actions.feedback.kind === "checkIn";
  const busy = scope.actions.busy[quest.id];
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 rounded-xl bg-brand-50 px-3 py-2" data-testid="quest-done">
      <p className="flex min-w-0 items-start gap-2 text-brand-900">
        <span
          className={`mt-0.5 grid size-6 shrink-0 place-items-center rounded-full bg-brand-700 text-white ${justNow ? "sadiq-quest-pop" : ""}`}
        >
          <CheckIcon className="size-4" />
        </span>
        <span>
          <strong>{t("done")}</strong>
          {quest.cadence === "once" ? ` · ${t("doneOnce")}` : quest.nextAt ? ` · ${scope.text.opens(quest.nextAt)}` : ""}
          {recent?.state === "pending" ? ` · ${t("waitingApproval")}` : ""}
        </span>
      </p>
      {recent && undoable ? (
        <Button variant="secondary" onClick={() => void scope.actions.undo(quest, recent.id)} disabled={busy !== undefined}>
          {busy === "undo" ? t("undoing") : t("undo")}
          <span className="sr-only"> {quest.title}</span>
        </Button>
      ) : null}
    </div>
  );
}

const linkSchema = checkInInput.shape.link;

/** One tap for plain habits; a value, a link or a photo first when the quest asks for one. */
function CheckInForm({
  quest,
  busy,
  problem,
  onCheckIn,
}: {
  quest: MemberQuest;
  busy: boolean;
  problem: Problem | undefined;
  onCheckIn: (evidence: Evidence) => void;
}) {
  const t = useTranslations();
  const [value, setValue] = useState("");
  const [link, setLink] = useState("");
  const [photo, setPhoto] = useState<File | null>(null);
  const [local, setLocal] = useState<Record<string, string>>({});

  function fieldError(name: "value" | "link" | "photoId"): string | undefined {
    const key = local[name] ?? problem?.fields[name];
    return key ? t(knownKey(t.has, key, "form.invalid") as never) : undefined;
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const errors: Record<string, string> = {};
    const evidence: Evidence = {};
    if (quest.evidence === "value") {
      const parsed = evidenceValue.safeParse(value);
      if (!value.trim()) errors.value = "quests.valueRequired";
      else if (!parsed.success) errors.value = "quests.badValue";
      else evidence.value = parsed.data;
    } else if (quest.evidence === "link") {
      if (!link.trim()) errors.link = "quests.linkRequired";
      else if (!linkSchema.safeParse(link.trim()).success) errors.link = "quests.badLink";
      else evidence.link = link.trim();
    } else if (quest.evidence === "photo") {
      if (!photo) errors.photoId = "quests.photoRequired";
      else evidence.photo = photo;
    }
    setLocal(errors);
    if (Object.keys(errors).length === 0) onCheckIn(evidence);
  }

  const button = (
    <Button type="submit" disabled={busy} className="shrink-0">
      {busy ? t("questsUi.checkingIn") : t("questsUi.checkIn")}
      <span className="sr-only"> {quest.title}</span>
    </Button>
  );
  if (quest.evidence === "none") {
    return (
      <form onSubmit={submit} className="flex">
        {button}
      </form>
    );
  }
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2 sm:flex-row sm:items-end">
      <div className="min-w-0 flex-1">
        {quest.evidence === "value" ? (
          <Field
            label={t("questsUi.valueLabel", { unit: quest.unit ?? "" })}
            hint={t("questsUi.valueHint")}
            name="value"
            inputMode="decimal"
            autoComplete="off"
            value={value}
            onChange={(e) => setValue(e.target.value)}
            error={fieldError("value")}
          />
        ) : quest.evidence === "link" ? (
          <Field
            label={t("questsUi.linkLabel")}
            hint={t("questsUi.linkHint")}
            name="link"
            type="url"
            inputMode="url"
            autoComplete="url"
            value={link}
            onChange={(e) => setLink(e.target.value)}
            error={fieldError("link")}
          />
        ) : (
          <Field
            label={t("questsUi.photoLabel")}
            hint={t("questsUi.photoHint")}
            name="photoId"
            type="file"
            accept="image/*"
            onChange={(e) => setPhoto(e.target.files?.[0] ?? null)}
            error={fieldError("photoId")}
          />
        )}
      </div>
      {button}
    </form>
  );
}
