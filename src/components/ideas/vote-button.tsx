"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useTRPC } from "@/trpc/react";
import { knownKey } from "../points/errors";
import { patchIdea } from "./use-ideas-live";

/**
 * One vote per member, toggled. The press shows at once (optimistic) and rolls back when the server
 * refuses; the count itself keeps following live updates from others while the request is in flight.
 */
export function VoteButton({
  brandSlug,
  ideaId,
  title,
  voted,
  count,
  disabled = false,
  size = "row",
}: {
  brandSlug: string;
  ideaId: string;
  title: string;
  voted: boolean;
  count: number;
  disabled?: boolean;
  size?: "row" | "page";
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [optimistic, setOptimistic] = useState<boolean | null>(null);
  const [error, setError] = useState<string | null>(null);
  const onDone = {
    onSuccess: (result: { voted: boolean; voteCount: number }) =>
      patchIdea(queryClient, trpc, ideaId, { voted: result.voted, voteCount: result.voteCount }),
    onError: (err: { message: string }) => setError(knownKey(t.has, err.message)),
    onSettled: () => setOptimistic(null),
  };
  const vote = useMutation(trpc.ideas.vote.mutationOptions(onDone));
  const unvote = useMutation(trpc.ideas.unvote.mutationOptions(onDone));
  const pending = vote.isPending || unvote.isPending;
  const shownVoted = optimistic ?? voted;
  const shownCount = optimistic === null ? count : Math.max(0, count + (optimistic === voted ? 0 : optimistic ? 1 : -1));

  function toggle() {
    if (pending) return;
    const next = !shownVoted;
    setError(null);
    setOptimistic(next);
    (next ? vote : unvote).mutate({ brandSlug, ideaId });
  }

  const big = size === "page";
  return (
    <div className="flex shrink-0 flex-col items-center gap-1">
      <button
        type="button"
        aria-pressed={shownVoted}
        aria-label={t("ideasUi.vote.label", { title })}
        aria-describedby={error ? `${ideaId}-vote-error` : undefined}
        disabled={disabled}
        onClick={toggle}
        data-testid="vote-button"
        className={`flex min-h-14 min-w-14 flex-col items-center justify-center rounded-xl border-2 px-2 py-1 font-bold tabular-nums transition-colors focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:cursor-not-allowed disabled:opacity-60 ${
          shownVoted
            ? "border-brand-700 bg-brand-700 text-white hover:bg-brand-900"
            : "border-stone-400 bg-white text-stone-900 hover:border-brand-700"
        } ${big ? "min-h-16 min-w-20 text-xl" : "text-base"}`}
      >
        <span aria-hidden="true" className="text-sm leading-none">
          ▲
        </span>
        <span data-testid="vote-count">{shownCount}</span>
      </button>
      <span className="sr-only" aria-live="polite">
        {t("ideasUi.vote.count", { count: shownCount })}
      </span>
      {error ? (
        <p id={`${ideaId}-vote-error`} role="alert" className="max-w-28 text-center text-xs font-medium text-red-700">
          {t(error as never)}
        </p>
      ) : null}
    </div>
  );
}
