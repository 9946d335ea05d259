"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";
import { BalanceCard } from "./balance-card";
import { DonateForm } from "./donate-form";
import { HistoryList } from "./history-list";
import { PointsLiveToast } from "./live";
import { TierTable } from "./tier-table";
import type { Balance, HistoryPage } from "./types";

export function PointsDashboard({
  brandSlug,
  initialBalance,
  initialHistory,
  causeName,
}: {
  brandSlug: string;
  initialBalance: Balance;
  initialHistory: HistoryPage;
  causeName: string;
}) {
  const trpc = useTRPC();
  const balance = useQuery(trpc.points.balance.queryOptions({ brandSlug }, { initialData: initialBalance })).data;
  return (
    <>
      <BalanceCard balance={balance} />
      <HistoryList brandSlug={brandSlug} initial={initialHistory} />
      <DonateForm brandSlug={brandSlug} available={balance.available} causeName={causeName} />
      <TierTable tiers={balance.tiers} currentRank={balance.tier.rank} />
      <PointsLiveToast />
    </>
  );
}
