"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getSocket } from "@/lib/realtime/client";
import { useTRPC } from "@/trpc/react";

/**
 * Refetches the member's referrals, funnel and balance when a referral of theirs changes status or their
 * points change (a reward vesting arrives as both). Events sent while offline are lost: reconnects refetch.
 */
export function useReferralsLive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const refetch = () => {
      void queryClient.invalidateQueries(trpc.referrals.mine.pathFilter());
      void queryClient.invalidateQueries(trpc.referrals.stats.pathFilter());
      void queryClient.invalidateQueries(trpc.points.balance.pathFilter());
    };
    socket.on("referral:updated", refetch);
    socket.on("points:changed", refetch);
    socket.io.on("reconnect", refetch);
    return () => {
      socket.off("referral:updated", refetch);
      socket.off("points:changed", refetch);
      socket.io.off("reconnect", refetch);
    };
  }, [queryClient, trpc]);
}
