"use client";

import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import type { QuestStatsData } from "./quest-format";

/** A quest's figures for staff: counts and sums across members only, never anyone's logged values. */
export function QuestStats({ brandSlug, questId }: { brandSlug: string; questId: string }) {
  const t = useTranslations("questBuilder.stats");
  const trpc = useTRPC();
  const query = useQuery(trpc.quests.stats.queryOptions({ brandSlug, questId }));
  return (
    <section
      aria-labelledby="quest-stats-title"
      aria-busy={query.isPending}
      className="flex flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="quest-stats"
    >
      <div>
        <h2 id="quest-stats-title" className="text-lg font-bold">
          {t("title")}
        </h2>
        <p className="text-sm text-stone-700">{t("privacy")}</p>
      </div>
      {query.data ? (
        <Figures stats={query.data} />
      ) : query.isError ? (
        <Alert>{t("loadError")}</Alert>
      ) : (
        <p className="text-stone-700">{t("loading")}</p>
      )}
    </section>
  );
}

function Figures({ stats }: { stats: QuestStatsData }) {
  const t = useTranslations("questBuilder.stats");
  const format = useFormatter();
  const n = (x: number) => format.number(x);
  const paidText = stats.budget
    ? t("paidOfBudget", { paid: n(stats.pointsPaid), budget: n(stats.budget) })
    : t("paidNoBudget", { paid: n(stats.pointsPaid) });
  const percent = stats.budget ? Math.min(100, Math.round((stats.pointsPaid / stats.budget) * 100)) : 0;
  return (
    <>
      <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
        <Figure label={t("completions")} value={n(stats.completions)} testId="stat-completions" />
        <Figure label={t("uniqueMembers")} value={n(stats.uniqueMembers)} testId="stat-members" />
        <Figure
          label={t("completionRate")}
          value={format.number(stats.completionRate, { style: "percent", maximumFractionDigits: 1 })}
          note={t("rateNote", { unique: n(stats.uniqueMembers), members: n(stats.members) })}
          testId="stat-rate"
        />
        <Figure label={t("pending")} value={n(stats.pending)} testId="stat-pending" />
        <Figure label={t("rejected")} value={n(stats.rejected)} testId="stat-rejected" />
      </dl>
      <div className="flex flex-col gap-1">
        <p className="text-sm font-medium text-stone-800">{t("pointsPaid")}</p>
        <p className="font-semibold" data-testid="stat-paid">
          {paidText}
        </p>
        {stats.budget ? (
          <div
            role="progressbar"
            aria-label={t("pointsPaid")}
            aria-valuemin={0}
            aria-valuemax={stats.budget}
            aria-valuenow={Math.min(stats.pointsPaid, stats.budget)}
            aria-valuetext={paidText}
            className="h-3 w-full overflow-hidden rounded-full bg-stone-200"
          >
            <div className="h-full rounded-full bg-brand-600" style={{ width: `${percent}%` }} />
          </div>
        ) : null}
      </div>
      <DayChart days={stats.byDay} />
    </>
  );
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="flex flex-col rounded-xl bg-stone-100 p-3">
      <dt className="text-sm text-stone-700">{label}</dt>
      <dd className="text-2xl font-bold tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {note ? <dd className="text-xs text-stone-700">{note}</dd> : null}
    </div>
  );
}

/**
 * Completions per day as bars, for the eye only: a sentence sums them up and a table beside them gives
 * every number, for screen readers and anyone who prefers one.
 */
function DayChart({ days }: { days: QuestStatsData["byDay"] }) {
  const t = useTranslations("questBuilder.stats");
  const format = useFormatter();
  // The days are calendar dates, not instants: format them in UTC so no time zone shifts them.
  const label = (day: string, style: "short" | "long") =>
    format.dateTime(
      new Date(`${day}T00:00:00Z`),
      style === "short" ? { month: "short", day: "numeric", timeZone: "UTC" } : { dateStyle: "long", timeZone: "UTC" },
    );
  const max = Math.max(0, ...days.map((d) => d.completions));
  const total = days.reduce((sum, d) => sum + d.completions, 0);
  const busiest = days.find((d) => d.completions === max && max > 0);
  const summary = busiest ? t("chartSummary", { total, max, day: label(busiest.day, "long") }) : t("chartEmpty");
  const first = days[0];
  const last = days.at(-1);
  return (
    <figure className="flex flex-col gap-2">
      <figcaption className="text-sm font-medium text-stone-800">{t("chartTitle")}</figcaption>
      <div aria-hidden="true" className="flex h-28 items-end gap-px border-b border-stone-400" data-testid="stat-chart">
        {days.map((d) => (
          <div
            key={d.day}
            title={`${label(d.day, "short")}: ${d.completions}`}
            className="flex-1 rounded-t-sm bg-brand-600"
            style={{ height: max > 0 && d.completions > 0 ? `${Math.max(4, Math.round((d.completions / max) * 100))}%` : "0" }}
          />
        ))}
      </div>
      {first && last ? (
        <div className="flex justify-between text-xs text-stone-700" aria-hidden="true">
          <span>{label(first.day, "short")}</span>
          <span>{label(last.day, "short")}</span>
        </div>
      ) : null}
      <p className="text-sm text-stone-700">{summary}</p>
      <details className="text-sm">
        <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-700">{t("showTable")}</summary>
        <table className="mt-2 w-full text-left">
          <caption className="sr-only">{t("chartTitle")}</caption>
          <thead>
            <tr>
              <th scope="col" className="py-1 pr-3 font-semibold">
                {t("day")}
              </th>
              <th scope="col" className="py-1 text-right font-semibold">
                {t("completions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {days.map((d) => (
              <tr key={d.day} className="border-t border-stone-200">
                <th scope="row" className="py-1 pr-3 font-normal">
                  {label(d.day, "long")}
                </th>
                <td className="py-1 text-right tabular-nums">{format.number(d.completions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
