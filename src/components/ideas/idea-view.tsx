"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import type { IdeaDetail } from "@/lib/ideas/types";
import { useTRPC } from "@/trpc/react";
import { knownKey } from "../points/errors";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { linkButton } from "../ui/button";
import { BellIcon } from "./bell-icon";
import { Comments } from "./comments";
import { FlagButton } from "./flag-dialog";
import { IdeaStaffPanel } from "./idea-staff-panel";
import { PROSE } from "./prose";
import { StatusBadge } from "./status-badge";
import { useIdeasLive } from "./use-ideas-live";
import { VoteButton } from "./vote-button";

/** An idea with its votes, status story and discussion; counts and status follow live updates. */
export function IdeaView({ brandSlug, initial }: { brandSlug: string; initial: IdeaDetail }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const input = { brandSlug, ideaId: initial.id };
  const query = useQuery(trpc.ideas.get.queryOptions(input, { initialData: initial }));
  const idea = query.data;
  const refetch = () => void queryClient.invalidateQueries(trpc.ideas.get.queryFilter(input));

  useIdeasLive({
    brandSlug,
    initialSeq: initial.seq,
    // Counts and status are patched in place; new comments, the status story and removals need the page again.
    onEvent: (event) =>
      event.ideaId === idea.id &&
      (event.commentCount !== idea.commentCount ||
        event.status !== idea.status ||
        event.removed ||
        event.mergedIntoId !== (idea.mergedInto?.id ?? null))
        ? "refetch"
        : undefined,
  });

  const gone = query.isError && (query.error as { data?: { code?: string } }).data?.code === "NOT_FOUND";
  const closedReason =
    idea.status === "duplicate"
      ? t("ideasUi.comments.closedDuplicate")
      : idea.commentsLocked
        ? t("ideasUi.comments.locked")
        : t("ideasUi.comments.closed");

  return (
    <article className="flex flex-col gap-5" data-testid="idea" data-idea-id={idea.id}>
      {gone ? <Alert>{t("ideasUi.idea.gone")}</Alert> : null}
      {idea.mergedInto ? (
        <div className="rounded-2xl border border-amber-400 bg-amber-50 p-4 text-amber-950" data-testid="merged-into">
          <p>{t("ideasUi.idea.mergedInto")}</p>
          <Link
            href={`/ideas/${idea.mergedInto.id}`}
            className="inline-flex min-h-11 items-center break-words font-semibold underline underline-offset-4"
          >
            {idea.mergedInto.title}
          </Link>
        </div>
      ) : null}
      {idea.state !== "published" ? (
        <div
          className="rounded-2xl border border-amber-400 bg-amber-50 p-4 text-amber-950"
          data-testid="idea-state"
          data-state={idea.state}
        >
          <p className="font-semibold">{t(`ideasUi.idea.stateNotice.${idea.state}`)}</p>
          {idea.stateReason ? <p>{t("ideasUi.reason", { reason: idea.stateReason })}</p> : null}
        </div>
      ) : null}
      <header className="flex gap-3 sm:gap-4">
        <VoteButton
          brandSlug={brandSlug}
          ideaId={idea.id}
          title={idea.title}
          voted={idea.voted}
          count={idea.voteCount}
          disabled={!idea.can.vote}
          size="page"
        />
        <div className="flex min-w-0 flex-1 flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            {idea.pinned ? <Badge tone="amber">{t("ideasUi.list.pinned")}</Badge> : null}
            <StatusBadge status={idea.status} />
            {idea.commentsLocked ? <Badge tone="grey">{t("ideasUi.idea.locked")}</Badge> : null}
          </div>
          <h1 className="break-words text-2xl font-bold" data-testid="idea-title">
            {idea.title}
          </h1>
          <p className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-700">
            <span>{t("ideasUi.idea.by", { handle: idea.author.handle })}</span>
            {idea.author.staff ? <Badge tone="green">{t("ideasUi.staffBadge")}</Badge> : null}
            <time dateTime={idea.createdAt}>{format.dateTime(new Date(idea.createdAt), { dateStyle: "medium" })}</time>
          </p>
        </div>
      </header>
      {idea.statusNote ? (
        <div
          className={`rounded-2xl border p-4 ${idea.status === "declined" ? "border-red-300 bg-red-50 text-red-900" : "border-brand-600 bg-brand-50 text-brand-900"}`}
          data-testid="status-note"
        >
          <p className="font-semibold">{t("ideasUi.idea.statusNote", { status: t(`ideasUi.status.${idea.status}`) })}</p>
          <p className="whitespace-pre-line break-words">{idea.statusNote}</p>
        </div>
      ) : null}
      {idea.bodyHtml ? (
        <div
          className={`${PROSE} rounded-2xl border border-stone-300 bg-white p-4`}
          data-testid="idea-body"
          // Rendered and sanitized on the server: Markdown without raw HTML, http(s)/mailto links only.
          // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered safe HTML
          dangerouslySetInnerHTML={{ __html: idea.bodyHtml }}
        />
      ) : null}
      {idea.tags.length > 0 ? (
        <ul className="flex flex-wrap gap-1" aria-label={t("ideasUi.list.tags")}>
          {idea.tags.map((tag) => (
            <li key={tag}>
              <Link
                href={`/ideas?tag=${encodeURIComponent(tag)}`}
                className="inline-flex min-h-11 items-center rounded-full border border-stone-300 bg-white px-3 text-sm font-medium text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-700"
              >
                #{tag}
              </Link>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="flex flex-wrap items-start gap-2">
        {idea.can.edit ? (
          <Link href={`/ideas/${idea.id}/edit`} className={`${linkButton.secondary} text-sm`} data-testid="edit-idea">
            {t("ideasUi.edit.link")}
          </Link>
        ) : null}
        {idea.can.flag ? <FlagButton brandSlug={brandSlug} target="idea" id={idea.id} name={idea.title} /> : null}
        <MuteButton brandSlug={brandSlug} ideaId={idea.id} muted={idea.muted} mutedAll={idea.mutedAll} onChanged={refetch} />
      </div>
      {idea.merged.length > 0 ? (
        <section className="flex flex-col gap-2" data-testid="merged-here">
          <h2 className="text-lg font-bold">{t("ideasUi.idea.mergedHere")}</h2>
          <ul className="flex flex-col gap-1">
            {idea.merged.map((m) => (
              <li key={m.id}>
                <Link
                  href={`/ideas/${m.id}`}
                  className="inline-flex min-h-11 items-center break-words font-semibold text-brand-700 underline underline-offset-4"
                >
                  {m.title}
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {idea.can.moderate ? <IdeaStaffPanel brandSlug={brandSlug} idea={idea} onChanged={refetch} /> : null}
      {idea.history.length > 0 ? (
        <section className="flex flex-col gap-2" data-testid="history">
          <h2 className="text-lg font-bold">{t("ideasUi.idea.history")}</h2>
          <ol className="flex flex-col gap-3 border-l-2 border-stone-300 pl-4">
            {idea.history.map((h) => (
              <li key={h.id} className="flex flex-col gap-0.5" data-testid="history-item">
                <p className="font-semibold">
                  {h.from
                    ? t("ideasUi.idea.moved", { from: t(`ideasUi.status.${h.from}`), to: t(`ideasUi.status.${h.to}`) })
                    : t("ideasUi.idea.setTo", { to: t(`ideasUi.status.${h.to}`) })}
                </p>
                <p className="text-sm text-stone-700">
                  <time dateTime={h.at}>{format.dateTime(new Date(h.at), { dateStyle: "medium", timeStyle: "short" })}</time>
                  {h.actorHandle ? ` · @${h.actorHandle}` : ""}
                </p>
                {h.note ? <p className="whitespace-pre-line break-words text-stone-800">{h.note}</p> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
      <Comments
        brandSlug={brandSlug}
        ideaId={idea.id}
        comments={idea.comments}
        count={idea.commentCount}
        canComment={idea.can.comment}
        canFlag={idea.can.flag}
        closedReason={closedReason}
      />
    </article>
  );
}

/** Mute or unmute this idea's notices; when every idea is muted, this one cannot be turned back on alone. */
function MuteButton({
  brandSlug,
  ideaId,
  muted,
  mutedAll,
  onChanged,
}: {
  brandSlug: string;
  ideaId: string;
  muted: boolean;
  mutedAll: boolean;
  onChanged: () => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const [error, setError] = useState<string | null>(null);
  const mute = useMutation(
    trpc.ideas.mute.mutationOptions({
      onSuccess: onChanged,
      onError: (err) => setError(knownKey(t.has, err.message)),
    }),
  );
  if (mutedAll) {
    return (
      <p className="min-h-11 content-center text-sm text-stone-700">
        {t("ideasUi.mute.allMuted")}{" "}
        <Link href="/notifications" className="font-semibold text-brand-700 underline underline-offset-4">
          {t("ideasUi.mute.change")}
        </Link>
      </p>
    );
  }
  return (
    <div className="flex flex-col gap-1">
      <button
        type="button"
        aria-pressed={muted}
        disabled={mute.isPending}
        onClick={() => {
          setError(null);
          mute.mutate({ brandSlug, ideaId, muted: !muted });
        }}
        data-testid="mute-idea"
        className="inline-flex min-h-11 items-center gap-2 rounded-lg border border-stone-400 bg-white px-4 text-sm font-semibold text-stone-900 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700 disabled:text-stone-500"
      >
        <BellIcon muted={muted} />
        {t("ideasUi.mute.idea")}
      </button>
      <p role="status" className="text-sm text-stone-700">
        {mute.isSuccess ? (muted ? t("ideasUi.mute.nowMuted") : t("ideasUi.mute.nowOn")) : null}
      </p>
      {error ? <Alert>{t(error as never)}</Alert> : null}
    </div>
  );
}
