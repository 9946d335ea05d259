"use client";

import { useFormatter, useTranslations } from "next-intl";
import { Badge, type BadgeTone } from "../ui/badge";
import type { MyReferral } from "./types";

const TONE: Record<MyReferral["status"], BadgeTone> = {
  signed_up: "grey",
  held: "amber",
  rewarded: "green",
  rejected: "red",
  blocked: "red",
};

function explain(t: ReturnType<typeof useTranslations<"referrals.list">>, r: MyReferral): string {
  if (r.status === "rejected" && r.reason) return t("explain.rejectedBecause", { reason: r.reason });
  if (r.status === "blocked" && r.blockedRule) return t(`blocked.${r.blockedRule}`);
  return t(`explain.${r.status}`);
}

/** The friends who joined through the member's link, each with what happens next in plain words. */
export function ReferralList({ referrals }: { referrals: MyReferral[] }) {
  const t = useTranslations("referrals.list");
  const format = useFormatter();
  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  return (
    <section aria-labelledby="referral-list-title" className="flex flex-col gap-3">
      <h2 id="referral-list-title" className="text-xl font-bold">
        {t("title")}
      </h2>
      {referrals.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="referrals-empty">
          {t("empty")}
        </p>
      ) : (
        <ul className="flex flex-col gap-2">
          {referrals.map((r) => (
            <li
              key={r.id}
              className="flex flex-col gap-1 rounded-2xl border border-stone-300 bg-white p-4"
              data-testid="referral-row"
              data-status={r.status}
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="break-words font-semibold">@{r.friendHandle}</span>
                <Badge tone={TONE[r.status]}>{t(`status.${r.status}`)}</Badge>
              </div>
              <p className="text-sm text-stone-800" data-testid="referral-explain">
                {explain(t, r)}
              </p>
              <p className="flex flex-wrap gap-x-3 text-sm text-stone-700">
                <span>{t("joined", { date: date(r.createdAt) })}</span>
                {r.qualifiedAt ? <span>{t("qualified", { date: date(r.qualifiedAt) })}</span> : null}
                {r.points > 0 && (r.status === "rewarded" || r.status === "held") ? (
                  <span className="font-semibold text-brand-900" data-testid="referral-points">
                    {t(r.status === "held" ? "pendingPoints" : "points", { points: r.points })}
                  </span>
                ) : null}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
