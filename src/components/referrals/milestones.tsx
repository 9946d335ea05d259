"use client";

import { useTranslations } from "next-intl";
import type { MyReferrals } from "./types";

/** Extra rewards for 1, 3, 6… rewarded friends: which are reached and how far the next one is. */
export function Milestones({ milestones, rewardedCount }: Pick<MyReferrals, "milestones" | "rewardedCount">) {
  const t = useTranslations("referrals.milestones");
  if (milestones.length === 0) return null;
  const next = milestones.find((m) => !m.reached);
  const goal = next?.count ?? milestones.at(-1)?.count ?? 1;
  const done = Math.min(rewardedCount, goal);
  return (
    <section
      aria-labelledby="milestones-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="referral-milestones"
    >
      <h2 id="milestones-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      <p className="text-stone-700" id="milestones-progress-label">
        {next ? t("progress", { done: rewardedCount, goal, points: next.points }) : t("allReached", { count: rewardedCount })}
      </p>
      <div
        role="progressbar"
        aria-labelledby="milestones-progress-label"
        aria-valuemin={0}
        aria-valuemax={goal}
        aria-valuenow={done}
        className="h-3 overflow-hidden rounded-full bg-stone-200"
      >
        <div
          className="h-full rounded-full bg-brand-600 motion-safe:transition-[width] motion-safe:duration-500"
          style={{ width: `${(done / goal) * 100}%` }}
        />
      </div>
      <ul className="flex flex-col gap-2">
        {milestones.map((m) => (
          <li
            key={m.count}
            className={`flex items-center justify-between gap-2 rounded-xl px-3 py-2 ${m.reached ? "bg-brand-50" : "bg-stone-100"}`}
            data-testid="milestone"
            data-reached={m.reached}
          >
            <span className="font-semibold">{t("item", { count: m.count, points: m.points })}</span>
            <span className={`text-sm font-semibold ${m.reached ? "text-brand-900" : "text-stone-700"}`}>
              {m.reached ? t("reached") : t("notYet")}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
