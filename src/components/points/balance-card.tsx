"use client";

import { useFormatter, useTranslations } from "next-intl";
import type { Balance } from "./types";

/** Available, pending and lifetime points, the tier and the way to the next one, and any warnings. */
export function BalanceCard({ balance }: { balance: Balance }) {
  const t = useTranslations("points");
  const format = useFormatter();
  const { tier, nextTier } = balance;
  const min = tier.threshold;
  const max = nextTier ? nextTier.threshold : tier.threshold;
  const now = nextTier ? Math.min(max, Math.max(min, balance.tierPoints)) : max;
  const percent = nextTier && max > min ? Math.round(((now - min) / (max - min)) * 100) : 100;
  const progressText = nextTier ? t("toNext", { count: balance.pointsToNext ?? 0, name: nextTier.name }) : t("topTier");
  return (
    <section aria-labelledby="balance-title" className="flex flex-col gap-4 rounded-2xl bg-brand-900 p-5 text-white">
      <div>
        <h2 id="balance-title" className="text-sm font-semibold uppercase tracking-wide text-brand-100">
          {t("available")}
        </h2>
        <p className="text-4xl font-bold tabular-nums" data-testid="balance-available">
          {format.number(balance.available)}
        </p>
      </div>
      <dl className="grid grid-cols-2 gap-3">
        <div className="rounded-xl bg-white/10 p-3">
          <dt className="text-sm text-brand-100">{t("pending")}</dt>
          <dd className="text-xl font-bold tabular-nums" data-testid="balance-pending">
            {format.number(balance.pending)}
          </dd>
        </div>
        <div className="rounded-xl bg-white/10 p-3">
          <dt className="text-sm text-brand-100">{t("lifetime")}</dt>
          <dd className="text-xl font-bold tabular-nums" data-testid="balance-lifetime">
            {format.number(balance.lifetimeEarned)}
          </dd>
        </div>
      </dl>
      <div className="flex flex-col gap-2">
        <p className="text-lg">
          {t("yourTier")} <strong data-testid="tier-name">{tier.name}</strong>
        </p>
        <div
          role="progressbar"
          aria-label={t("progressLabel")}
          aria-valuemin={nextTier ? min : 0}
          aria-valuemax={nextTier ? max : 100}
          aria-valuenow={nextTier ? now : 100}
          aria-valuetext={progressText}
          className="h-3 w-full overflow-hidden rounded-full bg-white/25"
        >
          <div className="h-full rounded-full bg-brand-100 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
        <p className="text-brand-100" data-testid="tier-progress">
          {progressText}
        </p>
        <p className="text-sm text-brand-100">{t("tierPoints", { count: balance.tierPoints })}</p>
      </div>
      <dl className="flex flex-wrap gap-x-2 text-sm">
        <dt className="text-brand-100">{t("qualifiedUntil")}</dt>
        <dd className="font-semibold">{format.dateTime(balance.qualifiedUntil, { dateStyle: "long" })}</dd>
      </dl>
      {balance.demotionWarning ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="demotion-warning">
          <p className="font-semibold">
            {t("demotion", {
              count: balance.demotionWarning.pointsToKeep,
              name: format.dateTime(balance.demotionWarning.on, { dateStyle: "long" }),
            })}
          </p>
          <p className="text-sm">{t("demotionTo", { name: balance.demotionWarning.to.name })}</p>
        </div>
      ) : null}
      {balance.expiryWarning ? (
        <div className="rounded-xl border border-amber-300 bg-amber-50 p-3 text-amber-950" data-testid="expiry-warning">
          <p className="font-semibold">
            {t("expiry", {
              count: balance.expiryWarning.amount,
              name: format.dateTime(balance.expiryWarning.on, { dateStyle: "long" }),
            })}
          </p>
          <p className="text-sm">{t("expiryHint")}</p>
        </div>
      ) : balance.expiryDays ? (
        <p className="text-sm text-brand-100">{t("expiryPolicy", { count: balance.expiryDays })}</p>
      ) : null}
    </section>
  );
}
