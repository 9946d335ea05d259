"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type KeyboardEvent, type ReactNode, useRef, useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { ReasonDialog } from "../ui/reason-dialog";
import { blockText, flagText } from "./flag-text";
import { QUEUE_FILTERS, type QueueFilter, type QueueItem, type QueuePage } from "./types";

const TONE: Record<QueueItem["status"], BadgeTone> = {
  signed_up: "grey",
  held: "amber",
  rewarded: "green",
  rejected: "red",
  blocked: "red",
};

/** One fact of a queue row: its label, then the value, wrapping under it on a narrow screen. */
function Detail({ label, testId, children }: { label: string; testId?: string; children: ReactNode }) {
  return (
    <div className="flex flex-wrap gap-x-2">
      <dt className="text-stone-700">{label}</dt>
      <dd className="min-w-0 font-medium text-stone-900" data-testid={testId}>
        {children}
      </dd>
    </div>
  );
}

function Time({ iso, text }: { iso: string; text: string }) {
  return <time dateTime={iso}>{text}</time>;
}

/** Held, blocked and decided referrals, every flag and block in plain words, and the decision buttons. */
export function ReferralsQueue({ brandSlug, initial }: { brandSlug: string; initial: QueuePage }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<QueueFilter>("held");
  const tabs = useRef<Partial<Record<QueueFilter, HTMLButtonElement | null>>>({});
  const queue = useInfiniteQuery(
    trpc.referrals.queue.infiniteQueryOptions(
      { brandSlug, filter },
      {
        getNextPageParam: (last) => last.nextCursor ?? undefined,
        initialData: filter === "held" ? { pages: [initial], pageParams: [null] } : undefined,
        placeholderData: keepPreviousData,
        refetchInterval: 30_000,
      },
    ),
  );
  const review = useMutation(trpc.referrals.review.mutationOptions());
  const [done, setDone] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const [rejecting, setRejecting] = useState<QueueItem | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const items = [...new Map((queue.data?.pages ?? []).flatMap((p) => p.items).map((i) => [i.id, i] as const)).values()];
  const when = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium", timeStyle: "short" });

  async function decide(item: QueueItem, decision: "approve" | "reject", reason?: string) {
    setAlert(undefined);
    setDone(undefined);
    try {
      await review.mutateAsync({ brandSlug, referralId: item.id, decision, ...(reason ? { reason } : {}) });
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      void queryClient.invalidateQueries(trpc.referrals.queue.pathFilter());
      if (!reason) setAlert(shown.alert ?? shown.fields.reason);
      return { reason: shown.fields.reason, alert: shown.alert };
    }
    setRejecting(null);
    setDone(t(`referralsStaff.done.${decision}`, { handle: item.friend.handle }));
    void queryClient.invalidateQueries(trpc.referrals.queue.pathFilter());
    return undefined;
  }

  function onTabKey(event: KeyboardEvent) {
    const at = QUEUE_FILTERS.indexOf(filter);
    const moves: Record<string, number> = { ArrowRight: at + 1, ArrowLeft: at - 1, Home: 0, End: QUEUE_FILTERS.length - 1 };
    const to = moves[event.key];
    if (to === undefined) return;
    event.preventDefault();
    const next = QUEUE_FILTERS[(to + QUEUE_FILTERS.length) % QUEUE_FILTERS.length] ?? "held";
    setFilter(next);
    tabs.current[next]?.focus();
  }

  return (
    <section aria-labelledby="referrals-queue-title" className="flex flex-col gap-4">
      <h2 id="referrals-queue-title" className="text-lg font-bold">
        {t("referralsStaff.queue.title")}
      </h2>
      <div role="tablist" aria-label={t("referralsStaff.queue.tabsLabel")} className="-mx-1 flex flex-wrap gap-1" onKeyDown={onTabKey}>
        {QUEUE_FILTERS.map((f) => (
          <button
            key={f}
            ref={(el) => {
              tabs.current[f] = el;
            }}
            type="button"
            role="tab"
            id={`referral-tab-${f}`}
            aria-selected={filter === f}
            aria-controls="referral-queue-panel"
            tabIndex={filter === f ? 0 : -1}
            onClick={() => setFilter(f)}
            className="min-h-11 rounded-lg px-3 font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-selected:bg-brand-700 aria-selected:text-white"
          >
            {t(`referralsStaff.queue.tabs.${f}`)}
          </button>
        ))}
      </div>
      <div id="referral-queue-panel" role="tabpanel" aria-labelledby={`referral-tab-${filter}`} className="flex flex-col gap-3">
        <div role="status">{done ? <Alert tone="info">{done}</Alert> : null}</div>
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        {queue.isError ? <Alert>{t("errors.network")}</Alert> : null}
        {items.length === 0 && !queue.isPending ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700" data-testid="referral-queue-empty">
            {t(`referralsStaff.queue.empty.${filter}`)}
          </p>
        ) : (
          <ul className="flex flex-col gap-3" aria-busy={queue.isFetching}>
            {items.map((item) => (
              <li
                key={item.id}
                className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4"
                data-testid="referral-queue-item"
                data-status={item.status}
                data-friend={item.friend.handle}
              >
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <h3 className="min-w-0 break-words font-semibold">
                    {t("referralsStaff.queue.pair", { referrer: item.referrer.handle, friend: item.friend.handle })}
                  </h3>
                  <Badge tone={TONE[item.status]}>{t(`referrals.list.status.${item.status}`)}</Badge>
                </div>
                {item.flags.length > 0 || item.blockedRule ? (
                  <ul className="flex flex-col gap-1 rounded-lg bg-amber-50 p-3 text-sm text-amber-900" data-testid="referral-reasons">
                    {item.blockedRule ? <li data-testid="referral-block">{blockText(t, item.blockedRule, item)}</li> : null}
                    {item.flags.map((flag) => (
                      <li key={`${flag.rule}:${flag.detail}`} data-testid="referral-flag" data-rule={flag.rule}>
                        {flagText(t, flag)}
                      </li>
                    ))}
                  </ul>
                ) : null}
                <dl className="flex flex-col gap-1 text-sm">
                  <Detail label={t("referralsStaff.queue.email")}>
                    <span className="break-all">{item.friend.email}</span>
                  </Detail>
                  <Detail label={t("referralsStaff.queue.joined")}>
                    <Time iso={item.createdAt} text={when(item.createdAt)} />
                  </Detail>
                  {item.qualifiedAt ? (
                    <Detail label={t("referralsStaff.queue.qualified")}>
                      <Time iso={item.qualifiedAt} text={when(item.qualifiedAt)} />
                    </Detail>
                  ) : null}
                  {item.status === "held" && item.autoApproveAt ? (
                    <Detail label={t("referralsStaff.queue.autoApprove")} testId="referral-auto-approve">
                      <Time iso={item.autoApproveAt} text={when(item.autoApproveAt)} />
                    </Detail>
                  ) : null}
                  {item.decidedAt ? (
                    <Detail label={t("referralsStaff.queue.decided")}>
                      <Time iso={item.decidedAt} text={when(item.decidedAt)} />
                    </Detail>
                  ) : null}
                  {item.reason ? (
                    <Detail label={t("referralsStaff.queue.reason")}>
                      <span className="whitespace-pre-wrap break-words">{item.reason}</span>
                    </Detail>
                  ) : null}
                </dl>
                {item.status === "signed_up" && item.flags.length > 0 ? (
                  <p className="text-sm text-stone-700">{t("referralsStaff.queue.notQualified")}</p>
                ) : null}
                {item.status === "held" || (item.status === "signed_up" && item.flags.length > 0) ? (
                  <div className="flex flex-wrap gap-2">
                    {item.status === "held" ? (
                      <Button onClick={() => void decide(item, "approve")} disabled={review.isPending} data-testid="referral-approve">
                        {t("referralsStaff.actions.approve")}
                        <span className="sr-only"> @{item.friend.handle}</span>
                      </Button>
                    ) : null}
                    <Button variant="secondary" onClick={() => setRejecting(item)} data-testid="referral-reject">
                      {t("referralsStaff.actions.reject")}
                      <span className="sr-only"> @{item.friend.handle}</span>
                    </Button>
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
        {queue.hasNextPage ? (
          <Button variant="secondary" className="self-start" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
            {t("referralsStaff.queue.loadMore")}
          </Button>
        ) : null}
      </div>
      <ReasonDialog
        open={rejecting !== null}
        title={t("referralsStaff.ask.rejectTitle")}
        body={rejecting ? t("referralsStaff.ask.rejectBody", { referrer: rejecting.referrer.handle, friend: rejecting.friend.handle }) : ""}
        confirmLabel={t("referralsStaff.actions.reject")}
        text={{
          label: t("referralsStaff.ask.reasonLabel"),
          hint: t("referralsStaff.ask.reasonHint"),
          cancel: t("referralsStaff.ask.cancel"),
          requiredKey: "referrals.reasonRequired",
          maxLength: 500,
        }}
        busy={review.isPending}
        onConfirm={(reason) => (rejecting ? decide(rejecting, "reject", reason) : Promise.resolve(undefined))}
        onClose={() => setRejecting(null)}
      />
    </section>
  );
}
