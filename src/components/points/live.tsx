"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { getSocket } from "@/lib/realtime/client";
import type { PointsChanged } from "@/lib/realtime/events";
import { useTRPC } from "@/trpc/react";
import { entryReason } from "./entry-text";

/** Refetches points, rewards and redemptions whenever the server says this member's points changed. */
export function usePointsLive(onChange?: (event: PointsChanged) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const callback = useRef(onChange);
  callback.current = onChange;
  useEffect(() => {
    const socket = getSocket();
    const refetch = () => {
      void queryClient.invalidateQueries(trpc.points.pathFilter());
      void queryClient.invalidateQueries(trpc.redemptions.mine.pathFilter());
      void queryClient.invalidateQueries(trpc.rewards.list.pathFilter());
    };
    const changed = (event: PointsChanged) => {
      refetch();
      callback.current?.(event);
    };
    // Events sent while disconnected are lost: catch up on every reconnect.
    const reconnected = () => refetch();
    socket.on("points:changed", changed);
    socket.io.on("reconnect", reconnected);
    return () => {
      socket.off("points:changed", changed);
      socket.io.off("reconnect", reconnected);
    };
  }, [queryClient, trpc]);
}

/** Keeps this page live and announces each change ("+50 points: Workshop") in a status toast. */
export function PointsLiveToast() {
  const t = useTranslations();
  const [message, setMessage] = useState<{ id: number; text: string } | null>(null);
  usePointsLive((event) => {
    const name = entryReason(t as never, event.entry);
    const count = Math.abs(event.entry.amount);
    const text = event.entry.amount >= 0 ? t("live.gained", { count, name }) : t("live.spent", { count, name });
    setMessage({ id: event.entry.id, text });
  });
  return (
    <div role="status" className="pointer-events-none fixed inset-x-0 bottom-4 z-20 flex justify-center px-4">
      {message ? (
        <div
          key={message.id}
          data-testid="points-toast"
          className="pointer-events-auto flex w-full max-w-md items-center justify-between gap-3 rounded-xl bg-stone-900 py-2 pl-4 pr-2 text-white shadow-lg"
        >
          <p className="min-w-0 break-words font-semibold">{message.text}</p>
          <button
            type="button"
            onClick={() => setMessage(null)}
            className="min-h-11 shrink-0 rounded-lg px-3 text-sm font-semibold text-white underline underline-offset-4 hover:bg-stone-700 focus-visible:outline-2 focus-visible:outline-white"
          >
            {t("live.dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
