"use client";

import { useTranslations } from "next-intl";
import { useId } from "react";

const SCALE = [1, 2, 3, 4, 5] as const;

/** A rating shown as five stars; filled and empty stars differ in shape, not just colour. */
export function Stars({ rating }: { rating: number }) {
  const t = useTranslations("reviews");
  return (
    <span className="inline-flex items-center gap-0.5 text-lg leading-none" data-testid="stars" data-rating={rating}>
      <span aria-hidden="true" className="text-amber-700">
        {SCALE.map((n) => (n <= rating ? "★" : "☆")).join("")}
      </span>
      <span className="sr-only">{t("stars", { count: rating })}</span>
    </span>
  );
}

/**
 * A star rating made of native radio buttons in a fieldset: Tab reaches the group, arrow keys move
 * between stars, screen readers hear "3 stars, 3 of 5".
 */
export function StarRating({
  value,
  onChange,
  error,
  disabled,
}: {
  value: number | null;
  onChange: (rating: number) => void;
  error?: string;
  disabled?: boolean;
}) {
  const t = useTranslations("reviews.form");
  const name = useId();
  const shown = value ?? 0;
  return (
    <fieldset className="flex flex-col gap-1" aria-describedby={error ? `${name}-error` : undefined} disabled={disabled}>
      <legend className="text-sm font-medium text-stone-800">{t("rating")}</legend>
      <div className="flex gap-1">
        {SCALE.map((n) => (
          <label key={n} className="cursor-pointer">
            <input
              type="radio"
              name={name}
              value={n}
              checked={value === n}
              onChange={() => onChange(n)}
              aria-invalid={error ? true : undefined}
              className="peer sr-only"
            />
            <span
              aria-hidden="true"
              className={`flex size-11 items-center justify-center rounded-lg text-3xl leading-none peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700 ${
                n <= shown ? "text-amber-700" : "text-stone-600"
              }`}
            >
              {n <= shown ? "★" : "☆"}
            </span>
            <span className="sr-only">{t("star", { count: n })}</span>
          </label>
        ))}
      </div>
      {error ? (
        <p id={`${name}-error`} className="text-sm font-medium text-red-700" data-field-error="rating">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
