"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import type { IdeaComment } from "@/lib/ideas/types";
import { COMMENT_MAX } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { useIdempotencyKey } from "../points/idempotency";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { FlagButton } from "./flag-dialog";
import { PROSE } from "./prose";

interface Ctx {
  brandSlug: string;
  ideaId: string;
  canComment: boolean;
  canFlag: boolean;
}

/** Comments with one level of replies, and the box to add one (or why it is closed). */
export function Comments({
  brandSlug,
  ideaId,
  comments,
  canComment,
  canFlag,
  closedReason,
  count,
}: Ctx & { comments: IdeaComment[]; closedReason: string | null; count: number }) {
  const t = useTranslations("ideasUi.comments");
  const headingId = useId();
  const ctx: Ctx = { brandSlug, ideaId, canComment, canFlag };
  return (
    <section aria-labelledby={headingId} className="flex flex-col gap-3" data-testid="comments">
      <h2 id={headingId} className="text-xl font-bold">
        {t("title", { count })}
      </h2>
      <ul className="flex flex-col gap-3">
        {comments.map((c) => (
          <li key={c.id}>
            <CommentItem ctx={ctx} comment={c} />
            {c.replies.length > 0 ? (
              <ul className="mt-2 flex flex-col gap-2 border-l-2 border-stone-300 pl-3 sm:pl-5" aria-label={t("replies")}>
                {c.replies.map((r) => (
                  <li key={r.id}>
                    <CommentItem ctx={ctx} comment={r} />
                  </li>
                ))}
              </ul>
            ) : null}
          </li>
        ))}
      </ul>
      {canComment ? (
        <CommentBox ctx={ctx} />
      ) : (
        <p className="rounded-xl border border-stone-300 bg-stone-50 p-3 text-stone-800" data-testid="comments-closed">
          {closedReason}
        </p>
      )}
    </section>
  );
}

function CommentBox({ ctx, parentId, onDone }: { ctx: Ctx; parentId?: string; onDone?: () => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const post = useMutation(trpc.ideas.comment.mutationOptions());
  const { keyFor, done } = useIdempotencyKey();
  const [body, setBody] = useState("");
  const [error, setError] = useState<string>();
  const [note, setNote] = useState<string | null>(null);
  const id = useId();
  const tr = (key: string) => t(knownKey(t.has, key) as never);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setNote(null);
    if (!body.trim()) {
      setError("ideas.commentRequired");
      return;
    }
    setError(undefined);
    const input = { ideaId: ctx.ideaId, body: body.trim(), ...(parentId ? { parentId } : {}) };
    try {
      const comment = await post.mutateAsync({ brandSlug: ctx.brandSlug, ...input, idempotencyKey: keyFor(input) });
      done();
      setBody("");
      setNote(comment.state === "pending" ? t("ideasUi.comments.pending") : t("ideasUi.comments.posted"));
      await queryClient.invalidateQueries(trpc.ideas.get.queryFilter({ brandSlug: ctx.brandSlug, ideaId: ctx.ideaId }));
      onDone?.();
    } catch (err) {
      const shown = splitError(err, ["body"]);
      setError(shown.fields.body ?? shown.alert);
    }
  }

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-2" data-testid={parentId ? "reply-form" : "comment-form"}>
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {parentId ? t("ideasUi.comments.replyLabel") : t("ideasUi.comments.label")}
      </label>
      <textarea
        id={id}
        name="body"
        value={body}
        onChange={(e) => setBody(e.target.value)}
        rows={parentId ? 3 : 4}
        maxLength={COMMENT_MAX}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ""}`}
        className={`w-full rounded-lg border bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${error ? "border-red-700" : "border-stone-400"}`}
      />
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        {t("ideasUi.form.markdownHint")}
      </p>
      {error ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-field-error="body">
          {tr(error)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-2">
        <Button type="submit" disabled={post.isPending}>
          {post.isPending ? t("ideasUi.comments.sending") : parentId ? t("ideasUi.comments.sendReply") : t("ideasUi.comments.send")}
        </Button>
        {onDone ? (
          <Button type="button" variant="secondary" onClick={onDone}>
            {t("common.cancel")}
          </Button>
        ) : null}
      </div>
      <p role="status" className="text-sm font-medium text-brand-900">
        {note}
      </p>
    </form>
  );
}

function CommentItem({ ctx, comment }: { ctx: Ctx; comment: IdeaComment }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const edit = useMutation(trpc.ideas.editComment.mutationOptions());
  const remove = useMutation(trpc.ideas.deleteComment.mutationOptions());
  const [replying, setReplying] = useState(false);
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(comment.body);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string>();
  const editId = useId();
  const replyId = useId();
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const refetch = () => queryClient.invalidateQueries(trpc.ideas.get.queryFilter({ brandSlug: ctx.brandSlug, ideaId: ctx.ideaId }));
  const name = t("ideasUi.comments.by", { handle: comment.author.handle });

  async function saveEdit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(undefined);
    try {
      await edit.mutateAsync({ brandSlug: ctx.brandSlug, commentId: comment.id, body: draft.trim() });
      setEditing(false);
      await refetch();
    } catch (err) {
      const shown = splitError(err, ["body"]);
      setError(shown.fields.body ?? shown.alert);
    }
  }

  async function confirmDelete() {
    setError(undefined);
    try {
      await remove.mutateAsync({ brandSlug: ctx.brandSlug, commentId: comment.id });
      setConfirming(false);
      await refetch();
    } catch (err) {
      setConfirming(false);
      setError(splitError(err, []).alert);
    }
  }

  if (comment.deleted) {
    return (
      <article
        className="rounded-xl border border-dashed border-stone-300 bg-stone-50 p-3 text-stone-700"
        data-testid="comment"
        data-deleted="true"
      >
        <p className="italic">{t("ideasUi.comments.deleted")}</p>
      </article>
    );
  }

  return (
    <article
      className={`flex flex-col gap-2 rounded-xl border p-3 ${comment.official ? "border-brand-600 bg-brand-50" : "border-stone-300 bg-white"}`}
      data-testid="comment"
      data-comment-id={comment.id}
      aria-label={name}
    >
      <header className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-stone-700">
        <span className="break-all font-semibold text-stone-900">@{comment.author.handle}</span>
        {comment.official ? <Badge tone="green">{t("ideasUi.comments.official")}</Badge> : null}
        <time dateTime={comment.createdAt}>
          {format.dateTime(new Date(comment.createdAt), { dateStyle: "medium", timeStyle: "short" })}
        </time>
        {comment.editedAt ? <span data-testid="comment-edited">{t("ideasUi.comments.edited")}</span> : null}
        {comment.fromIdeaId ? <Badge tone="grey">{t("ideasUi.comments.fromMerged")}</Badge> : null}
      </header>
      {comment.state !== "published" ? (
        <p className="rounded-lg bg-amber-50 px-2 py-1 text-sm text-amber-950" data-testid="comment-state">
          {t(`ideasUi.comments.state.${comment.state}`)}
          {comment.stateReason ? ` ${t("ideasUi.reason", { reason: comment.stateReason })}` : ""}
        </p>
      ) : null}
      {editing ? (
        <form onSubmit={saveEdit} noValidate className="flex flex-col gap-2">
          <label htmlFor={editId} className="text-sm font-medium text-stone-800">
            {t("ideasUi.comments.editLabel")}
          </label>
          <textarea
            id={editId}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            rows={3}
            maxLength={COMMENT_MAX}
            className="w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-brand-500"
          />
          <div className="flex flex-wrap gap-2">
            <Button type="submit" disabled={edit.isPending}>
              {edit.isPending ? t("common.saving") : t("common.save")}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setEditing(false)}>
              {t("common.cancel")}
            </Button>
          </div>
        </form>
      ) : (
        // Sanitized on the server (markdown-it without HTML, safe links only).
        // biome-ignore lint/security/noDangerouslySetInnerHtml: server-rendered safe HTML
        <div className={PROSE} data-testid="comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      )}
      {error ? <Alert>{tr(error)}</Alert> : null}
      <div className="flex flex-wrap gap-2">
        {ctx.canComment && comment.parentId === null ? (
          <Button id={replyId} variant="secondary" className="text-sm" aria-expanded={replying} onClick={() => setReplying((r) => !r)}>
            {t("ideasUi.comments.reply")}
            <span className="sr-only"> {name}</span>
          </Button>
        ) : null}
        {comment.canEdit && !editing ? (
          <Button
            variant="secondary"
            className="text-sm"
            onClick={() => {
              setDraft(comment.body);
              setEditing(true);
            }}
          >
            {t("common.edit")}
            <span className="sr-only"> {name}</span>
          </Button>
        ) : null}
        {comment.canDelete ? (
          <Button variant="secondary" className="text-sm" onClick={() => setConfirming(true)}>
            {t("ideasUi.comments.delete")}
            <span className="sr-only"> {name}</span>
          </Button>
        ) : null}
        {ctx.canFlag && !comment.canDelete ? <FlagButton brandSlug={ctx.brandSlug} target="comment" id={comment.id} name={name} /> : null}
      </div>
      {replying ? (
        <CommentBox
          ctx={ctx}
          parentId={comment.id}
          onDone={() => {
            setReplying(false);
            document.getElementById(replyId)?.focus();
          }}
        />
      ) : null}
      <Dialog
        open={confirming}
        onClose={() => !remove.isPending && setConfirming(false)}
        title={t("ideasUi.comments.deleteTitle")}
        testId="delete-dialog"
      >
        <p>{t("ideasUi.comments.deleteBody")}</p>
        <ConfirmActions
          confirmLabel={t("ideasUi.comments.delete")}
          cancelLabel={t("common.cancel")}
          busy={remove.isPending}
          onConfirm={() => void confirmDelete()}
          onCancel={() => setConfirming(false)}
        />
      </Dialog>
    </article>
  );
}
