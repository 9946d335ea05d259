"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { usePrizeText } from "./format";
import type { Outcome } from "./types";

export interface RevealItem {
  drawId: string;
  tableName: string;
  outcome: Outcome;
}

/** How long the card stays face down before it turns; the turn itself takes 700 ms, under the 2 s the reveal may take. */
const SUSPENSE_MS = 600;

function prefersReducedMotion(): boolean {
  return typeof window !== "undefined" && window.matchMedia("(prefers-reduced-motion: reduce)").matches;
}

/**
 * A card that turns over to show a surprise's result. Screen readers hear the result at once through
 * the live region (the animation is for eyes only); with reduced motion the card shows the result at once.
 */
export function SurpriseReveal({ item, onClose }: { item: RevealItem; onClose: () => void }) {
  const t = useTranslations("surprises.reveal");
  const prizeText = usePrizeText();
  // Rendered only in the browser (reveals come from the socket), so the preference can be read at once.
  const [shown, setShown] = useState(prefersReducedMotion);
  const won = item.outcome.kind !== "nothing";
  const prize = prizeText(item.outcome);

  useEffect(() => {
    if (prefersReducedMotion()) return;
    const timer = setTimeout(() => setShown(true), SUSPENSE_MS);
    return () => clearTimeout(timer);
  }, []);

  return (
    <section
      aria-label={t("label")}
      data-testid="surprise-reveal"
      data-state={shown ? "shown" : "hidden"}
      data-draw-id={item.drawId}
      className="pointer-events-auto w-full max-w-sm rounded-2xl border border-stone-300 bg-white p-4 shadow-xl"
    >
      <p className="text-sm font-semibold text-stone-700">{t("from", { table: item.tableName })}</p>
      <div className="mt-2 [perspective:800px]">
        <div
          className={`relative h-32 transition-transform duration-700 ease-out [transform-style:preserve-3d] motion-reduce:transition-none ${shown ? "[transform:rotateY(180deg)]" : ""}`}
        >
          <div
            aria-hidden="true"
            className="absolute inset-0 grid place-items-center overflow-hidden rounded-xl bg-gradient-to-br from-brand-700 to-brand-900 text-5xl font-black text-white [backface-visibility:hidden]"
          >
            <span className="motion-safe:animate-pulse">?</span>
          </div>
          <div
            aria-hidden={!shown}
            className={`absolute inset-0 flex flex-col items-center justify-center gap-1 rounded-xl border-2 p-3 text-center [backface-visibility:hidden] [transform:rotateY(180deg)] ${
              won ? "border-brand-600 bg-brand-50 text-brand-900" : "border-stone-300 bg-stone-50 text-stone-800"
            }`}
          >
            <p className="text-sm font-semibold">{won ? t("won") : t("nothingTitle")}</p>
            <p className="break-words text-2xl font-bold" data-testid="surprise-prize">
              {won ? prize : t("nothing")}
            </p>
          </div>
        </div>
      </div>
      <div className="mt-3 flex flex-wrap items-center gap-x-4 gap-y-1">
        {item.outcome.kind === "points" ? (
          <Link
            href="/points"
            onClick={onClose}
            className="min-h-11 content-center font-semibold text-brand-700 underline underline-offset-4"
          >
            {t("seeHistory")}
          </Link>
        ) : item.outcome.kind === "reward" ? (
          <Link
            href="/rewards"
            onClick={onClose}
            className="min-h-11 content-center font-semibold text-brand-700 underline underline-offset-4"
          >
            {t("seeRewards")}
          </Link>
        ) : null}
        <Link
          href={`/surprises/verify?draw=${encodeURIComponent(item.drawId)}`}
          onClick={onClose}
          className="min-h-11 content-center font-semibold text-brand-700 underline underline-offset-4"
        >
          {t("verify")}
        </Link>
        <button
          type="button"
          onClick={onClose}
          className="ml-auto min-h-11 rounded-lg px-3 font-semibold text-stone-800 hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-brand-700"
        >
          {t("close")}
        </button>
      </div>
    </section>
  );
}

/**
 * Where reveals appear: over the top of any page, one at a time, without taking focus from what the
 * member is doing. The live region stays mounted so screen readers announce each result as it arrives.
 */
export function RevealStack({ items, onClose }: { items: RevealItem[]; onClose: (drawId: string) => void }) {
  const t = useTranslations("surprises.reveal");
  const prizeText = usePrizeText();
  const first = items[0];
  const announcement = !first
    ? ""
    : first.outcome.kind === "nothing"
      ? t("announceNothing", { table: first.tableName })
      : t("announceWin", { table: first.tableName, prize: prizeText(first.outcome) });
  return (
    <>
      <p className="sr-only" role="status" data-testid="surprise-announcement">
        {announcement}
      </p>
      <div className="pointer-events-none fixed inset-x-0 top-3 z-30 flex justify-center px-4">
        {first ? <SurpriseReveal key={first.drawId} item={first} onClose={() => onClose(first.drawId)} /> : null}
      </div>
    </>
  );
}
