"use client";

import { keepPreviousData, useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { REVIEW_STATUSES, type ReviewStatus } from "@/lib/validation/reviews";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { SelectField } from "../ui/field";
import { ReasonDialog } from "../ui/reason-dialog";
import { QUEUE_PAGE, reviewReasonText } from "./constants";
import { Stars } from "./stars";
import type { QueuePage, QueueReview } from "./types";

const TONE: Record<ReviewStatus, BadgeTone> = { pending: "amber", approved: "green", rejected: "red", removed: "grey" };

/** Reviews to judge: approve or reject the waiting ones, remove approved ones later. */
export function ReviewQueue({ brandSlug, initial }: { brandSlug: string; initial: QueuePage }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ReviewStatus>("pending");
  const queue = useInfiniteQuery(
    trpc.reviews.queue.infiniteQueryOptions(
      { brandSlug, status, limit: QUEUE_PAGE },
      {
        getNextPageParam: (last) => last.nextCursor,
        initialData: status === "pending" ? { pages: [initial], pageParams: [null] } : undefined,
        placeholderData: keepPreviousData,
        refetchInterval: 30_000,
      },
    ),
  );
  const moderate = useMutation(trpc.reviews.moderate.mutationOptions());
  const [done, setDone] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const [asking, setAsking] = useState<{ review: QueueReview; decision: "reject" | "remove" } | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const refresh = () => void queryClient.invalidateQueries(trpc.reviews.queue.pathFilter());

  async function decide(review: QueueReview, decision: "approve" | "reject" | "remove", reason?: string) {
    setAlert(undefined);
    setDone(undefined);
    try {
      await moderate.mutateAsync({ brandSlug, reviewId: review.id, decision, ...(reason ? { reason } : {}) });
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      refresh();
      return { reason: shown.fields.reason, alert: shown.alert };
    }
    const word = { approve: "approved", reject: "rejected", remove: "removed" } as const;
    setDone(t(`staffReviews.${word[decision]}`, { handle: review.handle }));
    setAsking(null);
    refresh();
    return undefined;
  }

  async function approve(review: QueueReview) {
    const problem = await decide(review, "approve");
    if (problem?.alert) setAlert(problem.alert);
  }

  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <div className="max-w-xs">
        <SelectField
          label={t("staffReviews.filter")}
          name="status"
          value={status}
          onChange={(e) => setStatus(e.target.value as ReviewStatus)}
          options={REVIEW_STATUSES.map((s) => ({ value: s, label: t(`staffReviews.filters.${s}`) }))}
        />
      </div>
      <h2 className="text-lg font-bold">{t(`staffReviews.filters.${status}`)}</h2>
      {done ? <Alert tone="info">{done}</Alert> : null}
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      {queue.isError ? <Alert>{t("errors.network")}</Alert> : null}
      {items.length === 0 && !queue.isPending ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("staffReviews.empty")}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-busy={queue.isFetching}>
          {items.map((r) => (
            <li key={r.id} className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4" data-testid="review-item">
              <div className="flex flex-wrap items-start justify-between gap-2">
                <h3 className="break-words text-lg font-semibold">{r.product}</h3>
                <Badge tone={TONE[r.status]}>{t(`staffReviews.filters.${r.status}`)}</Badge>
              </div>
              <Stars rating={r.rating} />
              <p className="whitespace-pre-line break-words">{r.body}</p>
              {r.photoId ? (
                <a href={`/api/uploads/${r.photoId}`} target="_blank" rel="noopener noreferrer" className="self-start">
                  {/* biome-ignore lint/performance/noImgElement: uploads are served per viewer (cookie and access check); an optimiser would fetch them without the cookie */}
                  <img
                    src={`/api/uploads/${r.photoId}`}
                    alt={t("staffReviews.photoAlt", { name: r.product })}
                    className="h-40 w-40 rounded-lg border border-stone-300 object-cover"
                    loading="lazy"
                  />
                </a>
              ) : null}
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-stone-700">{t("staffReviews.member")}</dt>
                <dd className="break-all" data-testid="review-author">
                  @{r.handle}
                </dd>
                <dt className="text-stone-700">{t("staffReviews.quest")}</dt>
                <dd className="break-words">{r.questTitle}</dd>
                <dt className="text-stone-700">{t("staffReviews.sent")}</dt>
                <dd>
                  <time dateTime={r.createdAt}>{format.dateTime(new Date(r.createdAt), { dateStyle: "medium", timeStyle: "short" })}</time>
                </dd>
                <dt className="text-stone-700">{t("staffReviews.points")}</dt>
                <dd>{t("staffReviews.pointsValue", { count: r.points })}</dd>
                {r.reason ? (
                  <>
                    <dt className="text-stone-700">{t("staffReviews.reason")}</dt>
                    <dd className="break-words">{r.reason}</dd>
                  </>
                ) : null}
              </dl>
              {r.status === "pending" ? (
                <div className="flex flex-wrap gap-2">
                  <Button onClick={() => void approve(r)} disabled={moderate.isPending}>
                    {t("staffReviews.approve")}
                    <span className="sr-only"> {r.product}</span>
                  </Button>
                  <Button variant="secondary" onClick={() => setAsking({ review: r, decision: "reject" })}>
                    {t("staffReviews.reject")}
                    <span className="sr-only"> {r.product}</span>
                  </Button>
                </div>
              ) : r.status === "approved" ? (
                <Button variant="secondary" className="self-start" onClick={() => setAsking({ review: r, decision: "remove" })}>
                  {t("staffReviews.remove")}
                  <span className="sr-only"> {r.product}</span>
                </Button>
              ) : null}
            </li>
          ))}
        </ul>
      )}
      {queue.hasNextPage ? (
        <Button variant="secondary" className="self-start" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
          {t("staffReviews.loadMore")}
        </Button>
      ) : null}
      <ReasonDialog
        open={asking !== null}
        title={asking?.decision === "remove" ? t("staffReviews.removeTitle") : t("staffReviews.rejectTitle")}
        body={
          asking?.decision === "remove"
            ? t("staffReviews.removeBody", { handle: asking.review.handle, count: asking.review.points })
            : t("staffReviews.rejectBody", { handle: asking?.review.handle ?? "" })
        }
        confirmLabel={asking?.decision === "remove" ? t("staffReviews.remove") : t("staffReviews.reject")}
        text={reviewReasonText(t)}
        busy={moderate.isPending}
        onConfirm={(reason) => (asking ? decide(asking.review, asking.decision, reason) : Promise.resolve(undefined))}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}
