"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { Badge, type BadgeTone } from "../ui/badge";
import { linkButton } from "../ui/button";
import { Stars } from "./stars";
import type { MyReview, ReviewBalance, ReviewQuest } from "./types";
import { useReviewsLive } from "./use-reviews-live";

const STATUS_TONE: Record<MyReview["status"], BadgeTone> = { pending: "amber", approved: "green", rejected: "red", removed: "grey" };

/** The member's review page: points (live), the review quests open to them and every review they wrote. */
export function MyReviews({
  brandSlug,
  initialReviews,
  initialBalance,
  quests,
}: {
  brandSlug: string;
  initialReviews: MyReview[];
  initialBalance: ReviewBalance;
  quests: ReviewQuest[];
}) {
  const t = useTranslations("reviews.page");
  const format = useFormatter();
  const trpc = useTRPC();
  useReviewsLive();
  const reviews = useQuery(trpc.reviews.mine.queryOptions({ brandSlug }, { initialData: initialReviews })).data;
  const balance = useQuery(trpc.points.balance.queryOptions({ brandSlug }, { initialData: initialBalance })).data;

  return (
    <>
      <section aria-labelledby="review-points" className="flex flex-col gap-3 rounded-2xl bg-brand-900 p-5 text-white">
        <h2 id="review-points" className="text-sm font-semibold uppercase tracking-wide text-brand-100">
          {t("balanceTitle")}
        </h2>
        <dl className="grid grid-cols-2 gap-3">
          <div className="rounded-xl bg-white/10 p-3">
            <dt className="text-sm text-brand-100">{t("available")}</dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="reviews-available">
              {format.number(balance.available)}
            </dd>
          </div>
          <div className="rounded-xl bg-white/10 p-3">
            <dt className="text-sm text-brand-100">{t("pending")}</dt>
            <dd className="text-2xl font-bold tabular-nums" data-testid="reviews-pending">
              {format.number(balance.pending)}
            </dd>
          </div>
        </dl>
      </section>

      <section aria-labelledby="review-quests" className="flex flex-col gap-3">
        <h2 id="review-quests" className="text-lg font-bold">
          {t("questsTitle")}
        </h2>
        {quests.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("questsEmpty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {quests.map((q) => (
              <li key={q.id} className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4" data-testid="review-quest">
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 className="break-words text-lg font-semibold">{q.title}</h3>
                  <Badge tone="green">{t("worth", { count: q.basePoints })}</Badge>
                </div>
                {q.description ? <p className="break-words text-stone-700">{q.description}</p> : null}
                {q.doneThisPeriod ? (
                  <p className="font-semibold text-stone-700">{t("done")}</p>
                ) : q.unavailable ? (
                  <p className="text-stone-700">{t("closed")}</p>
                ) : (
                  <Link href={`/reviews/new?quest=${encodeURIComponent(q.id)}`} className={`${linkButton.primary} self-start`}>
                    {t("write")}
                    <span className="sr-only"> {q.title}</span>
                  </Link>
                )}
              </li>
            ))}
          </ul>
        )}
      </section>

      <section aria-labelledby="my-reviews" className="flex flex-col gap-3">
        <h2 id="my-reviews" className="text-lg font-bold">
          {t("mineTitle")}
        </h2>
        {reviews.length === 0 ? (
          <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("mineEmpty")}</p>
        ) : (
          <ul className="flex flex-col gap-3">
            {reviews.map((r) => (
              <li
                key={r.id}
                className="flex flex-col gap-2 rounded-2xl border border-stone-300 bg-white p-4"
                data-testid="my-review"
                data-status={r.status}
              >
                <div className="flex flex-wrap items-start justify-between gap-2">
                  <h3 className="break-words text-lg font-semibold">{r.product}</h3>
                  <Badge tone={STATUS_TONE[r.status]}>
                    <span data-testid="review-status">{t(`status.${r.status}`)}</span>
                  </Badge>
                </div>
                <Stars rating={r.rating} />
                <p className="text-sm text-stone-700">
                  {t("quest", { name: r.questTitle })} ·{" "}
                  {t("written", { date: format.dateTime(new Date(r.createdAt), { dateStyle: "medium" }) })}
                </p>
                <p className="whitespace-pre-line break-words">{r.body}</p>
                {r.photoId ? (
                  // biome-ignore lint/performance/noImgElement: uploads are served per viewer (cookie and access check); an optimiser would fetch them without the cookie
                  <img
                    src={`/api/uploads/${r.photoId}`}
                    alt={t("photoAlt", { name: r.product })}
                    className="h-32 w-32 rounded-lg border border-stone-300 object-cover"
                    loading="lazy"
                  />
                ) : null}
                <p className="font-semibold" data-testid="review-points">
                  {r.pointsState === "none" ? t("points.none") : t(`points.${r.pointsState}`, { count: r.points })}
                </p>
                {r.status === "rejected" || r.status === "removed" ? (
                  <div className="rounded-xl border border-stone-300 bg-stone-50 p-3 text-stone-800" data-testid="review-reason">
                    <p>{t(r.status)}</p>
                    {r.reason ? <p className="break-words font-semibold">{t("reason", { reason: r.reason })}</p> : null}
                  </div>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
