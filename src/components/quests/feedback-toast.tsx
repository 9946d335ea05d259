"use client";

import { useTranslations } from "next-intl";
import { type CSSProperties, useEffect, useState } from "react";
import { FlameIcon } from "./icons";
import type { Feedback } from "./use-quest-actions";

// One-shot animations; people who ask for less motion get the words without the burst.
const CELEBRATION_CSS = `
@keyframes sadiq-quest-pop { 0% { transform: scale(.4); } 60% { transform: scale(1.2); } 100% { transform: scale(1); } }
@keyframes sadiq-quest-spark {
  0% { opacity: 1; transform: rotate(var(--spark-angle)) translateY(0) scale(1); }
  100% { opacity: 0; transform: rotate(var(--spark-angle)) translateY(-24px) scale(.4); }
}
.sadiq-quest-pop { animation: sadiq-quest-pop .5s ease-out both; }
.sadiq-quest-spark {
  position: absolute; left: 50%; top: 50%; width: 6px; height: 6px; margin: -3px; border-radius: 9999px;
  animation: sadiq-quest-spark .9s ease-out both;
}
@media (prefers-reduced-motion: reduce) {
  .sadiq-quest-pop { animation: none; }
  .sadiq-quest-spark { display: none; }
}`;

/** The stylesheet for the pop and burst; React hoists it into <head> once, however many use it. */
export function CelebrationStyles() {
  return (
    <style href="sadiq-quest-celebration" precedence="medium">
      {CELEBRATION_CSS}
    </style>
  );
}

const SPARK_COLOURS = ["bg-amber-400", "bg-brand-500", "bg-orange-500", "bg-sky-400"];

/** How long the burst stays on screen; with reduced motion it is a still flame for as long. */
const CELEBRATION_MS = 1600;

/** A small burst of sparks around a flame, for milestones and first check-ins; it goes away by itself. */
export function Celebration() {
  const [shown, setShown] = useState(true);
  useEffect(() => {
    const timer = setTimeout(() => setShown(false), CELEBRATION_MS);
    return () => clearTimeout(timer);
  }, []);
  if (!shown) return null;
  return (
    <span aria-hidden="true" className="relative inline-grid size-10 shrink-0 place-items-center" data-testid="celebration">
      <CelebrationStyles />
      {Array.from({ length: 10 }, (_, i) => (
        <span
          // biome-ignore lint/suspicious/noArrayIndexKey: a fixed ring of sparks that never reorders
          key={i}
          className={`sadiq-quest-spark ${SPARK_COLOURS[i % SPARK_COLOURS.length]}`}
          style={{ "--spark-angle": `${i * 36}deg`, animationDelay: `${(i % 3) * 60}ms` } as CSSProperties}
        />
      ))}
      <span className="sadiq-quest-pop grid size-10 place-items-center rounded-full bg-amber-100 text-orange-600">
        <FlameIcon className="size-6" />
      </span>
    </span>
  );
}

/** "+20 points", with what lowered it and any milestone, announced politely; it also carries the pop styles. */
export function FeedbackToast({ feedback, onDismiss }: { feedback: Feedback | null; onDismiss: () => void }) {
  const t = useTranslations("questsUi.feedback");
  return (
    <div role="status" aria-live="polite" className="pointer-events-none fixed inset-x-0 bottom-4 z-20 flex justify-center px-4">
      <CelebrationStyles />
      {feedback ? (
        <div
          key={feedback.id}
          data-testid="quest-toast"
          className="pointer-events-auto flex w-full max-w-md items-start gap-3 rounded-xl bg-stone-900 py-2 pl-4 pr-2 text-white shadow-lg"
        >
          <div className="flex min-w-0 flex-1 flex-col gap-0.5 py-1">
            {feedback.kind === "undo" ? (
              <p className="font-semibold">{t("undone")}</p>
            ) : (
              <>
                <p className="font-semibold" data-testid="quest-toast-points">
                  {feedback.pending ? t("pending", { count: feedback.points }) : t("earned", { count: feedback.points })}
                </p>
                {feedback.bonus > 0 ? <p className="text-sm">{t("bonus", { count: feedback.bonus })}</p> : null}
                {feedback.capped ? (
                  <p className="text-sm" data-testid="quest-toast-capped">
                    {t("capped", { count: feedback.points })}
                  </p>
                ) : null}
                {feedback.milestone !== null ? (
                  <p className="text-sm font-semibold text-amber-200">{t("milestone", { count: feedback.milestone })}</p>
                ) : feedback.first ? (
                  <p className="text-sm text-amber-200">{t("first")}</p>
                ) : null}
              </>
            )}
          </div>
          <button
            type="button"
            onClick={onDismiss}
            className="min-h-11 shrink-0 rounded-lg px-3 text-sm font-semibold text-white underline underline-offset-4 hover:bg-stone-700 focus-visible:outline-2 focus-visible:outline-white"
          >
            {t("dismiss")}
          </button>
        </div>
      ) : null}
    </div>
  );
}
