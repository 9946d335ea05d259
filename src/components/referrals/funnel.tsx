"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { ReferralStats } from "./types";

const STEPS = ["visits", "signUps", "qualified", "rewarded"] as const;
const ASIDE = ["held", "rejected", "blocked"] as const;

/** Link visits down to rewarded friends, as numbers and bars, plus the invites that left the path. */
export function Funnel({ stats }: { stats: ReferralStats }) {
  const t = useTranslations("referrals.funnel");
  const format = useFormatter();
  const widest = Math.max(1, ...STEPS.map((s) => stats[s]));
  return (
    <section
      aria-labelledby="funnel-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="referral-funnel"
    >
      <h2 id="funnel-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      <ol className="flex flex-col gap-2">
        {STEPS.map((step) => (
          <li key={step} className="flex flex-col gap-1" data-testid={`funnel-${step}`} data-count={stats[step]}>
            <div className="flex items-baseline justify-between gap-2">
              <span className="text-stone-800">{t(step)}</span>
              <span className="text-lg font-bold text-brand-900">{format.number(stats[step])}</span>
            </div>
            <div aria-hidden="true" className="h-2.5 overflow-hidden rounded-full bg-stone-200">
              <div
                className="h-full rounded-full bg-brand-600 motion-safe:transition-[width] motion-safe:duration-500"
                style={{ width: `${(stats[step] / widest) * 100}%` }}
              />
            </div>
          </li>
        ))}
      </ol>
      <dl className="grid grid-cols-3 gap-2">
        {ASIDE.map((step) => (
          <div
            key={step}
            className="flex flex-col-reverse rounded-xl bg-stone-100 p-2"
            data-testid={`funnel-${step}`}
            data-count={stats[step]}
          >
            <dt className="text-sm text-stone-700">{t(step)}</dt>
            <dd className="text-lg font-bold text-stone-900">{format.number(stats[step])}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
