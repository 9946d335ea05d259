"use client";

import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { knownKey } from "../points/errors";
import { Button } from "../ui/button";
import { PHOTO_TYPES, uploadPhoto } from "./upload";

type State =
  | { step: "none" }
  | { step: "uploading"; preview: string }
  | { step: "ready"; preview: string }
  | { step: "failed"; key: string };

/**
 * An optional photo: chosen, previewed at once and uploaded in the background, so sending the review
 * only carries its id. `onChange` reports the id (or none) and whether an upload is still running.
 */
export function PhotoPicker({
  brandSlug,
  onChange,
  error,
}: {
  brandSlug: string;
  onChange: (photo: { id?: string; busy: boolean }) => void;
  error?: string;
}) {
  const t = useTranslations();
  const id = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<State>({ step: "none" });
  // A newer choice wins over an upload still running for an older one.
  const attempt = useRef(0);
  const preview = state.step === "uploading" || state.step === "ready" ? state.preview : null;

  useEffect(() => () => void (preview && URL.revokeObjectURL(preview)), [preview]);

  async function choose(file: File | undefined) {
    const mine = ++attempt.current;
    if (!file) {
      setState({ step: "none" });
      onChange({ busy: false });
      return;
    }
    const url = URL.createObjectURL(file);
    setState({ step: "uploading", preview: url });
    onChange({ busy: true });
    const result = await uploadPhoto(brandSlug, file, "review");
    if (mine !== attempt.current) return;
    if (result.ok) {
      setState({ step: "ready", preview: url });
      onChange({ id: result.id, busy: false });
    } else {
      setState({ step: "failed", key: result.key });
      onChange({ busy: false });
      if (input.current) input.current.value = "";
    }
  }

  function clear() {
    attempt.current += 1;
    setState({ step: "none" });
    onChange({ busy: false });
    if (input.current) {
      input.current.value = "";
      input.current.focus();
    }
  }

  const problem = state.step === "failed" ? t(knownKey(t.has, state.key, "reviews.form.photoFailed") as never) : error;
  const describedBy = [`${id}-hint`, problem ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div className="flex flex-col gap-2">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {t("reviews.form.photo")}
      </label>
      <input
        ref={input}
        id={id}
        type="file"
        name="photo"
        accept={PHOTO_TYPES.join(",")}
        aria-describedby={describedBy}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => void choose(e.target.files?.[0])}
        className="min-h-11 w-full rounded-lg border border-stone-400 bg-white px-3 py-2 text-base text-stone-900 file:mr-3 file:rounded-md file:border-0 file:bg-stone-200 file:px-3 file:py-1 file:font-semibold file:text-stone-900 focus-visible:outline-2 focus-visible:outline-brand-700"
      />
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        {t("reviews.form.photoHint")}
      </p>
      {problem ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-field-error="photoId">
          {problem}
        </p>
      ) : null}
      {preview ? (
        <div className="flex flex-wrap items-end gap-3">
          {/* biome-ignore lint/performance/noImgElement: a local preview of the chosen file (a blob: URL), not a remote image */}
          <img src={preview} alt={t("reviews.form.photoPreview")} className="h-32 w-32 rounded-lg border border-stone-300 object-cover" />
          <div className="flex flex-col gap-2">
            <p role="status" className="text-sm text-stone-700" data-testid="photo-status">
              {state.step === "uploading" ? t("reviews.form.photoUploading") : t("reviews.form.photoReady")}
            </p>
            <Button type="button" variant="secondary" onClick={clear} disabled={state.step === "uploading"}>
              {t("reviews.form.photoRemove")}
            </Button>
          </div>
        </div>
      ) : null}
    </div>
  );
}
