"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useLocale, useTranslations } from "next-intl";
import { type FormEvent, useEffect, useId, useRef, useState } from "react";
import type { Locale } from "@/i18n/config";
import { createInput, IDEA_BODY_MAX, TITLE_MAX } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { useIdempotencyKey } from "../points/idempotency";
import { Alert } from "../ui/alert";
import { Button, linkButton } from "../ui/button";
import { Field } from "../ui/field";
import { MarkdownPreview } from "./markdown-preview";
import { TagInput } from "./tag-input";
import { useSimilarIdeas } from "./use-similar";

const FIELDS = ["title", "body", "tags"] as const;
const draft = createInput.omit({ idempotencyKey: true });

/** An existing idea as the edit form starts from. */
export interface IdeaEdit {
  ideaId: string;
  title: string;
  body: string;
  tags: string[];
}

/**
 * Title with a counter and "is your idea already here?", a Markdown body with a preview, and tags.
 * With `edit`, it changes that idea instead and returns to its page.
 */
export function IdeaForm({ brandSlug, edit }: { brandSlug: string; edit?: IdeaEdit }) {
  const t = useTranslations();
  const locale = useLocale() as Locale;
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.ideas.create.mutationOptions());
  const update = useMutation(trpc.ideas.update.mutationOptions());
  const { keyFor, done } = useIdempotencyKey();
  const [title, setTitle] = useState(edit?.title ?? "");
  const [body, setBody] = useState(edit?.body ?? "");
  const [tags, setTags] = useState<string[]>(edit?.tags ?? []);
  const [preview, setPreview] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [pending, setPending] = useState<string | null>(null);
  // The edited idea would mostly find itself; an empty title keeps the lookup off.
  const similar = useSimilarIdeas(brandSlug, edit ? "" : title);
  const bodyId = useId();
  const pendingHeading = useRef<HTMLHeadingElement>(null);
  const tr = (key: string | undefined) => (key ? t(knownKey(t.has, key) as never) : undefined);

  useEffect(() => {
    if (pending) pendingHeading.current?.focus();
  }, [pending]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    const parsed = draft.safeParse({ title, body, tags, locale });
    if (!parsed.success) {
      const fields = issuesToFields(parsed.error.issues, { title: "ideas.titleTooShort", tags: "ideas.badTag" });
      // A bad tag is reported at "tags.<n>"; the form shows one message under the tag field.
      const tagKey = Object.entries(fields).find(([name]) => name.startsWith("tags"))?.[1];
      setErrors({ ...fields, ...(tagKey ? { tags: tagKey } : {}) });
      return;
    }
    setErrors({});
    try {
      if (edit) {
        const { title: newTitle, body: newBody, tags: newTags } = parsed.data;
        await update.mutateAsync({ brandSlug, ideaId: edit.ideaId, title: newTitle, body: newBody, tags: newTags });
        // The idea page starts from the server's fresh copy rather than a cached old one.
        queryClient.removeQueries(trpc.ideas.get.queryFilter({ brandSlug, ideaId: edit.ideaId }));
        void queryClient.invalidateQueries(trpc.ideas.pathFilter());
        router.push(`/ideas/${edit.ideaId}`);
        return;
      }
      const result = await create.mutateAsync({ brandSlug, ...parsed.data, idempotencyKey: keyFor(parsed.data) });
      done();
      void queryClient.invalidateQueries(trpc.ideas.list.pathFilter());
      if (result.state === "pending") setPending(result.id);
      else router.push(`/ideas/${result.id}`);
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setErrors(shown.fields);
      setAlert(shown.alert);
    }
  }

  if (pending) {
    return (
      <section
        className="flex flex-col gap-3 rounded-2xl border border-brand-600 bg-brand-50 p-5 text-brand-900"
        data-testid="idea-pending"
      >
        <h2 ref={pendingHeading} tabIndex={-1} className="text-xl font-bold outline-none">
          {t("ideasUi.form.pendingTitle")}
        </h2>
        <p>{t("ideasUi.form.pendingBody")}</p>
        <div className="flex flex-wrap gap-2">
          <Link href={`/ideas/${pending}`} className={linkButton.primary}>
            {t("ideasUi.form.seeIdea")}
          </Link>
          <Link href="/ideas" className={linkButton.secondary}>
            {t("ideasUi.form.back")}
          </Link>
        </div>
      </section>
    );
  }

  const titleLength = title.trim().length;
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-5 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="idea-form"
    >
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      <div className="flex flex-col gap-1">
        <Field
          label={t("ideasUi.form.title")}
          name="title"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          hint={t("ideasUi.form.titleHint")}
          error={tr(errors.title)}
          maxLength={TITLE_MAX}
          autoComplete="off"
          required
        />
        <p
          className={`self-end text-sm tabular-nums ${titleLength > TITLE_MAX - 10 ? "font-semibold text-amber-900" : "text-stone-600"}`}
          data-testid="title-counter"
        >
          {t("ideasUi.form.counter", { count: titleLength, max: TITLE_MAX })}
        </p>
      </div>
      {edit ? null : (
        <div aria-live="polite" data-testid="similar-ideas">
          {similar.ideas.length > 0 ? (
            <section
              aria-labelledby={`${bodyId}-similar`}
              className="flex flex-col gap-2 rounded-xl border border-amber-300 bg-amber-50 p-3"
            >
              <h2 id={`${bodyId}-similar`} className="font-semibold text-amber-950">
                {t("ideasUi.form.similarTitle")}
              </h2>
              <p className="text-sm text-amber-950">{t("ideasUi.form.similarHint")}</p>
              <ul className="flex flex-col gap-1">
                {similar.ideas.map((idea) => (
                  <li key={idea.id} className="flex items-center justify-between gap-3" data-testid="similar-idea">
                    <Link
                      href={`/ideas/${idea.id}`}
                      target="_blank"
                      className="min-h-11 min-w-0 content-center break-words font-semibold text-brand-700 underline underline-offset-4"
                    >
                      {idea.title}
                    </Link>
                    <span className="shrink-0 text-sm tabular-nums text-stone-800">
                      {t("ideasUi.vote.count", { count: idea.voteCount })}
                    </span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      )}
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap items-end justify-between gap-2">
          <label htmlFor={bodyId} className="text-sm font-medium text-stone-800">
            {t("ideasUi.form.body")}
          </label>
          <div className="flex gap-1">
            {[false, true].map((p) => (
              <button
                key={String(p)}
                type="button"
                aria-pressed={preview === p}
                onClick={() => setPreview(p)}
                className="min-h-11 rounded-lg px-3 text-sm font-semibold text-stone-800 hover:bg-stone-200 focus-visible:outline-2 focus-visible:outline-brand-700 aria-pressed:bg-stone-800 aria-pressed:text-white"
              >
                {p ? t("ideasUi.form.preview") : t("ideasUi.form.write")}
              </button>
            ))}
          </div>
        </div>
        <textarea
          id={bodyId}
          name="body"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          rows={8}
          maxLength={IDEA_BODY_MAX}
          hidden={preview}
          aria-invalid={errors.body ? true : undefined}
          aria-describedby={`${bodyId}-hint${errors.body ? ` ${bodyId}-error` : ""}`}
          className={`min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-brand-500 ${errors.body ? "border-red-700" : "border-stone-400"}`}
        />
        {preview ? (
          <div className="min-h-32 rounded-lg border border-dashed border-stone-400 p-3" data-testid="body-preview">
            {body.trim() ? <MarkdownPreview source={body} /> : <p className="text-stone-600">{t("ideasUi.form.previewEmpty")}</p>}
          </div>
        ) : null}
        <p id={`${bodyId}-hint`} className="text-sm text-stone-600">
          {t("ideasUi.form.markdownHint")}
        </p>
        {errors.body ? (
          <p id={`${bodyId}-error`} className="text-sm font-medium text-red-700" data-field-error="body">
            {tr(errors.body)}
          </p>
        ) : null}
      </div>
      <TagInput tags={tags} onChange={setTags} error={errors.tags} />
      {edit ? (
        <div className="flex flex-wrap gap-2">
          <Button type="submit" disabled={update.isPending}>
            {update.isPending ? t("ideasUi.edit.saving") : t("ideasUi.edit.save")}
          </Button>
          <Link href={`/ideas/${edit.ideaId}`} className={linkButton.secondary}>
            {t("ideasUi.edit.cancel")}
          </Link>
        </div>
      ) : (
        <Button type="submit" disabled={create.isPending} className="self-start">
          {create.isPending ? t("ideasUi.form.sending") : t("ideasUi.form.submit")}
        </Button>
      )}
    </form>
  );
}
