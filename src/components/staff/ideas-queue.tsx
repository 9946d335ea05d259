"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { type KeyboardEvent, useRef, useState } from "react";
import type { QueueItem } from "@/lib/ideas/types";
import type { ModerationAction } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { ideaReasonText } from "../ideas/reason-text";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ReasonDialog } from "../ui/reason-dialog";
import { IDEAS_QUEUE_PAGE } from "./ideas-constants";

const QUEUE_KINDS = ["all", "ideas", "comments", "flags"] as const;
type Kind = (typeof QUEUE_KINDS)[number];

export interface IdeasQueuePage {
  items: QueueItem[];
  nextCursor: number | null;
}

const itemKey = (i: QueueItem) => `${i.kind}:${i.id}`;

/** Ideas and comments waiting for approval and members' reports, with what staff can do about each. */
export function IdeasQueue({ brandSlug, initial }: { brandSlug: string; initial: IdeasQueuePage }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [kind, setKind] = useState<Kind>("all");
  const tabs = useRef<Partial<Record<Kind, HTMLButtonElement | null>>>({});
  const queue = useInfiniteQuery(
    trpc.ideas.queue.infiniteQueryOptions(
      { brandSlug, kind, limit: IDEAS_QUEUE_PAGE },
      {
        getNextPageParam: (last) => last.nextCursor,
        initialData: kind === "all" ? { pages: [initial], pageParams: [null] } : undefined,
        placeholderData: keepPreviousData,
        refetchInterval: 30_000,
      },
    ),
  );
  const moderate = useMutation(trpc.ideas.moderate.mutationOptions());
  const [done, setDone] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const [asking, setAsking] = useState<{ item: QueueItem; action: "reject" | "hide" } | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const items = [...new Map((queue.data?.pages ?? []).flatMap((p) => p.items).map((i) => [itemKey(i), i] as const)).values()];

  async function act(item: QueueItem, action: ModerationAction, reason?: string) {
    setAlert(undefined);
    setDone(undefined);
    const target = item.commentId ? { commentId: item.commentId } : { ideaId: item.ideaId };
    try {
      await moderate.mutateAsync({ brandSlug, ...target, action, ...(reason ? { reason } : {}) });
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      void queryClient.invalidateQueries(trpc.ideas.queue.pathFilter());
      if (!reason) setAlert(shown.alert ?? shown.fields.reason);
      return { reason: shown.fields.reason, alert: shown.alert };
    }
    setAsking(null);
    setDone(t(`ideasStaff.done.${action}`));
    void queryClient.invalidateQueries(trpc.ideas.queue.pathFilter());
    return undefined;
  }

  function onTabKey(event: KeyboardEvent) {
    const at = QUEUE_KINDS.indexOf(kind);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: QUEUE_KINDS.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = QUEUE_KINDS[(to + QUEUE_KINDS.length) % QUEUE_KINDS.length] ?? "all";
    setKind(next);
    tabs.current[next]?.focus();
  }

  return (
    <section aria-labelledby="ideas-queue-title" className="flex flex-col gap-4">
      <h2 id="ideas-queue-title" className="text-lg font-bold">
        {t("ideasStaff.queue.title")}
      </h2>
      <div role="tablist" aria-label={t("ideasStaff.queue.tabsLabel")} className="-mx-1 flex flex-wrap gap-1" onKeyDown={onTabKey}>
        {QUEUE_KINDS.map((k) => (
          <button
            key={k}
            ref={(el) => {
              tabs.current[k] = el;
            }}
            type="button"
            role="tab"
            id={`queue-tab-${k}`}
            aria-selected={kind === k}
            aria-controls="queue-panel"
            tabIndex={kind === k ? 0 : -1}
            onClick={() => setKind(k)}
            className="min-h-11 rounded-lg px-3 font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-selected:bg-brand-700 aria-selected:text-white"
          >
            {t(`ideasStaff.queue.tabs.${k}`)}
          </button>
        ))}
      </div>
      <div id="queue-panel" role="tabpanel" aria-labelledby={`queue-tab-${kind}`} className="flex flex-col gap-3">
        <div role="status">{done ? <Alert tone="info">{done}</Alert> : null}</div>
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        {queue.isError ? <Alert>{t("errors.network")}</Alert> : null}
        {items.length === 0 && !queue.isPending ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="queue-empty">
            {t("ideasStaff.queue.empty")}
          </p>
        ) : (
          <ul className="flex flex-col gap-3" aria-busy={queue.isFetching}>
            {items.map((item) => (
              <li
                key={itemKey(item)}
                className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4"
                data-testid="queue-item"
                data-kind={item.kind}
              >
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={item.kind === "flag" ? "red" : "amber"}>
                    {t(`ideasStaff.queue.kinds.${item.kind === "flag" ? (item.commentId ? "flagComment" : "flagIdea") : item.kind}`)}
                  </Badge>
                  <Badge tone="grey">{t(`ideasUi.state.${item.state}`)}</Badge>
                </div>
                <h3 className="break-words font-semibold">{item.ideaTitle}</h3>
                {/* Raw source text, never rendered: staff judge exactly what was typed. */}
                <p
                  className="max-h-60 overflow-y-auto whitespace-pre-wrap break-words rounded-lg bg-stone-100 p-3 font-mono text-sm text-stone-900"
                  data-testid="queue-text"
                >
                  {item.text}
                </p>
                <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                  <dt className="text-stone-700">{t("ideasStaff.queue.author")}</dt>
                  <dd className="break-all">
                    @{item.author.handle}
                    {item.author.staff ? ` (${t("ideasUi.staffBadge")})` : ""}
                  </dd>
                  <dt className="text-stone-700">{t("ideasStaff.queue.sent")}</dt>
                  <dd>
                    <time dateTime={item.createdAt}>
                      {format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                    </time>
                  </dd>
                  {item.flag ? (
                    <>
                      <dt className="text-stone-700">{t("ideasStaff.queue.flaggedBy")}</dt>
                      <dd className="break-all">@{item.flag.reporterHandle}</dd>
                      <dt className="text-stone-700">{t("ideasStaff.queue.flagReason")}</dt>
                      <dd className="whitespace-pre-wrap break-words">{item.flag.reason}</dd>
                      <dt className="text-stone-700">{t("ideasStaff.queue.openFlags")}</dt>
                      <dd>{item.flag.openFlags}</dd>
                    </>
                  ) : null}
                </dl>
                <div className="flex flex-wrap gap-2">
                  {item.kind === "flag" ? (
                    <Button onClick={() => void act(item, "dismiss")} disabled={moderate.isPending}>
                      {t("ideasStaff.actions.dismiss")}
                      <span className="sr-only"> {item.ideaTitle}</span>
                    </Button>
                  ) : (
                    <>
                      <Button onClick={() => void act(item, "approve")} disabled={moderate.isPending} data-testid="queue-approve">
                        {t("ideasStaff.actions.approve")}
                        <span className="sr-only"> {item.ideaTitle}</span>
                      </Button>
                      <Button variant="secondary" onClick={() => setAsking({ item, action: "reject" })}>
                        {t("ideasStaff.actions.reject")}
                        <span className="sr-only"> {item.ideaTitle}</span>
                      </Button>
                    </>
                  )}
                  {item.state !== "hidden" ? (
                    <Button variant="secondary" onClick={() => setAsking({ item, action: "hide" })}>
                      {t("ideasStaff.actions.hide")}
                      <span className="sr-only"> {item.ideaTitle}</span>
                    </Button>
                  ) : null}
                  <Link
                    href={`/ideas/${item.ideaId}`}
                    className="inline-flex min-h-11 items-center rounded-lg px-3 font-semibold text-brand-700 underline underline-offset-4 hover:bg-stone-100"
                  >
                    {t("ideasStaff.queue.open")}
                    <span className="sr-only"> {item.ideaTitle}</span>
                  </Link>
                </div>
              </li>
            ))}
          </ul>
        )}
        {queue.hasNextPage ? (
          <Button variant="secondary" className="self-start" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
            {t("ideasUi.list.loadMore")}
          </Button>
        ) : null}
      </div>
      <ReasonDialog
        open={asking !== null}
        title={asking ? t(`ideasStaff.ask.${asking.action}Title`) : ""}
        body={asking ? t(`ideasStaff.ask.${asking.action}Body`) : ""}
        confirmLabel={asking ? t(`ideasStaff.actions.${asking.action}`) : ""}
        text={ideaReasonText(t)}
        busy={moderate.isPending}
        onConfirm={(reason) => (asking ? act(asking.item, asking.action, reason) : Promise.resolve(undefined))}
        onClose={() => setAsking(null)}
      />
    </section>
  );
}
