"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import type { IdeaSummary } from "@/lib/ideas/types";
import { Badge } from "../ui/badge";
import { StatusBadge } from "./status-badge";
import { VoteButton } from "./vote-button";

/** One idea in a list: its vote button beside the title, excerpt, status, tags and who wrote it. */
export function IdeaRow({ brandSlug, idea }: { brandSlug: string; idea: IdeaSummary }) {
  const t = useTranslations("ideasUi");
  return (
    <li
      className="flex gap-3 rounded-2xl border border-stone-300 bg-white p-3 sm:p-4"
      data-testid="idea-row"
      data-idea-id={idea.id}
      data-pinned={idea.pinned ? "true" : undefined}
    >
      <VoteButton
        brandSlug={brandSlug}
        ideaId={idea.id}
        title={idea.title}
        voted={idea.voted}
        count={idea.voteCount}
        disabled={idea.status === "duplicate" || idea.state !== "published"}
      />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <div className="flex flex-wrap items-center gap-2">
          {idea.pinned ? (
            <Badge tone="amber">
              <span aria-hidden="true">📌 </span>
              {t("list.pinned")}
            </Badge>
          ) : null}
          <StatusBadge status={idea.status} />
          {idea.state !== "published" ? <Badge tone="red">{t(`state.${idea.state}`)}</Badge> : null}
        </div>
        <h2 className="break-words text-lg font-semibold leading-snug">
          <Link
            href={`/ideas/${idea.id}`}
            className="rounded text-stone-900 underline-offset-4 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-700"
            data-testid="idea-link"
          >
            {idea.title}
          </Link>
        </h2>
        {idea.excerpt ? <p className="line-clamp-3 break-words text-stone-700">{idea.excerpt}</p> : null}
        {idea.tags.length > 0 ? (
          <ul className="flex flex-wrap gap-1" aria-label={t("list.tags")}>
            {idea.tags.map((tag) => (
              <li key={tag}>
                <span className="rounded-full bg-stone-100 px-2 text-sm text-stone-800">#{tag}</span>
              </li>
            ))}
          </ul>
        ) : null}
        <p className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm text-stone-700">
          <span className="inline-flex min-w-0 items-center gap-1">
            <span className="break-all" data-testid="idea-author">
              @{idea.author.handle}
            </span>
            {idea.author.staff ? <Badge tone="green">{t("staffBadge")}</Badge> : null}
          </span>
          <span data-testid="comment-count">{t("list.comments", { count: idea.commentCount })}</span>
        </p>
      </div>
    </li>
  );
}
