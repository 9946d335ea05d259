"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { usePointsLive } from "@/components/points/live";
import { getSocket } from "@/lib/realtime/client";
import { useTRPC } from "@/trpc/react";

/**
 * Keeps quests, streaks and the points balance current: a check-in from another tab, a staff approval or
 * an event from the brand's systems shows up without a reload. The events only say what changed; the
 * queries fetch the member's own view, so a health value never travels over the socket.
 */
export function useQuestsLive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  usePointsLive();
  useEffect(() => {
    const socket = getSocket();
    const refetch = () => {
      void queryClient.invalidateQueries(trpc.quests.pathFilter());
      void queryClient.invalidateQueries(trpc.streaks.pathFilter());
    };
    socket.on("quest:progress", refetch);
    socket.on("streak:changed", refetch);
    // Events sent while disconnected are lost: catch up on every reconnect.
    socket.io.on("reconnect", refetch);
    return () => {
      socket.off("quest:progress", refetch);
      socket.off("streak:changed", refetch);
      socket.io.off("reconnect", refetch);
    };
  }, [queryClient, trpc]);
}
