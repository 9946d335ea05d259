"use client";

import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { Alert } from "../ui/alert";
import { Badge } from "../ui/badge";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { useOddsText, usePrizeText, useWhen } from "./format";
import type { VerifyData } from "./types";
import { check, type Steps } from "./verify-steps";

function Mark({ ok }: { ok: boolean }) {
  const t = useTranslations("surprises.verify");
  return (
    <span className={`font-bold ${ok ? "text-brand-700" : "text-red-700"}`}>
      <span aria-hidden="true">{ok ? "✓" : "✗"}</span> {ok ? t("pass") : t("fail")}
    </span>
  );
}

/** One draw, its commitment and (once revealed) its seed, and a check of it run with WebCrypto in this browser. */
export function VerifyView({ data }: { data: VerifyData }) {
  const t = useTranslations("surprises.verify");
  const format = useFormatter();
  const prizeText = usePrizeText();
  const oddsText = useOddsText();
  const when = useWhen();
  const { draw } = data;
  const [seed, setSeed] = useState(data.seed ?? "");
  const [steps, setSteps] = useState<Steps | null>(null);
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);
  const ordered = [...draw.snapshot].sort((a, b) => a.position - b.position);
  const totalWeight = ordered.reduce((sum, p) => sum + p.weight, 0);
  const outcome = ordered.find((p) => p.id === draw.outcomePrizeId);
  const rolled = ordered.find((p) => p.id === draw.rolledPrizeId);

  async function run(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    setFailed(false);
    try {
      setSteps(await check(data, seed.trim()));
    } catch {
      // A browser without WebCrypto (plain HTTP on some browsers) cannot run the check.
      setFailed(true);
      setSteps(null);
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-col gap-5">
      <section aria-labelledby="draw-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="draw-title" className="text-lg font-bold">
          {t("drawTitle", { table: draw.tableName })}
        </h2>
        <dl className="grid grid-cols-[auto_minmax(0,1fr)] gap-x-3 gap-y-1 text-sm">
          <dt className="font-semibold text-stone-700">{t("drawId")}</dt>
          <dd className="break-all font-mono" data-testid="verify-draw-id">
            {draw.drawId}
          </dd>
          <dt className="font-semibold text-stone-700">{t("when")}</dt>
          <dd>
            <time dateTime={draw.createdAt.toISOString()}>{when(draw.createdAt)}</time>
          </dd>
          <dt className="font-semibold text-stone-700">{t("period")}</dt>
          <dd>{t("periodValue", { period: draw.period })}</dd>
          <dt className="font-semibold text-stone-700">{t("outcome")}</dt>
          <dd className="font-semibold" data-testid="verify-outcome">
            {outcome ? prizeText(outcome) : t("outcomeNothing")}
          </dd>
        </dl>
        {draw.pityApplied ? <p className="text-sm text-stone-800">{t("pityNote")}</p> : null}
        {draw.budgetLimited && rolled ? <p className="text-sm text-stone-800">{t("budgetNote", { prize: prizeText(rolled) })}</p> : null}
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{t("snapshotCaption")}</caption>
            <thead>
              <tr className="border-b border-stone-300 text-stone-700">
                <th scope="col" className="py-1 pr-2 font-semibold">
                  {t("prize")}
                </th>
                <th scope="col" className="py-1 pr-2 text-right font-semibold">
                  {t("weight")}
                </th>
                <th scope="col" className="py-1 text-right font-semibold">
                  {t("odds")}
                </th>
              </tr>
            </thead>
            <tbody>
              {ordered.map((p) => (
                <tr key={p.id} className="border-b border-stone-200 last:border-0">
                  <td className="py-1 pr-2">{prizeText(p)}</td>
                  <td className="py-1 pr-2 text-right tabular-nums">{format.number(p.weight)}</td>
                  <td className="py-1 text-right tabular-nums">{oddsText(p.weight / totalWeight).percent}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="proof-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
        <h2 id="proof-title" className="text-lg font-bold">
          {t("proofTitle")}
        </h2>
        <div className="flex flex-col gap-1 text-sm">
          <p className="font-semibold text-stone-700">{t("commitment")}</p>
          <code className="break-all rounded-lg bg-stone-100 p-2 font-mono" data-testid="verify-commitment">
            {data.commitment}
          </code>
        </div>
        {data.seed ? (
          <div className="flex flex-col gap-1 text-sm">
            <p className="font-semibold text-stone-700">{t("seed")}</p>
            <code className="break-all rounded-lg bg-stone-100 p-2 font-mono" data-testid="verify-seed">
              {data.seed}
            </code>
          </div>
        ) : (
          <p className="rounded-lg bg-amber-50 p-3 text-sm font-medium text-amber-900" data-testid="verify-not-yet">
            {t("notYet", { time: when(data.revealsAt) })}
          </p>
        )}
        <form onSubmit={run} className="flex flex-col gap-3">
          <Field
            label={t("seedField")}
            name="seed"
            value={seed}
            onChange={(e) => setSeed(e.target.value)}
            hint={data.seed ? t("seedFieldHintRevealed") : t("seedFieldHint")}
            spellCheck={false}
            autoComplete="off"
            className="font-mono"
          />
          <Button type="submit" disabled={busy || seed.trim() === ""} className="self-start">
            {busy ? t("running") : t("run")}
          </Button>
          <p className="text-sm text-stone-700">{t("runHint")}</p>
        </form>
        {failed ? <Alert>{t("noCrypto")}</Alert> : null}
        <div aria-live="polite">{steps ? <StepList steps={steps} data={data} /> : null}</div>
      </section>
    </div>
  );
}

function StepList({ steps, data }: { steps: Steps; data: VerifyData }) {
  const t = useTranslations("surprises.verify");
  const format = useFormatter();
  const prizeText = usePrizeText();
  const { draw } = data;
  const rolled = draw.snapshot.find((p) => p.id === draw.rolledPrizeId);
  return (
    <div className="flex flex-col gap-3" data-testid="verify-steps">
      <ol className="flex list-decimal flex-col gap-3 pl-5 text-sm">
        <li>
          <p className="font-semibold">{t("step1")}</p>
          {steps.seedOk ? (
            <>
              <code className="block break-all font-mono text-stone-800">{steps.computedCommitment}</code>
              <p>
                {steps.commitmentOk ? t("step1Match") : t("step1Mismatch")} <Mark ok={steps.commitmentOk} />
              </p>
            </>
          ) : (
            <p>
              {t("badSeed")} <Mark ok={false} />
            </p>
          )}
        </li>
        {steps.roll !== null ? (
          <li>
            <p className="font-semibold">{t("step2")}</p>
            <p className="break-all font-mono tabular-nums">{steps.roll}</p>
          </li>
        ) : null}
        {steps.reduced !== null ? (
          <li>
            <p className="font-semibold">
              {draw.pityApplied ? t("step3Pity", { total: steps.total }) : t("step3", { total: steps.total })}
            </p>
            <p>{t("step3Result", { roll: format.number(steps.reduced), max: format.number(steps.total - 1) })}</p>
            <ul className="mt-1 flex flex-col gap-1">
              {steps.ranges.map((r) => {
                const hit = steps.hit?.id === r.prize.id;
                return (
                  <li
                    key={r.prize.id}
                    className={`flex justify-between gap-2 rounded-lg px-2 py-1 ${hit ? "bg-brand-100 font-semibold text-brand-900" : ""}`}
                  >
                    <span>{prizeText(r.prize)}</span>
                    <span className="tabular-nums">
                      {t("range", { from: format.number(r.from), to: format.number(r.to) })}
                      {hit ? <span className="sr-only"> {t("rangeHit")}</span> : null}
                    </span>
                  </li>
                );
              })}
            </ul>
            {steps.hit ? <p className="mt-1">{t("step3Hit", { prize: prizeText(steps.hit) })}</p> : null}
          </li>
        ) : null}
        {steps.roll !== null ? (
          <li>
            <p className="font-semibold">{t("step4")}</p>
            <p>{draw.budgetLimited && rolled ? t("budgetNote", { prize: prizeText(rolled) }) : t("step4Fine")}</p>
          </li>
        ) : null}
      </ol>
      <div
        className={`flex flex-col gap-1 rounded-xl border-2 p-3 ${steps.ok ? "border-brand-600 bg-brand-50 text-brand-900" : "border-red-700 bg-red-50 text-red-800"}`}
        data-testid="verify-result"
        data-ok={steps.ok ? "true" : "false"}
      >
        <p className="text-lg font-bold">
          <span aria-hidden="true">{steps.ok ? "✓ " : "✗ "}</span>
          {steps.ok ? t("resultOk") : t("resultBad")}
        </p>
        {steps.reasons.length > 0 ? (
          <ul className="list-disc pl-5 text-sm">
            {steps.reasons.map((r) => (
              <li key={r}>{t.has(`reasons.${r}`) ? t(`reasons.${r}` as never) : r}</li>
            ))}
          </ul>
        ) : null}
      </div>
      {data.serverCheck ? (
        <p className="text-sm text-stone-700">
          {t("serverSays")} <Badge tone={data.serverCheck.ok ? "green" : "red"}>{data.serverCheck.ok ? t("pass") : t("fail")}</Badge>
        </p>
      ) : null}
    </div>
  );
}
