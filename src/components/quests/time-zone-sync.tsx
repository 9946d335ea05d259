"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useEffect, useRef } from "react";
import { useTRPC } from "@/trpc/react";

/**
 * A member who never chose a time zone gets the browser's, once: until then days are counted in the
 * brand's zone, which is wrong for anyone elsewhere. Quests are refetched, and the page re-rendered, so
 * their days follow the new zone.
 */
export function TimeZoneSync({ timeZone }: { timeZone: string | null }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const save = useMutation(trpc.me.setTimeZone.mutationOptions());
  const sent = useRef(false);
  const { mutate } = save;
  useEffect(() => {
    if (timeZone || sent.current) return;
    const browser = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!browser) return;
    sent.current = true;
    mutate(
      { timeZone: browser },
      {
        onSuccess: () => {
          void queryClient.invalidateQueries(trpc.me.pathFilter());
          void queryClient.invalidateQueries(trpc.quests.pathFilter());
          router.refresh();
        },
      },
    );
  }, [timeZone, mutate, queryClient, trpc, router]);
  return null;
}
