"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { QuestIcon } from "@/components/quests/icons";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { linkButton } from "../ui/button";
import { STATUS_TONE, type StaffQuest, useCadenceText, usePointsText } from "./quest-format";

/** The brand's quests with their state, rhythm, reward and budget; archived ones on request. */
export function QuestList({
  brandSlug,
  initial,
  canEdit,
  createdId,
}: {
  brandSlug: string;
  initial: StaffQuest[];
  canEdit: boolean;
  /** The quest just created, to confirm it by name. */
  createdId?: string;
}) {
  const t = useTranslations("questBuilder");
  const trpc = useTRPC();
  const [showArchived, setShowArchived] = useState(false);
  const query = useQuery(
    trpc.quests.adminList.queryOptions(
      { brandSlug, includeArchived: showArchived },
      showArchived ? { placeholderData: (previous) => previous } : { initialData: initial },
    ),
  );
  const quests = query.data ?? initial;
  const created = createdId ? (quests.find((q) => q.id === createdId) ?? initial.find((q) => q.id === createdId)) : undefined;

  return (
    <>
      {created ? <Alert tone="info">{t("created", { name: created.title })}</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        {canEdit ? (
          <Link href="/staff/quests/new" className={linkButton.primary}>
            {t("new")}
          </Link>
        ) : null}
        <label className="flex min-h-11 items-center gap-3">
          <input
            type="checkbox"
            name="showArchived"
            checked={showArchived}
            onChange={(e) => setShowArchived(e.target.checked)}
            className="size-5 accent-brand-700"
          />
          <span>{t("showArchived")}</span>
        </label>
      </div>
      <section aria-labelledby="all-quests" aria-busy={query.isFetching} className="flex flex-col gap-3">
        <h2 id="all-quests" className="text-lg font-bold">
          {showArchived ? t("listAll") : t("listCurrent")}
        </h2>
        {query.isError ? <Alert>{t("loadError")}</Alert> : null}
        {quests.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("empty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {quests.map((q) => (
              <QuestItem key={q.id} quest={q} canEdit={canEdit} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

function QuestItem({ quest: q, canEdit }: { quest: StaffQuest; canEdit: boolean }) {
  const t = useTranslations("questBuilder");
  const format = useFormatter();
  const cadenceText = useCadenceText();
  const pointsText = usePointsText();
  const percent = q.budget ? Math.min(100, Math.round((q.pointsPaid / q.budget) * 100)) : 0;
  const budgetText = q.budget
    ? t("budgetUsed", { paid: format.number(q.pointsPaid), budget: format.number(q.budget) })
    : t("noBudget", { paid: format.number(q.pointsPaid) });
  return (
    <li className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4" data-testid="staff-quest">
      <div className="flex items-start gap-3">
        <span className="grid size-10 shrink-0 place-items-center rounded-xl bg-brand-100 text-brand-700">
          <QuestIcon icon={q.icon} />
        </span>
        <div className="flex min-w-0 flex-1 flex-wrap items-start justify-between gap-2">
          <h3 className="min-w-0 break-words text-lg font-semibold">{q.title}</h3>
          <Badge tone={STATUS_TONE[q.status]}>{t(`states.${q.status}`)}</Badge>
        </div>
      </div>
      <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
        <dt className="text-stone-700">{t("fields.kind")}</dt>
        <dd>{t(`kinds.${q.kind}`)}</dd>
        <dt className="text-stone-700">{t("listCadence")}</dt>
        <dd data-testid="quest-cadence">{cadenceText(q.cadence, q.cadenceN)}</dd>
        <dt className="text-stone-700">{t("listPoints")}</dt>
        <dd data-testid="quest-points">{pointsText(q.basePoints, q.pointsPerUnit, q.unit)}</dd>
        <dt className="text-stone-700">{t("budgetLabel")}</dt>
        <dd className="flex flex-col gap-1">
          <span>{budgetText}</span>
          {q.budget ? (
            <div
              role="progressbar"
              aria-label={t("budgetBar", { name: q.title })}
              aria-valuemin={0}
              aria-valuemax={q.budget}
              aria-valuenow={Math.min(q.pointsPaid, q.budget)}
              aria-valuetext={budgetText}
              className="h-2 w-full max-w-48 overflow-hidden rounded-full bg-stone-200"
            >
              <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
            </div>
          ) : null}
        </dd>
      </dl>
      <Link href={`/staff/quests/${q.id}`} className={`${linkButton.secondary} self-start`}>
        {canEdit ? t("edit") : t("view")}
        <span className="sr-only"> {q.title}</span>
      </Link>
    </li>
  );
}
