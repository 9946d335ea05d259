"use client";

import { useTranslations } from "next-intl";
import { type KeyboardEvent, useId, useState } from "react";
import { TAG_MAX, TAGS_MAX, tagSchema } from "@/lib/validation/ideas";

/** Up to five tags as chips: typed words become chips on comma or Enter; each chip can be removed. */
export function TagInput({ tags, onChange, error }: { tags: string[]; onChange: (tags: string[]) => void; error?: string }) {
  const t = useTranslations();
  const id = useId();
  const [draft, setDraft] = useState("");
  const [local, setLocal] = useState<string | null>(null);
  const full = tags.length >= TAGS_MAX;
  const shownError = local ?? error;

  function add(raw: string) {
    const words = raw
      .split(",")
      .map((w) => w.trim())
      .filter(Boolean);
    if (words.length === 0) return;
    const next = [...tags];
    for (const word of words) {
      const parsed = tagSchema.safeParse(word);
      if (!parsed.success) {
        setLocal("ideas.badTag");
        return;
      }
      if (next.length >= TAGS_MAX) {
        setLocal("ideas.tooManyTags");
        break;
      }
      if (!next.includes(parsed.data)) next.push(parsed.data);
    }
    onChange(next);
    setDraft("");
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      add(draft);
    } else if (event.key === "Backspace" && draft === "" && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-sm font-medium text-stone-800">
        {t("ideasUi.form.tags")}
      </label>
      {tags.length > 0 ? (
        <ul className="flex flex-wrap gap-1" aria-label={t("ideasUi.form.chosenTags")}>
          {tags.map((tag) => (
            <li key={tag} className="inline-flex items-center rounded-full bg-brand-100 pl-3 text-sm font-medium text-brand-900">
              #{tag}
              <button
                type="button"
                onClick={() => onChange(tags.filter((x) => x !== tag))}
                aria-label={t("ideasUi.form.removeTag", { tag })}
                className="ml-1 inline-flex min-h-11 min-w-11 items-center justify-center rounded-full hover:bg-brand-200 focus-visible:outline-2 focus-visible:outline-brand-700"
              >
                <span aria-hidden="true">×</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        name="tags"
        value={draft}
        maxLength={TAG_MAX * TAGS_MAX}
        disabled={full}
        onChange={(e) => {
          setLocal(null);
          const value = e.target.value;
          if (value.includes(",")) add(value);
          else setDraft(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => add(draft)}
        aria-invalid={shownError ? true : undefined}
        aria-describedby={`${id}-hint${shownError ? ` ${id}-error` : ""}`}
        autoComplete="off"
        className={`min-h-11 w-full rounded-lg border bg-white px-3 py-2 text-base outline-none focus-visible:ring-2 focus-visible:ring-brand-500 disabled:bg-stone-100 ${shownError ? "border-red-700" : "border-stone-400"}`}
      />
      <p id={`${id}-hint`} className="text-sm text-stone-600">
        {full ? t("ideasUi.form.tagsFull", { count: TAGS_MAX }) : t("ideasUi.form.tagsHint", { count: TAGS_MAX })}
      </p>
      {shownError ? (
        <p id={`${id}-error`} className="text-sm font-medium text-red-700" data-field-error="tags">
          {t(shownError as never)}
        </p>
      ) : null}
    </div>
  );
}
