"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";
import { getSocket } from "@/lib/realtime/client";
import { useTRPC } from "@/trpc/react";

/**
 * Refetches the member's reviews and balance when staff decide: approval sends "points:changed" and
 * "quest:progress" to the author's own room. Events sent while offline are lost, so reconnects refetch too.
 */
export function useReviewsLive() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useEffect(() => {
    const socket = getSocket();
    const refetch = () => {
      void queryClient.invalidateQueries(trpc.reviews.mine.pathFilter());
      void queryClient.invalidateQueries(trpc.points.balance.pathFilter());
    };
    socket.on("points:changed", refetch);
    socket.on("quest:progress", refetch);
    socket.io.on("reconnect", refetch);
    return () => {
      socket.off("points:changed", refetch);
      socket.off("quest:progress", refetch);
      socket.io.off("reconnect", refetch);
    };
  }, [queryClient, trpc]);
}
