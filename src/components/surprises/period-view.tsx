"use client";

import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { verifyDraw } from "@/lib/surprises/verify";
import type { AppRouter } from "@/server/api/root";
import { Button } from "../ui/button";
import { usePrizeText, useWhen } from "./format";

type PeriodData = inferRouterOutputs<AppRouter>["surprises"]["period"];

/** Every draw of a revealed day, checked together in this browser against the day's commitment. */
export function PeriodView({ data }: { data: PeriodData }) {
  const t = useTranslations("surprises.verify");
  const when = useWhen();
  const prizeText = usePrizeText();
  const [results, setResults] = useState<Map<string, boolean> | null>(null);
  const [busy, setBusy] = useState(false);
  const { seed, commitment } = data;

  async function runAll() {
    if (!seed || !commitment) return;
    setBusy(true);
    const out = new Map<string, boolean>();
    for (const d of data.draws) out.set(d.drawId, (await verifyDraw(d, seed, commitment)).ok);
    setResults(out);
    setBusy(false);
  }

  const okCount = results ? [...results.values()].filter(Boolean).length : 0;
  return (
    <section
      aria-labelledby="period-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="period-view"
    >
      <h2 id="period-title" className="text-lg font-bold">
        {t("periodTitle", { period: data.period })}
      </h2>
      {data.draws.length === 0 || !seed || !commitment ? (
        <p className="text-stone-700">{t("periodEmpty")}</p>
      ) : (
        <>
          <p className="text-stone-700">{t("periodIntro")}</p>
          <dl className="flex flex-col gap-1 text-sm">
            <dt className="font-semibold text-stone-700">{t("commitment")}</dt>
            <dd className="break-all font-mono">{commitment}</dd>
            <dt className="font-semibold text-stone-700">{t("seed")}</dt>
            <dd className="break-all font-mono">{seed}</dd>
          </dl>
          <Button className="self-start" onClick={() => void runAll()} disabled={busy}>
            {busy ? t("running") : t("periodRun")}
          </Button>
          <p aria-live="polite" className="font-semibold" data-testid="period-result">
            {results ? t("periodResult", { ok: okCount, total: results.size }) : ""}
          </p>
          <ul className="divide-y divide-stone-200 text-sm">
            {data.draws.map((d) => {
              const ok = results?.get(d.drawId);
              return (
                <li key={d.drawId} className="flex items-center justify-between gap-2 py-2">
                  <div className="min-w-0">
                    <Link
                      href={`/surprises/verify?draw=${encodeURIComponent(d.drawId)}`}
                      className="break-all font-mono text-brand-700 underline underline-offset-4"
                    >
                      {d.drawId.slice(0, 8)}
                    </Link>
                    <p className="text-stone-700">
                      {d.tableName} · {d.outcome.kind === "nothing" ? t("outcomeNothing") : prizeText(d.outcome)} ·{" "}
                      {when(d.createdAt, "time")}
                    </p>
                  </div>
                  {ok === undefined ? null : (
                    <span className={`shrink-0 font-bold ${ok ? "text-brand-700" : "text-red-700"}`}>
                      <span aria-hidden="true">{ok ? "✓" : "✗"}</span> {ok ? t("pass") : t("fail")}
                    </span>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
