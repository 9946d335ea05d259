"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "../ui/badge";
import type { Tier } from "./types";

/** Every tier with what it takes and what it gives; the member's own row is marked. */
export function TierTable({ tiers, currentRank }: { tiers: Tier[]; currentRank: number }) {
  const t = useTranslations("points.tiers");
  const format = useFormatter();
  return (
    <section aria-labelledby="tiers-title" className="flex flex-col gap-3">
      <h2 id="tiers-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      <p className="text-stone-700">{t("intro")}</p>
      <div className="rounded-2xl border border-stone-300 bg-white">
        <table className="w-full border-collapse text-left text-sm">
          <caption className="sr-only">{t("caption")}</caption>
          <thead>
            <tr className="border-b border-stone-300 text-stone-700">
              <th scope="col" className="px-3 py-2 font-semibold">
                {t("name")}
              </th>
              <th scope="col" className="px-2 py-2 text-right font-semibold">
                {t("threshold")}
              </th>
              <th scope="col" className="px-3 py-2 text-right font-semibold">
                {t("multiplier")}
              </th>
              {/* On narrow screens perks get their own row under each tier instead of a column. */}
              <th scope="col" className="hidden px-3 py-2 font-semibold sm:table-cell">
                {t("perks")}
              </th>
            </tr>
          </thead>
          {tiers.map((tier) => {
            const mine = tier.rank === currentRank;
            const perks = tier.perks || t("noPerks");
            return (
              <tbody
                key={tier.rank}
                aria-current={mine ? "true" : undefined}
                data-testid={`tier-row-${tier.rank}`}
                className={`border-b border-stone-200 last:border-b-0 ${mine ? "bg-brand-50" : ""}`}
              >
                <tr className="align-top">
                  <th scope="row" className="break-words px-3 pt-3 pb-1 font-semibold sm:pb-3">
                    <span className="flex flex-col items-start gap-1">
                      {tier.name}
                      {mine ? <Badge tone="green">{t("yours")}</Badge> : null}
                    </span>
                  </th>
                  <td className="px-2 pt-3 pb-1 text-right tabular-nums sm:pb-3">{format.number(tier.threshold)}</td>
                  <td className="px-3 pt-3 pb-1 text-right tabular-nums sm:pb-3">
                    {t("multiplierValue", { count: tier.multiplierBp / 100 })}
                  </td>
                  <td className="hidden break-words px-3 py-3 text-stone-800 sm:table-cell">{perks}</td>
                </tr>
                <tr className="sm:hidden">
                  <td colSpan={3} className="break-words px-3 pb-3 text-stone-800">
                    <span className="sr-only">{t("perksLabel")} </span>
                    {perks}
                  </td>
                </tr>
              </tbody>
            );
          })}
        </table>
      </div>
    </section>
  );
}
