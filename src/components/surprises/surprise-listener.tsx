"use client";

import { useQueryClient } from "@tanstack/react-query";
import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { getSocket } from "@/lib/realtime/client";
import { useTRPC } from "@/trpc/react";
import { type RevealItem, RevealStack } from "./reveal";
import { markRevealed, wasRevealed } from "./seen";

const RevealContext = createContext<(item: RevealItem) => void>(() => {});

/** Shows a reveal for a draw this browser has not revealed yet (a page opening a fresh draw uses it). */
export function useRevealDraw() {
  return useContext(RevealContext);
}

/**
 * Mounted once for signed-in visitors: a win anywhere (right after a quest check-in, an idea shipping)
 * turns over a reveal card on whatever page is open, and the member's surprise and points views refetch.
 */
export function SurpriseListener({ children }: { children?: ReactNode }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [queue, setQueue] = useState<RevealItem[]>([]);

  const reveal = useCallback((item: RevealItem) => {
    if (wasRevealed(item.drawId)) return;
    markRevealed(item.drawId);
    setQueue((old) => (old.some((x) => x.drawId === item.drawId) ? old : [...old, item]));
  }, []);

  useEffect(() => {
    const socket = getSocket();
    const won = (event: RevealItem) => {
      reveal({ drawId: event.drawId, tableName: event.tableName, outcome: event.outcome });
      void queryClient.invalidateQueries(trpc.surprises.pathFilter());
    };
    socket.on("surprise:won", won);
    return () => {
      socket.off("surprise:won", won);
    };
  }, [queryClient, trpc, reveal]);

  const close = useCallback((drawId: string) => setQueue((old) => old.filter((x) => x.drawId !== drawId)), []);

  return (
    <RevealContext.Provider value={reveal}>
      {children}
      <RevealStack items={queue} onClose={close} />
    </RevealContext.Provider>
  );
}
