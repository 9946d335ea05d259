"use client";

import { useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { getSocket } from "@/lib/realtime/client";
import { useTRPC } from "@/trpc/react";
import { BellIcon } from "./bell-icon";

/** Refetches the member's notices when one arrives on their own room, and after a reconnect. */
export function useNotificationsLive(onNew?: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const callback = useRef(onNew);
  callback.current = onNew;
  useEffect(() => {
    const socket = getSocket();
    const refetch = () => void queryClient.invalidateQueries(trpc.notifications.pathFilter());
    const arrived = () => {
      refetch();
      callback.current?.();
    };
    socket.on("notification:new", arrived);
    socket.io.on("reconnect", refetch);
    return () => {
      socket.off("notification:new", arrived);
      socket.io.off("reconnect", refetch);
    };
  }, [queryClient, trpc]);
}

/** The header's bell: how many notices are unread, kept current live. */
export function NotificationBell({ brandSlug }: { brandSlug: string }) {
  const t = useTranslations("ideasUi.notifications");
  const trpc = useTRPC();
  const pathname = usePathname();
  const list = useQuery(trpc.notifications.list.queryOptions({ brandSlug, limit: 1 }, { retry: false }));
  const [arrived, setArrived] = useState(0);
  useNotificationsLive(() => setArrived((n) => n + 1));
  const unread = list.data?.unread ?? 0;
  const label = unread > 0 ? t("bellUnread", { count: unread }) : t("bell");
  return (
    <>
      <Link
        href="/notifications"
        aria-label={label}
        aria-current={pathname === "/notifications" ? "page" : undefined}
        data-testid="notification-bell"
        data-unread={unread}
        className="relative inline-flex min-h-11 min-w-11 items-center justify-center rounded-lg text-xl hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-[current=page]:bg-brand-100"
      >
        <BellIcon className="size-6" />
        {unread > 0 ? (
          <span
            aria-hidden="true"
            className="absolute right-0.5 top-0.5 min-w-5 rounded-full bg-red-700 px-1 text-center text-xs font-bold leading-5 text-white tabular-nums"
          >
            {unread > 99 ? "99+" : unread}
          </span>
        ) : null}
      </Link>
      {/* Announces notices that arrive while the page is open, not the count on every page load. */}
      <span className="sr-only" aria-live="polite">
        {arrived > 0 ? t("arrived", { count: unread }) : ""}
      </span>
    </>
  );
}
