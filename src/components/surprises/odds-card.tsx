"use client";

import { useFormatter, useTranslations } from "next-intl";
import { useOddsText, usePrizeText, useTriggerText } from "./format";
import type { OddsTable } from "./types";

/** What one table can give and how likely each prize is, its guaranteed-win rule and what is left of its budget. */
export function OddsCard({ table }: { table: OddsTable }) {
  const t = useTranslations("surprises");
  const format = useFormatter();
  const triggerText = useTriggerText();
  const prizeText = usePrizeText();
  const oddsText = useOddsText();
  const titleId = `table-${table.id}`;
  const { budget } = table;
  const n = (x: number) => format.number(x);

  return (
    <section
      aria-labelledby={titleId}
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="odds-table"
      data-table-id={table.id}
    >
      <div className="flex flex-col gap-1">
        <h2 id={titleId} className="text-lg font-bold">
          {table.name}
        </h2>
        <p className="text-sm font-semibold text-brand-800" data-testid="odds-trigger">
          {triggerText(table.trigger)}
        </p>
        {table.description ? <p className="text-stone-700">{table.description}</p> : null}
      </div>

      <ul className="flex flex-col divide-y divide-stone-200" aria-label={t("prizesLabel", { table: table.name })}>
        {table.prizes.map((prize) => {
          const odds = oddsText(prize.odds);
          return (
            <li key={prize.id} className="flex items-center justify-between gap-3 py-2" data-testid="odds-prize">
              <div className="min-w-0">
                <p className={`break-words font-semibold ${prize.kind === "nothing" ? "text-stone-700" : ""}`}>{prizeText(prize)}</p>
                {prize.kind === "reward" && prize.rewardTitle && prize.rewardTitle !== prize.label ? (
                  <p className="text-sm text-stone-700">{prize.rewardTitle}</p>
                ) : null}
              </div>
              <div className="shrink-0 text-right">
                <p className="text-lg font-bold tabular-nums" data-testid="odds-percent">
                  {odds.percent}
                </p>
                <p className="text-sm text-stone-700 tabular-nums">
                  {odds.oneIn} · {t("weightOf", { weight: n(prize.weight), total: n(table.totalWeight) })}
                </p>
              </div>
            </li>
          );
        })}
      </ul>

      <div className="flex flex-col gap-1 rounded-xl bg-stone-100 p-3 text-sm text-stone-800">
        <p data-testid="odds-pity">{table.pityAfter ? t("pity", { count: table.pityAfter }) : t("pityOff")}</p>
        {table.myDrySpell !== null && table.myDrySpell !== undefined ? (
          <p data-testid="odds-dry-spell">
            {t("drySpell", { count: table.myDrySpell })}
            {table.pityAfter
              ? ` ${table.myDrySpell >= table.pityAfter ? t("pityNext") : t("pityLeft", { count: table.pityAfter - table.myDrySpell })}`
              : ""}
          </p>
        ) : null}
      </div>

      <div className="flex flex-col gap-1 text-sm" data-testid="odds-budget">
        {budget.totalLeft <= 0 ? (
          <p className="font-semibold text-amber-900">{t("budgetTotalOut")}</p>
        ) : budget.dailyLeft <= 0 ? (
          <p className="font-semibold text-amber-900">{t("budgetDailyOut")}</p>
        ) : (
          <>
            <p className="font-semibold">{t("budgetDaily", { left: n(budget.dailyLeft), budget: n(budget.daily) })}</p>
            <p className="text-stone-700">{t("budgetTotal", { left: n(budget.totalLeft), budget: n(budget.total) })}</p>
          </>
        )}
        <p className="text-stone-700">{t("budgetRule")}</p>
      </div>
    </section>
  );
}
