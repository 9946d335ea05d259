"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { NotificationItem } from "@/lib/ideas/types";
import { useTRPC } from "@/trpc/react";
import { knownKey } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { useNotificationsLive } from "./notification-bell";
import { notificationNote, notificationText } from "./notification-text";

export interface NotificationsPage {
  items: NotificationItem[];
  nextCursor: number | null;
  unread: number;
  mutedAll: boolean;
}

/** The member's idea notices, newest first, with "mark all read" and the switch that mutes them all. */
export function NotificationsView({ brandSlug, initial, mutedAll }: { brandSlug: string; initial: NotificationsPage; mutedAll: boolean }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useInfiniteQuery(
    trpc.notifications.list.infiniteQueryOptions(
      { brandSlug, limit: 20 },
      {
        getNextPageParam: (last) => last.nextCursor,
        initialData: { pages: [initial], pageParams: [null] },
        placeholderData: keepPreviousData,
      },
    ),
  );
  useNotificationsLive();
  const read = useMutation(
    trpc.notifications.read.mutationOptions({ onSuccess: () => void queryClient.invalidateQueries(trpc.notifications.pathFilter()) }),
  );
  const [muted, setMuted] = useState(mutedAll);
  const [error, setError] = useState<string | null>(null);
  const mute = useMutation(
    trpc.ideas.mute.mutationOptions({
      onSuccess: (result) => setMuted(result.muted),
      onError: (err, input) => {
        setMuted(!input.muted);
        setError(knownKey(t.has, err.message));
      },
    }),
  );
  const items = [...new Map((list.data?.pages ?? []).flatMap((p) => p.items).map((i) => [i.id, i] as const)).values()];
  const unread = list.data?.pages[0]?.unread ?? 0;
  const newest = items.reduce((max, i) => Math.max(max, i.id), 0);

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="mute-all-title" className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="mute-all-title" className="text-lg font-bold">
          {t("ideasUi.mute.allTitle")}
        </h2>
        <label className="flex min-h-11 cursor-pointer items-center gap-3">
          <input
            type="checkbox"
            role="switch"
            checked={muted}
            aria-checked={muted}
            disabled={mute.isPending}
            onChange={(e) => {
              setError(null);
              setMuted(e.target.checked);
              mute.mutate({ brandSlug, muted: e.target.checked });
            }}
            aria-describedby="mute-all-note"
            className="peer sr-only"
            data-testid="mute-all"
          />
          <span
            aria-hidden="true"
            className="relative h-7 w-12 shrink-0 rounded-full bg-stone-500 transition-colors after:absolute after:left-1 after:top-1 after:size-5 after:rounded-full after:bg-white after:transition-transform peer-checked:bg-brand-700 peer-checked:after:translate-x-5 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 peer-disabled:opacity-60"
          />
          <span className="font-medium">{t("ideasUi.mute.all")}</span>
        </label>
        <p id="mute-all-note" className="text-sm text-stone-700">
          {t("ideasUi.mute.allHint")}
        </p>
        <p role="status" className="text-sm font-semibold text-stone-900">
          {mute.isSuccess ? (muted ? t("ideasUi.mute.allNowMuted") : t("ideasUi.mute.allNowOn")) : null}
        </p>
        {error ? <Alert>{t(error as never)}</Alert> : null}
      </section>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p aria-live="polite" className="font-semibold" data-testid="unread-count">
          {t("ideasUi.notifications.unread", { count: unread })}
        </p>
        <Button
          variant="secondary"
          disabled={unread === 0 || read.isPending}
          onClick={() => read.mutate({ brandSlug, ...(newest > 0 ? { upTo: newest } : {}) })}
          data-testid="mark-all-read"
        >
          {read.isPending ? t("ideasUi.notifications.marking") : t("ideasUi.notifications.markAll")}
        </Button>
      </div>
      {read.isError ? <Alert>{t(knownKey(t.has, read.error.message) as never)}</Alert> : null}
      {list.isError ? <Alert>{t("errors.network")}</Alert> : null}
      {items.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("ideasUi.notifications.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-2" data-testid="notifications">
          {items.map((n) => {
            const text = notificationText(t as never, n);
            const note = notificationNote(n);
            return (
              <li
                key={n.id}
                className={`flex flex-col gap-1 rounded-xl border p-3 ${n.read ? "border-stone-300 bg-white" : "border-brand-600 bg-brand-50"}`}
                data-testid="notification"
                data-read={n.read ? "true" : "false"}
              >
                <p className="break-words font-semibold">
                  {n.read ? null : <span className="sr-only">{t("ideasUi.notifications.new")} </span>}
                  {n.ideaId ? (
                    <Link href={`/ideas/${n.ideaId}`} className="text-stone-900 underline underline-offset-4 hover:text-brand-700">
                      {text}
                    </Link>
                  ) : (
                    text
                  )}
                </p>
                {note ? <p className="whitespace-pre-line break-words text-sm text-stone-800">{note}</p> : null}
                <time dateTime={n.createdAt} className="text-sm text-stone-700">
                  {format.dateTime(new Date(n.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                </time>
              </li>
            );
          })}
        </ul>
      )}
      {list.hasNextPage ? (
        <Button variant="secondary" className="self-start" onClick={() => void list.fetchNextPage()} disabled={list.isFetchingNextPage}>
          {list.isFetchingNextPage ? t("ideasUi.list.loading") : t("ideasUi.list.loadMore")}
        </Button>
      ) : null}
    </div>
  );
}
