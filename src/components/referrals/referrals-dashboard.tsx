"use client";

import { useQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { PointsLiveToast } from "../points/live";
import { ShareSheet } from "../shares/share-sheet";
import { Funnel } from "./funnel";
import { Milestones } from "./milestones";
import { OfferSteps } from "./offer-steps";
import { ReferralList } from "./referral-list";
import type { MyReferrals, ReferralStats } from "./types";
import { useReferralsLive } from "./use-referrals-live";

/** The member's invite link, the offer, how their invites are doing and the milestones; kept live. */
export function ReferralsDashboard({
  brandSlug,
  brandName,
  handle,
  origin,
  initialMine,
  initialStats,
}: {
  brandSlug: string;
  brandName: string;
  handle: string;
  origin: string;
  initialMine: MyReferrals;
  initialStats: ReferralStats;
}) {
  const t = useTranslations("referrals");
  const trpc = useTRPC();
  const mine = useQuery(trpc.referrals.mine.queryOptions({ brandSlug }, { initialData: initialMine })).data;
  const stats = useQuery(trpc.referrals.stats.queryOptions({ brandSlug }, { initialData: initialStats })).data;
  useReferralsLive();
  const url = `${origin}${mine.path}`;
  const earned = mine.referrals.reduce((sum, r) => sum + (r.status === "rewarded" ? r.points : 0), 0);

  return (
    <div className="flex flex-col gap-5">
      {mine.enabled ? null : (
        <p role="status" className="rounded-2xl border border-amber-300 bg-amber-50 p-4 text-amber-950" data-testid="referrals-paused">
          {t("paused")}
        </p>
      )}
      <section aria-labelledby="invite-link-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="invite-link-title" className="text-xl font-bold">
          {t("link.title")}
        </h2>
        <p className="text-stone-700">{t("link.hint", { code: mine.code })}</p>
        <ShareSheet
          url={url}
          title={t("link.shareTitle", { brand: brandName })}
          text={t("link.shareText", { brand: brandName, points: mine.offer.friendPoints, action: mine.offer.qualifyingAction })}
        />
      </section>
      <OfferSteps offer={mine.offer} inviter={handle} perspective="referrer" />
      {earned > 0 ? (
        <p className="rounded-2xl bg-brand-50 p-4 text-brand-900" data-testid="referral-earned">
          {t("earned", { points: earned, count: mine.rewardedCount })}
        </p>
      ) : null}
      <Funnel stats={stats} />
      <Milestones milestones={mine.milestones} rewardedCount={mine.rewardedCount} />
      <ReferralList referrals={mine.referrals} />
      <PointsLiveToast />
    </div>
  );
}
