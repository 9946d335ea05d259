"use client";

import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ReasonDialog } from "../ui/reason-dialog";
import { QUEUE_PAGE, reviewReasonText } from "./constants";
import type { ApprovalItem, ApprovalsPage } from "./types";

/** Only web links are ever stored; anything else is shown as text, never as a link. */
const isWebLink = (link: string) => /^https?:\/\//i.test(link);

/** What staff may see of a completion's evidence; health quests show none of it. */
function Evidence({ item }: { item: ApprovalItem }) {
  const t = useTranslations("staffReviews");
  if (item.health) return <Badge tone="grey">{t("health")}</Badge>;
  const parts = [];
  if (item.link) {
    parts.push(
      isWebLink(item.link) ? (
        <a
          key="link"
          href={item.link}
          target="_blank"
          rel="noopener noreferrer nofollow ugc"
          className="break-all font-semibold text-brand-700 underline underline-offset-4"
        >
          {item.link}
        </a>
      ) : (
        <span key="link" className="break-all">
          {item.link}
        </span>
      ),
    );
  }
  if (item.photoId) {
    parts.push(
      <a key="photo" href={`/api/uploads/${item.photoId}`} target="_blank" rel="noopener noreferrer" className="self-start">
        {/* biome-ignore lint/performance/noImgElement: uploads are served per viewer (cookie and access check); an optimiser would fetch them without the cookie */}
        <img
          src={`/api/uploads/${item.photoId}`}
          alt={t("evidenceAlt", { handle: item.handle })}
          className="h-40 w-40 rounded-lg border border-stone-300 object-cover"
          loading="lazy"
        />
      </a>,
    );
  }
  if (item.value) {
    parts.push(
      <span key="value">
        {t("value")}: {item.value} {item.unit ?? ""}
      </span>,
    );
  }
  return parts.length > 0 ? <div className="flex flex-col gap-2">{parts}</div> : <span>{t("noEvidence")}</span>;
}

/** Completions of quests that wait for staff (other than reviews), oldest first. */
export function ApprovalsList({ brandSlug, initial }: { brandSlug: string; initial: ApprovalsPage }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const queue = useInfiniteQuery(
    trpc.reviews.approvalsQueue.infiniteQueryOptions(
      { brandSlug, limit: QUEUE_PAGE },
      { getNextPageParam: (last) => last.nextCursor, initialData: { pages: [initial], pageParams: [null] }, refetchInterval: 30_000 },
    ),
  );
  const decideMutation = useMutation(trpc.reviews.decideCompletion.mutationOptions());
  const [done, setDone] = useState<string>();
  const [alert, setAlert] = useState<string>();
  const [rejecting, setRejecting] = useState<ApprovalItem | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const refresh = () => void queryClient.invalidateQueries(trpc.reviews.approvalsQueue.pathFilter());

  async function decide(item: ApprovalItem, decision: "approve" | "reject", reason?: string) {
    setAlert(undefined);
    setDone(undefined);
    try {
      await decideMutation.mutateAsync({ brandSlug, completionId: item.id, decision, ...(reason ? { reason } : {}) });
    } catch (err) {
      const shown = splitError(err, ["reason"]);
      refresh();
      return { reason: shown.fields.reason, alert: shown.alert };
    }
    setDone(t(decision === "approve" ? "staffReviews.approved" : "staffReviews.rejected", { handle: item.handle }));
    setRejecting(null);
    refresh();
    return undefined;
  }

  const items = queue.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <div className="flex flex-col gap-4">
      <h2 className="sr-only">{t("staffReviews.tabs.approvals")}</h2>
      {done ? <Alert tone="info">{done}</Alert> : null}
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      {queue.isError ? <Alert>{t("errors.network")}</Alert> : null}
      {items.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("staffReviews.approvalsEmpty")}</p>
      ) : (
        <ul className="flex flex-col gap-3" aria-busy={queue.isFetching}>
          {items.map((item) => (
            <li key={item.id} className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4" data-testid="approval-item">
              <h3 className="break-words text-lg font-semibold">{item.questTitle}</h3>
              <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
                <dt className="text-stone-700">{t("staffReviews.member")}</dt>
                <dd className="break-all">@{item.handle}</dd>
                <dt className="text-stone-700">{t("staffReviews.sent")}</dt>
                <dd>
                  <time dateTime={item.createdAt}>
                    {format.dateTime(new Date(item.createdAt), { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </dd>
                <dt className="text-stone-700">{t("staffReviews.points")}</dt>
                <dd>{t("staffReviews.pointsValue", { count: item.points })}</dd>
                <dt className="text-stone-700">{t("staffReviews.evidence")}</dt>
                <dd className="min-w-0">
                  <Evidence item={item} />
                </dd>
              </dl>
              <div className="flex flex-wrap gap-2">
                <Button
                  onClick={() => void decide(item, "approve").then((problem) => problem?.alert && setAlert(problem.alert))}
                  disabled={decideMutation.isPending}
                >
                  {t("staffReviews.approve")}
                  <span className="sr-only">
                    {" "}
                    {item.questTitle}, @{item.handle}
                  </span>
                </Button>
                <Button variant="secondary" onClick={() => setRejecting(item)}>
                  {t("staffReviews.reject")}
                  <span className="sr-only">
                    {" "}
                    {item.questTitle}, @{item.handle}
                  </span>
                </Button>
              </div>
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
        open={rejecting !== null}
        title={t("staffReviews.rejectCompletionTitle")}
        body={t("staffReviews.rejectCompletionBody", { handle: rejecting?.handle ?? "", name: rejecting?.questTitle ?? "" })}
        confirmLabel={t("staffReviews.reject")}
        text={reviewReasonText(t)}
        busy={decideMutation.isPending}
        onConfirm={(reason) => (rejecting ? decide(rejecting, "reject", reason) : Promise.resolve(undefined))}
        onClose={() => setRejecting(null)}
      />
    </div>
  );
}
