"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoadmapColumn } from "@/lib/ideas/types";
import { ROADMAP_STATUSES } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { useIdeasLive } from "./use-ideas-live";

const ACCENT: Record<RoadmapColumn["status"], string> = {
  planned: "border-t-amber-500",
  in_progress: "border-t-brand-500",
  shipped: "border-t-brand-900",
};

/** Planned, in progress and shipped side by side (stacked on a phone); anyone may look. */
export function RoadmapBoard({ brandSlug, initial }: { brandSlug: string; initial: RoadmapColumn[] }) {
  const t = useTranslations("ideasUi");
  const trpc = useTRPC();
  const query = useQuery(trpc.ideas.roadmap.queryOptions({ brandSlug }, { initialData: initial }));
  const columns = query.data;
  const shown = new Set(columns.flatMap((c) => c.items.map((i) => i.id)));
  useIdeasLive({
    brandSlug,
    onEvent: (event) => (shown.has(event.ideaId) || (ROADMAP_STATUSES as readonly string[]).includes(event.status) ? "refetch" : undefined),
  });

  return (
    <div className="grid gap-4 md:grid-cols-3" data-testid="roadmap">
      {ROADMAP_STATUSES.map((status) => {
        const items = columns.find((c) => c.status === status)?.items ?? [];
        return (
          <section
            key={status}
            aria-labelledby={`roadmap-${status}`}
            className={`flex min-w-0 flex-col gap-3 rounded-2xl border border-t-4 border-stone-300 bg-stone-50 p-3 ${ACCENT[status]}`}
            data-testid={`roadmap-${status}`}
          >
            <h2 id={`roadmap-${status}`} className="flex items-center justify-between gap-2 text-lg font-bold">
              {t(`status.${status}`)}
              <span className="rounded-full bg-white px-2 text-sm font-semibold text-stone-700">{items.length}</span>
            </h2>
            {items.length === 0 ? (
              <p className="text-sm text-stone-700">{t("roadmap.empty")}</p>
            ) : (
              <ul className="flex flex-col gap-2">
                {items.map((idea) => (
                  <li
                    key={idea.id}
                    className="flex flex-col gap-1 rounded-xl border border-stone-300 bg-white p-3"
                    data-testid="roadmap-card"
                  >
                    <Link
                      href={`/ideas/${idea.id}`}
                      className="inline-flex min-h-11 items-center break-words font-semibold text-stone-900 underline-offset-4 hover:text-brand-700 hover:underline"
                    >
                      {idea.title}
                    </Link>
                    <p className="text-sm text-stone-700">{t("vote.count", { count: idea.voteCount })}</p>
                    {idea.tags.length > 0 ? (
                      <ul className="flex flex-wrap gap-1" aria-label={t("list.tags")}>
                        {idea.tags.map((tag) => (
                          <li key={tag} className="rounded-full bg-stone-100 px-2 text-xs text-stone-800">
                            #{tag}
                          </li>
                        ))}
                      </ul>
                    ) : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
        );
      })}
    </div>
  );
}
