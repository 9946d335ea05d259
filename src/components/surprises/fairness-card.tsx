"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { CopyButton } from "../staff/integrations-copy";
import { shortHash } from "./format";
import type { TablesData } from "./types";

/** Today's published commitment and yesterday's revealed seed: what lets anyone check the draws. */
export function FairnessCard({ brandSlug, commitment, previous }: Pick<TablesData, "commitment" | "previous"> & { brandSlug: string }) {
  const t = useTranslations("surprises.fairness");
  const full = useRef<HTMLElement>(null);
  return (
    <section aria-labelledby="fairness-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="fairness-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      <p className="text-stone-700">{t("intro")}</p>
      <div className="flex flex-col gap-2">
        <p className="text-sm font-semibold text-stone-700">{t("today", { period: commitment.period })}</p>
        <p className="flex flex-wrap items-center gap-2">
          <code className="rounded-lg bg-stone-100 px-2 py-1 font-mono text-sm" title={commitment.hash} data-testid="commitment-short">
            {shortHash(commitment.hash)}
          </code>
          <CopyButton text={commitment.hash} what={t("copyWhat")} fallback={full} />
        </p>
        <details className="text-sm">
          <summary className="min-h-11 cursor-pointer content-center font-semibold text-brand-700">{t("showFull")}</summary>
          <code ref={full} className="block break-all rounded-lg bg-stone-100 p-2 font-mono" data-testid="commitment-full">
            {commitment.hash}
          </code>
        </details>
      </div>
      {previous ? (
        <div className="flex flex-col gap-1 text-sm">
          <p className="font-semibold text-stone-700">{t("previous", { period: previous.period })}</p>
          <code className="break-all rounded-lg bg-stone-100 p-2 font-mono" data-testid="previous-seed">
            {previous.seed}
          </code>
          <Link
            href={`/surprises/verify?brand=${encodeURIComponent(brandSlug)}&period=${encodeURIComponent(previous.period)}`}
            className="min-h-11 self-start content-center font-semibold text-brand-700 underline underline-offset-4"
          >
            {t("verifyPeriod", { period: previous.period })}
          </Link>
        </div>
      ) : (
        <p className="text-sm text-stone-700">{t("noPrevious")}</p>
      )}
      <Link
        href="/surprises/verify"
        className="min-h-11 self-start content-center font-semibold text-brand-700 underline underline-offset-4"
      >
        {t("howItWorks")}
      </Link>
    </section>
  );
}
