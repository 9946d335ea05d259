"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect } from "react";
import { useTRPC } from "@/trpc/react";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { usePrizeText, useWhen } from "./format";
import { wasRevealed } from "./seen";
import { useRevealDraw } from "./surprise-listener";
import type { MinePage } from "./types";

/** A draw this recent that this browser never revealed is turned over when the page opens. */
const FRESH_MS = 10 * 60 * 1000;

/** The member's own draws, newest first, with what each gave and a link to check it. */
export function MyDraws({ brandSlug, initial }: { brandSlug: string; initial: MinePage }) {
  const t = useTranslations("surprises.mine");
  const when = useWhen();
  const prizeText = usePrizeText();
  const trpc = useTRPC();
  const reveal = useRevealDraw();
  const draws = useInfiniteQuery(
    trpc.surprises.mine.infiniteQueryOptions(
      { brandSlug },
      { getNextPageParam: (last) => last.nextCursor ?? undefined, initialData: { pages: [initial], pageParams: [null] } },
    ),
  );
  const items = draws.data?.pages.flatMap((p) => p.items) ?? [];

  // Only the draws the page opened with: a draw that arrives later came with its own socket reveal.
  useEffect(() => {
    const now = Date.now();
    const fresh = initial.items.filter((d) => now - d.createdAt.getTime() < FRESH_MS && !wasRevealed(d.drawId)).reverse();
    for (const d of fresh) reveal({ drawId: d.drawId, tableName: d.tableName, outcome: d.outcome });
  }, [initial, reveal]);

  return (
    <section aria-labelledby="mine-title" className="flex flex-col gap-3">
      <h2 id="mine-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      {items.length === 0 ? (
        <p className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">{t("empty")}</p>
      ) : (
        <ul className="divide-y divide-stone-200 rounded-2xl border border-stone-300 bg-white px-4" data-testid="my-draws">
          {items.map((d) => {
            const won = d.outcome.kind !== "nothing";
            return (
              <li key={d.drawId} className="flex flex-col gap-1 py-3" data-testid="my-draw" data-draw-id={d.drawId}>
                <div className="flex items-start justify-between gap-3">
                  <div className="min-w-0">
                    <p className="break-words font-semibold" data-testid="my-draw-outcome">
                      {won ? prizeText(d.outcome) : t("nothing")}
                    </p>
                    <p className="text-sm text-stone-700">
                      {d.tableName} · <time dateTime={d.createdAt.toISOString()}>{when(d.createdAt)}</time>
                    </p>
                  </div>
                  <Badge tone={won ? "green" : "grey"}>{won ? t("won") : t("noWin")}</Badge>
                </div>
                {d.pityApplied ? <p className="text-sm text-stone-800">{t("pityNote")}</p> : null}
                {d.budgetLimited ? <p className="text-sm text-stone-800">{t("budgetNote")}</p> : null}
                <Link
                  href={`/surprises/verify?draw=${encodeURIComponent(d.drawId)}`}
                  className="min-h-11 self-start content-center text-sm font-semibold text-brand-700 underline underline-offset-4"
                >
                  {d.revealed ? t("verify") : t("verifyLater")}
                  <span className="sr-only"> {t("verifyWhich", { table: d.tableName })}</span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
      {draws.hasNextPage ? (
        <Button variant="secondary" onClick={() => void draws.fetchNextPage()} disabled={draws.isFetchingNextPage}>
          {draws.isFetchingNextPage ? t("loading") : t("more")}
        </Button>
      ) : null}
    </section>
  );
}
