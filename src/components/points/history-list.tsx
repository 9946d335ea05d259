"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "@/trpc/react";
import { Badge, type BadgeTone } from "../ui/badge";
import { Button } from "../ui/button";
import { FIRST_PAGE, HISTORY_PAGE } from "./constants";
import { entryReason } from "./entry-text";
import type { HistoryItem, HistoryPage } from "./types";

const stateTone: Record<HistoryItem["state"], BadgeTone> = { pending: "amber", vested: "green", reversed: "grey" };

/** The member's ledger, newest first, a page at a time. */
export function HistoryList({ brandSlug, initial }: { brandSlug: string; initial: HistoryPage }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const history = useInfiniteQuery(
    trpc.points.history.infiniteQueryOptions(
      { brandSlug, limit: HISTORY_PAGE },
      { getNextPageParam: (last) => last.nextCursor, initialData: { pages: [initial], pageParams: [FIRST_PAGE] } },
    ),
  );
  const items = history.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <section aria-labelledby="history-title" className="flex flex-col gap-3">
      <h2 id="history-title" className="text-lg font-bold">
        {t("points.history.title")}
      </h2>
      {items.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("points.history.empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-300 bg-white px-4" data-testid="history">
          {items.map((item) => (
            <li key={item.id} className="flex items-start justify-between gap-3 py-3" data-testid="history-item">
              <div className="flex min-w-0 flex-col gap-0.5">
                <p className="break-words font-semibold">{entryReason(t as never, item)}</p>
                <p className="text-sm text-stone-700">
                  {[t(`points.history.sources.${item.sourceType}`), t(`points.history.kinds.${item.kind}`)]
                    .filter((x, i, all) => all.indexOf(x) === i)
                    .join(" · ")}
                </p>
                {item.kind === "earn" && item.multiplierBp !== 100 && item.baseAmount !== null ? (
                  <p className="text-sm text-stone-700" data-testid="history-multiplier">
                    {t("points.history.multiplied", { count: item.baseAmount })} ·{" "}
                    {t("points.history.bonus", { count: item.multiplierBp / 100 })}
                  </p>
                ) : null}
                <p className="text-sm text-stone-700">
                  <time dateTime={item.createdAt.toISOString()}>
                    {format.dateTime(item.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </time>
                </p>
              </div>
              <div className="flex shrink-0 flex-col items-end gap-1">
                <span
                  className={`text-lg font-bold tabular-nums ${item.amount > 0 ? "text-brand-700" : "text-stone-900"} ${item.state === "reversed" ? "line-through" : ""}`}
                  data-testid="history-amount"
                >
                  {format.number(item.amount, { signDisplay: "always" })}
                </span>
                <Badge tone={stateTone[item.state]}>{t(`points.history.states.${item.state}`)}</Badge>
              </div>
            </li>
          ))}
        </ul>
      )}
      {history.hasNextPage ? (
        <Button variant="secondary" onClick={() => void history.fetchNextPage()} disabled={history.isFetchingNextPage}>
          {history.isFetchingNextPage ? t("points.history.loading") : t("points.history.more")}
        </Button>
      ) : null}
      {history.isError ? <p className="text-sm font-medium text-red-700">{t("errors.network")}</p> : null}
    </section>
  );
}
