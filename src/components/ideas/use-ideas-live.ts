"use client";

import { type QueryClient, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import type { IdeaDetail, IdeaList, IdeaSummary, IdeaUpdated } from "@/lib/ideas/types";
import { getSocket, type SadiqSocket } from "@/lib/realtime/client";
import { useTRPC } from "@/trpc/react";

/**
 * Several components of one page may follow the same brand; `brand:leave` would pull all of them out of
 * the room, so joins are counted per tab and the room is left only by the last one.
 */
const joined = new Map<string, number>();

function join(socket: SadiqSocket, brandSlug: string) {
  socket.emit("brand:join", brandSlug, () => {});
}

type Patch = Partial<Pick<IdeaSummary, "voteCount" | "commentCount" | "status" | "voted">>;
type ListPages = { pages: IdeaList[]; pageParams: unknown[] };

/** Writes what changed into every cached list page and idea page, so all views agree without a refetch. */
export function patchIdea(queryClient: QueryClient, trpc: ReturnType<typeof useTRPC>, ideaId: string, patch: Patch, removed = false) {
  queryClient.setQueriesData<ListPages | IdeaList>(trpc.ideas.list.pathFilter(), (data) => {
    if (!data) return data;
    const fix = (page: IdeaList): IdeaList => ({
      ...page,
      items: removed ? page.items.filter((i) => i.id !== ideaId) : page.items.map((i) => (i.id === ideaId ? { ...i, ...patch } : i)),
    });
    return "pages" in data ? { ...data, pages: data.pages.map(fix) } : fix(data);
  });
  queryClient.setQueriesData<IdeaDetail>(trpc.ideas.get.pathFilter(), (data) =>
    data && data.id === ideaId && !removed ? { ...data, ...patch } : data,
  );
}

/**
 * Follows `idea:updated` on the brand room: counts and status are patched in place; anything a patch cannot
 * express (a missed event, a reconnect, a change `onEvent` asks to reload for) refetches the ideas queries.
 * `initialSeq` is the brand topic's seq the page was rendered at (0 when unknown: the first event sets it).
 */
export function useIdeasLive(a: { brandSlug: string; initialSeq?: number; onEvent?: (event: IdeaUpdated) => "refetch" | undefined }) {
  const { brandSlug } = a;
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const seq = useRef(a.initialSeq ?? 0);
  const onEvent = useRef(a.onEvent);
  onEvent.current = a.onEvent;

  useEffect(() => {
    const socket = getSocket();
    const refetch = () => void queryClient.invalidateQueries(trpc.ideas.pathFilter());
    const onUpdate = (event: IdeaUpdated) => {
      const gap = seq.current > 0 && event.seq > seq.current + 1;
      if (event.seq <= seq.current) return;
      seq.current = event.seq;
      patchIdea(
        queryClient,
        trpc,
        event.ideaId,
        { voteCount: event.voteCount, commentCount: event.commentCount, status: event.status },
        event.removed === true || event.status === "duplicate",
      );
      if (gap || onEvent.current?.(event) === "refetch") refetch();
    };
    // Every (re)connection is a new server-side socket: join again, and catch up on what was missed.
    const onConnect = () => join(socket, brandSlug);
    const onReconnect = () => refetch();
    socket.on("idea:updated", onUpdate);
    socket.on("connect", onConnect);
    socket.io.on("reconnect", onReconnect);
    joined.set(brandSlug, (joined.get(brandSlug) ?? 0) + 1);
    if (socket.connected) join(socket, brandSlug);
    return () => {
      socket.off("idea:updated", onUpdate);
      socket.off("connect", onConnect);
      socket.io.off("reconnect", onReconnect);
      const left = (joined.get(brandSlug) ?? 1) - 1;
      if (left > 0) joined.set(brandSlug, left);
      else {
        joined.delete(brandSlug);
        socket.emit("brand:leave", brandSlug);
      }
    };
  }, [brandSlug, queryClient, trpc]);
}
