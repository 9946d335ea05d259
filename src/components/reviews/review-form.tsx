"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { BODY_MAX, BODY_MIN, bodyLength, PRODUCT_MAX, reviewInput } from "@/lib/validation/reviews";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { useIdempotencyKey } from "../points/idempotency";
import { Alert } from "../ui/alert";
import { Button, linkButton } from "../ui/button";
import { Field, TextAreaField } from "../ui/field";
import { PhotoPicker } from "./photo-picker";
import { StarRating } from "./stars";

const FIELDS = ["product", "rating", "body", "photoId"] as const;
const draft = reviewInput.omit({ idempotencyKey: true });

/** Refusals from the quest core, said in this form's own words. */
const CORE_REFUSALS: Record<string, string> = {
  "quests.alreadyDone": "reviews.form.alreadyDone",
  "quests.alreadyThisPeriod": "reviews.form.alreadyDone",
  "quests.archived": "reviews.form.closed",
  "quests.notStarted": "reviews.form.closed",
  "quests.ended": "reviews.form.closed",
};

export interface ReviewFormQuest {
  id: string;
  title: string;
  description: string;
  basePoints: number;
}

/** Product, a star rating, the text with a live count toward 50 characters and an optional photo. */
export function ReviewForm({ brandSlug, quest }: { brandSlug: string; quest: ReviewFormQuest }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const submit = useMutation(trpc.reviews.submit.mutationOptions());
  const { keyFor, done } = useIdempotencyKey();
  const [product, setProduct] = useState("");
  const [rating, setRating] = useState<number | null>(null);
  const [body, setBody] = useState("");
  const [photo, setPhoto] = useState<{ id?: string; busy: boolean }>({ busy: false });
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [sent, setSent] = useState<{ points: number } | null>(null);
  const successHeading = useRef<HTMLHeadingElement>(null);
  const tr = (key: string | undefined) => (key ? t(knownKey(t.has, key) as never) : undefined);

  useEffect(() => {
    if (sent) successHeading.current?.focus();
  }, [sent]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    const parsed = draft.safeParse({ questId: quest.id, product, rating: rating ?? undefined, body, photoId: photo.id });
    if (!parsed.success) {
      setErrors(issuesToFields(parsed.error.issues, { rating: "reviews.badRating", body: "reviews.tooShort" }));
      return;
    }
    setErrors({});
    try {
      const result = await submit.mutateAsync({ brandSlug, ...parsed.data, idempotencyKey: keyFor(parsed.data) });
      done();
      setSent({ points: result.points });
      void queryClient.invalidateQueries(trpc.reviews.pathFilter());
      void queryClient.invalidateQueries(trpc.quests.pathFilter());
      void queryClient.invalidateQueries(trpc.points.pathFilter());
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setErrors(shown.fields);
      setAlert(shown.alert ? (CORE_REFUSALS[shown.alert] ?? shown.alert) : undefined);
    }
  }

  if (sent) {
    return (
      <section
        className="flex flex-col gap-3 rounded-2xl border border-brand-600 bg-brand-50 p-5 text-brand-900"
        data-testid="review-success"
      >
        <h2 ref={successHeading} tabIndex={-1} className="text-xl font-bold outline-none">
          {t("reviews.form.successTitle")}
        </h2>
        <p>{sent.points > 0 ? t("reviews.form.successBody", { count: sent.points }) : t("reviews.form.successZero")}</p>
        <Link href="/reviews" className={`${linkButton.primary} self-start`}>
          {t("reviews.form.seeMine")}
        </Link>
      </section>
    );
  }

  const length = bodyLength(body);
  const enough = length >= BODY_MIN;
  const count = enough ? t("reviews.form.bodyOk", { count: length }) : t("reviews.form.bodyShort", { count: length });
  return (
    <form
      onSubmit={onSubmit}
      noValidate
      className="flex flex-col gap-5 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="review-form"
    >
      <div>
        <p className="font-semibold">{t("reviews.form.for", { name: quest.title })}</p>
        {quest.description ? <p className="text-stone-700">{quest.description}</p> : null}
        <p className="text-stone-700">{t("reviews.form.earn", { count: quest.basePoints })}</p>
      </div>
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      <Field
        label={t("reviews.form.product")}
        name="product"
        value={product}
        onChange={(e) => setProduct(e.target.value)}
        hint={t("reviews.form.productHint")}
        error={tr(errors.product)}
        maxLength={PRODUCT_MAX}
        autoComplete="off"
        required
      />
      <StarRating value={rating} onChange={setRating} error={tr(errors.rating)} />
      <div className="flex flex-col gap-1">
        <TextAreaField
          label={t("reviews.form.body")}
          name="body"
          value={body}
          onChange={(e) => setBody(e.target.value)}
          hint={count}
          error={tr(errors.body)}
          rows={6}
          maxLength={BODY_MAX}
          required
        />
        {/* The field shows its error in place of the hint; the count stays in view beside it. */}
        {errors.body ? (
          <p className="text-sm text-stone-700" aria-hidden="true">
            {count}
          </p>
        ) : null}
        <p className="sr-only" aria-live="polite">
          {enough ? t("reviews.form.bodyEnough") : ""}
        </p>
      </div>
      <PhotoPicker brandSlug={brandSlug} onChange={setPhoto} error={tr(errors.photoId)} />
      <Button type="submit" disabled={submit.isPending || photo.busy} className="self-start">
        {submit.isPending ? t("reviews.form.sending") : t("reviews.form.submit")}
      </Button>
    </form>
  );
}
