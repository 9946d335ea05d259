"use client";

import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useEffect, useRef, useState } from "react";
import { applyFrame, applySince, type BoardState, LIVE_MAX } from "@/lib/realtime/board-state";
import { getSocket } from "@/lib/realtime/client";
import type { BoardFrame, RankChanged } from "@/lib/realtime/events";
import { useTRPC } from "@/trpc/react";
import type { BoardName, BoardPeriod } from "./types";

/** Asking `since` again when its answer is older than frames already applied; then a fresh watch. */
const SINCE_TRIES = 3;

export interface RankNews {
  id: number;
  event: RankChanged;
}

/**
 * Follows one board over the shared socket: watches it (again after every reconnect, which brings a full
 * frame), applies each `leaderboard:delta` frame, catches up with `leaderboards.since` when a frame does not
 * follow the last one applied, and passes on `rank:changed` news about the member's own place.
 */
export function useBoardLive(a: {
  brandSlug: string;
  board: BoardName;
  period: BoardPeriod;
  /** How many top rows to follow (grows with "load more", at most LIVE_MAX). */
  limit: number;
  myHandle: string;
  initial: BoardState;
  onPeriodChange: () => void;
}) {
  const { brandSlug, board, period, limit, myHandle } = a;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [state, setState] = useState(a.initial);
  const [news, setNews] = useState<RankNews | null>(null);
  const [refused, setRefused] = useState(false);
  const current = useRef(a.initial);
  const onPeriodChange = useRef(a.onPeriodChange);
  onPeriodChange.current = a.onPeriodChange;

  useEffect(() => {
    const socket = getSocket();
    const request = { brandSlug, board, period, limit: Math.min(LIVE_MAX, limit) };
    let active = true;
    let catching = false;
    let again = false;

    const commit = (next: BoardState) => {
      if (next.periodKey !== current.current.periodKey) onPeriodChange.current();
      current.current = next;
      setState(next);
    };
    const watch = () =>
      socket.emit("board:watch", request, (result) => {
        if (active) setRefused(!result.ok);
      });

    const catchUp = async () => {
      if (catching) {
        again = true;
        return;
      }
      catching = true;
      try {
        let tries = 0;
        do {
          again = false;
          const seq = current.current.seq ?? 0;
          const answer = await queryClient.fetchQuery({
            ...trpc.leaderboards.since.queryOptions({ brandSlug, board, period, seq, limit: request.limit }),
            staleTime: 0,
          });
          if (!active) return;
          const { state: next, stale } = applySince(current.current, answer, myHandle);
          if (!stale) commit(next);
          else if (++tries >= SINCE_TRIES) {
            // Frames keep overtaking the snapshot: a fresh watch starts again from a full frame.
            watch();
            return;
          } else again = true;
        } while (again && active);
      } catch {
        // Offline or refused: the next reconnect re-watches and brings a full frame.
      } finally {
        catching = false;
      }
    };

    const onFrame = (frame: BoardFrame) => {
      if (frame.board !== board || frame.period !== period) return;
      const { state: next, gap } = applyFrame(current.current, frame, myHandle);
      commit(next);
      if (gap) void catchUp();
    };
    const onRank = (event: RankChanged) => {
      if (event.board !== board || event.period !== period) return;
      setNews((n) => ({ id: (n?.id ?? 0) + 1, event }));
    };

    socket.on("leaderboard:delta", onFrame);
    socket.on("rank:changed", onRank);
    // Every (re)connection starts a new server-side view: watch again and take the full frame it sends.
    socket.on("connect", watch);
    if (socket.connected) watch();
    return () => {
      active = false;
      socket.off("leaderboard:delta", onFrame);
      socket.off("rank:changed", onRank);
      socket.off("connect", watch);
      socket.emit("board:unwatch", { brandSlug, board, period });
    };
  }, [brandSlug, board, period, limit, myHandle, queryClient, trpc]);

  const dismissNews = useCallback(() => setNews(null), []);
  return { state, news, dismissNews, refused };
}
