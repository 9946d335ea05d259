"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { MAX_PRIZES, PRIZE_KINDS, type PrizeKind, SURPRISE_TRIGGERS, type SurpriseTrigger, tableInput } from "@/lib/validation/surprises";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, SelectField, TextAreaField } from "../ui/field";
import { oneIn } from "./format";
import type { StaffTable } from "./types";

export interface Choice {
  id: string;
  title: string;
}

interface PrizeValues {
  /** Stable React key for a row, also for prizes not saved yet. */
  key: string;
  id?: string;
  kind: PrizeKind;
  label: string;
  points: string;
  rewardId: string;
  weight: string;
  freezeValue: string;
}

interface Values {
  name: string;
  description: string;
  triggerKind: SurpriseTrigger;
  questId: string;
  prizes: PrizeValues[];
  dailyBudget: string;
  totalBudget: string;
  pityAfter: string;
}

/** Field names the server may name differently from this form. */
const ALIASES: Record<string, string> = { questId: "trigger.questId", kind: "trigger.kind" };

let rowCounter = 0;
const rowKey = () => {
  rowCounter += 1;
  return `row-${rowCounter}`;
};

const blankPrize = (): PrizeValues => ({
  key: rowKey(),
  kind: "points",
  label: "",
  points: "10",
  rewardId: "",
  weight: "1",
  freezeValue: "0",
});

function initial(table: StaffTable | null): Values {
  if (!table) {
    return {
      name: "",
      description: "",
      triggerKind: "quest_completed",
      questId: "",
      prizes: [blankPrize()],
      dailyBudget: "1000",
      totalBudget: "10000",
      pityAfter: "",
    };
  }
  return {
    name: table.name,
    description: table.description,
    triggerKind: table.trigger.kind,
    questId: table.trigger.questId ?? "",
    prizes: table.prizes.map((p) => ({
      key: rowKey(),
      id: p.id,
      kind: p.kind,
      label: p.label,
      points: p.points === null ? "" : String(p.points),
      rewardId: p.rewardId ?? "",
      weight: String(p.weight),
      freezeValue: String(p.freezeValue),
    })),
    dailyBudget: String(table.dailyBudget),
    totalBudget: String(table.totalBudget),
    pityAfter: table.pityAfter === null ? "" : String(table.pityAfter),
  };
}

/** "" → NaN so the schema names the field instead of the form guessing a value. */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

function toInput(v: Values) {
  return {
    name: v.name,
    description: v.description,
    trigger: { kind: v.triggerKind, questId: v.triggerKind === "idea_shipped" || v.questId === "" ? null : v.questId },
    prizes: v.prizes.map((p) => ({
      ...(p.id ? { id: p.id } : {}),
      kind: p.kind,
      label: p.label,
      weight: num(p.weight),
      points: p.kind === "points" ? num(p.points) : null,
      rewardId: p.kind === "reward" ? p.rewardId || null : null,
      freezeValue: p.kind === "streak_freeze" ? num(p.freezeValue) : 0,
    })),
    dailyBudget: num(v.dailyBudget),
    totalBudget: num(v.totalBudget),
    pityAfter: v.pityAfter.trim() === "" ? null : num(v.pityAfter),
  };
}

/** Each prize's share of the total weight, for the live preview; rows with no usable weight count as 0. */
function previewOdds(prizes: PrizeValues[]) {
  const weights = prizes.map((p) => {
    const w = Number(p.weight);
    return Number.isInteger(w) && w > 0 ? w : 0;
  });
  const total = weights.reduce((s, w) => s + w, 0);
  const winning = prizes.reduce((s, p, i) => s + (p.kind === "nothing" ? 0 : (weights[i] ?? 0)), 0);
  return prizes.map((p, i) => {
    const w = weights[i] ?? 0;
    return {
      odds: total > 0 ? w / total : 0,
      pityOdds: p.kind !== "nothing" && winning > 0 ? w / winning : 0,
    };
  });
}

/**
 * Creates or edits a surprise table: trigger, prizes with a live preview of each one's odds, budgets and
 * the guaranteed-win rule. Checked with the server's own schema before sending; errors sit on their fields.
 */
export function TableForm({
  brandSlug,
  table,
  quests,
  rewards,
  onSaved,
  onCancel,
}: {
  brandSlug: string;
  table: StaffTable | null;
  quests: Choice[];
  rewards: Choice[];
  onSaved: (name: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations("surprisesStaff");
  const root = useTranslations();
  const tp = useTranslations("surprises");
  const format = useFormatter();
  const trpc = useTRPC();
  const create = useMutation(trpc.surprises.create.mutationOptions());
  const update = useMutation(trpc.surprises.update.mutationOptions());
  const [v, setV] = useState<Values>(() => initial(table));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const titleId = useId();
  const busy = create.isPending || update.isPending;

  const set = (patch: Partial<Values>, touched: string[] = Object.keys(patch)) => {
    setV((old) => ({ ...old, ...patch }));
    setFields((old) => Object.fromEntries(Object.entries(old).filter(([n]) => !touched.some((x) => n === x || n.startsWith(`${x}.`)))));
  };
  const setPrize = (index: number, patch: Partial<PrizeValues>) =>
    set(
      { prizes: v.prizes.map((p, i) => (i === index ? { ...p, ...patch } : p)) },
      Object.keys(patch).map((k) => `prizes.${index}.${k}`),
    );

  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  const message = (key: string) => root(knownKey(root.has, key, "form.invalid") as never);
  const err = (name: string) => (fields[name] ? message(fields[name]) : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    const input = toInput(v);
    const checked = tableInput.safeParse(input);
    if (!checked.success) {
      setFields(issuesToFields(checked.error.issues, {}));
      setAlert("form.invalid");
      setAttempt((n) => n + 1);
      return;
    }
    setFields({});
    try {
      const saved = table
        ? await update.mutateAsync({ brandSlug, tableId: table.id, table: input })
        : await create.mutateAsync({ brandSlug, table: input });
      onSaved(saved?.name ?? v.name.trim());
    } catch (error) {
      const shown = splitError(
        error,
        ["name", "description", "trigger.kind", "trigger.questId", "prizes", "dailyBudget", "totalBudget", "pityAfter"],
        ALIASES,
      );
      setFields(shown.fields);
      setAlert(shown.alert ?? "form.invalid");
      setAttempt((n) => n + 1);
    }
  }

  const odds = previewOdds(v.prizes);
  const pityOn = v.pityAfter.trim() !== "";
  const percent = (x: number) => format.number(x, { style: "percent", maximumFractionDigits: 1 });

  return (
    <form
      ref={formRef}
      onSubmit={submit}
      noValidate
      aria-busy={busy}
      aria-labelledby={titleId}
      className="flex flex-col gap-5"
      data-testid="surprise-table-form"
    >
      <h2 id={titleId} className="text-xl font-bold">
        {table ? t("editTitle", { name: table.name }) : t("newTitle")}
      </h2>
      {alert ? <Alert>{message(alert)}</Alert> : null}

      <Group title={t("groups.basics")}>
        <Field
          label={t("fields.name")}
          name="name"
          value={v.name}
          onChange={(e) => set({ name: e.target.value })}
          maxLength={80}
          required
          error={err("name")}
        />
        <TextAreaField
          label={t("fields.description")}
          name="description"
          value={v.description}
          onChange={(e) => set({ description: e.target.value })}
          maxLength={1000}
          hint={t("fields.descriptionHint")}
          error={err("description")}
        />
        <SelectField
          label={t("fields.trigger")}
          name="trigger.kind"
          value={v.triggerKind}
          onChange={(e) => set({ triggerKind: e.target.value as SurpriseTrigger }, ["trigger"])}
          options={SURPRISE_TRIGGERS.map((k) => ({ value: k, label: t(`triggers.${k}`) }))}
          hint={t(`triggerHints.${v.triggerKind}`)}
          error={err("trigger.kind")}
        />
        {v.triggerKind === "idea_shipped" ? null : (
          <SelectField
            label={t("fields.quest")}
            name="trigger.questId"
            value={v.questId}
            onChange={(e) => set({ questId: e.target.value }, ["trigger.questId"])}
            options={[{ value: "", label: t("fields.anyQuest") }, ...quests.map((q) => ({ value: q.id, label: q.title }))]}
            hint={t("fields.questHint")}
            error={err("trigger.questId")}
          />
        )}
      </Group>

      <Group title={t("groups.prizes")} hint={t("groups.prizesHint")}>
        {err("prizes") ? (
          <p className="text-sm font-medium text-red-700" data-field-error="prizes">
            {err("prizes")}
          </p>
        ) : null}
        <ol className="flex flex-col gap-4">
          {v.prizes.map((p, i) => {
            const f = (name: string) => err(`prizes.${i}.${name}`);
            const row = odds[i] ?? { odds: 0, pityOdds: 0 };
            return (
              <li key={p.key} className="flex flex-col gap-3 rounded-xl border border-stone-300 p-3" data-testid="prize-row">
                <div className="flex items-center justify-between gap-2">
                  <h3 className="font-semibold">{t("prizeN", { n: i + 1 })}</h3>
                  <p className="text-sm font-semibold tabular-nums text-brand-800" data-testid="prize-odds">
                    {percent(row.odds)}
                    {row.odds > 0 ? ` · ${tp("oneIn", { n: format.number(oneIn(row.odds)) })}` : ""}
                  </p>
                </div>
                <div className="grid gap-3 sm:grid-cols-2">
                  <SelectField
                    label={t("fields.prizeKind")}
                    name={`prizes.${i}.kind`}
                    value={p.kind}
                    onChange={(e) => setPrize(i, { kind: e.target.value as PrizeKind })}
                    options={PRIZE_KINDS.map((k) => ({ value: k, label: t(`prizeKinds.${k}`) }))}
                    error={f("kind")}
                  />
                  <Field
                    label={t("fields.label")}
                    name={`prizes.${i}.label`}
                    value={p.label}
                    onChange={(e) => setPrize(i, { label: e.target.value })}
                    maxLength={80}
                    required
                    hint={t("fields.labelHint")}
                    error={f("label")}
                  />
                  {p.kind === "points" ? (
                    <Field
                      label={t("fields.points")}
                      name={`prizes.${i}.points`}
                      type="number"
                      inputMode="numeric"
                      min={1}
                      step={1}
                      required
                      value={p.points}
                      onChange={(e) => setPrize(i, { points: e.target.value })}
                      error={f("points")}
                    />
                  ) : p.kind === "reward" ? (
                    <SelectField
                      label={t("fields.reward")}
                      name={`prizes.${i}.rewardId`}
                      value={p.rewardId}
                      onChange={(e) => setPrize(i, { rewardId: e.target.value })}
                      options={[{ value: "", label: t("fields.chooseReward") }, ...rewards.map((r) => ({ value: r.id, label: r.title }))]}
                      hint={t("fields.rewardHint")}
                      error={f("rewardId")}
                    />
                  ) : p.kind === "streak_freeze" ? (
                    <Field
                      label={t("fields.freezeValue")}
                      name={`prizes.${i}.freezeValue`}
                      type="number"
                      inputMode="numeric"
                      min={0}
                      step={1}
                      value={p.freezeValue}
                      onChange={(e) => setPrize(i, { freezeValue: e.target.value })}
                      hint={t("fields.freezeValueHint")}
                      error={f("freezeValue")}
                    />
                  ) : null}
                  <Field
                    label={t("fields.weight")}
                    name={`prizes.${i}.weight`}
                    type="number"
                    inputMode="numeric"
                    min={1}
                    step={1}
                    required
                    value={p.weight}
                    onChange={(e) => setPrize(i, { weight: e.target.value })}
                    hint={t("fields.weightHint")}
                    error={f("weight")}
                  />
                </div>
                {v.prizes.length > 1 ? (
                  <Button
                    type="button"
                    variant="secondary"
                    className="self-start"
                    onClick={() => set({ prizes: v.prizes.filter((_, j) => j !== i) }, ["prizes"])}
                  >
                    {t("removePrize")}
                    <span className="sr-only"> {t("prizeN", { n: i + 1 })}</span>
                  </Button>
                ) : null}
              </li>
            );
          })}
        </ol>
        {v.prizes.length < MAX_PRIZES ? (
          <Button
            type="button"
            variant="secondary"
            className="self-start"
            onClick={() => set({ prizes: [...v.prizes, blankPrize()] }, ["prizes"])}
          >
            {t("addPrize")}
          </Button>
        ) : (
          <p className="text-sm text-stone-700">{t("maxPrizes", { count: MAX_PRIZES })}</p>
        )}
        <OddsPreview prizes={v.prizes} odds={odds} pityAfter={pityOn ? Number(v.pityAfter) : null} />
      </Group>

      <Group title={t("groups.limits")} hint={t("groups.limitsHint")}>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            label={t("fields.dailyBudget")}
            name="dailyBudget"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            required
            value={v.dailyBudget}
            onChange={(e) => set({ dailyBudget: e.target.value })}
            hint={t("fields.dailyBudgetHint")}
            error={err("dailyBudget")}
          />
          <Field
            label={t("fields.totalBudget")}
            name="totalBudget"
            type="number"
            inputMode="numeric"
            min={0}
            step={1}
            required
            value={v.totalBudget}
            onChange={(e) => set({ totalBudget: e.target.value })}
            hint={table ? t("fields.totalBudgetHintSpent", { spent: table.spentTotal }) : t("fields.totalBudgetHint")}
            error={err("totalBudget")}
          />
        </div>
        <Field
          label={t("fields.pityAfter")}
          name="pityAfter"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={v.pityAfter}
          onChange={(e) => set({ pityAfter: e.target.value })}
          hint={t("fields.pityAfterHint")}
          error={err("pityAfter")}
        />
      </Group>

      <div className="flex flex-col gap-2 sm:flex-row">
        <Button type="submit" disabled={busy}>
          {busy ? root("common.saving") : table ? root("common.save") : t("create")}
        </Button>
        <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
          {root("common.cancel")}
        </Button>
      </div>
    </form>
  );
}

/** What members will read on the odds page, recomputed as staff type. */
function OddsPreview({
  prizes,
  odds,
  pityAfter,
}: {
  prizes: PrizeValues[];
  odds: { odds: number; pityOdds: number }[];
  pityAfter: number | null;
}) {
  const t = useTranslations("surprisesStaff");
  const tp = useTranslations("surprises");
  const format = useFormatter();
  const percent = (x: number) => format.number(x, { style: "percent", maximumFractionDigits: 1 });
  const pity = pityAfter !== null && Number.isInteger(pityAfter) && pityAfter > 0;
  return (
    <section aria-label={t("preview")} className="flex flex-col gap-2 rounded-xl bg-stone-100 p-3" data-testid="odds-preview">
      <h3 className="font-semibold">{t("preview")}</h3>
      <table className="w-full text-left text-sm">
        <thead>
          <tr className="text-stone-700">
            <th scope="col" className="py-1 pr-2 font-semibold">
              {t("previewPrize")}
            </th>
            <th scope="col" className="py-1 pr-2 text-right font-semibold">
              {t("previewOdds")}
            </th>
            {pity ? (
              <th scope="col" className="py-1 text-right font-semibold">
                {t("previewPity")}
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {prizes.map((p, i) => (
            <tr key={p.key} className="border-t border-stone-300">
              <td className="py-1 pr-2 break-words">{p.label.trim() || t(`prizeKinds.${p.kind}`)}</td>
              <td className="py-1 pr-2 text-right tabular-nums">{percent(odds[i]?.odds ?? 0)}</td>
              {pity ? <td className="py-1 text-right tabular-nums">{percent(odds[i]?.pityOdds ?? 0)}</td> : null}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-sm text-stone-800">{pity ? tp("pity", { count: pityAfter ?? 0 }) : tp("pityOff")}</p>
    </section>
  );
}

function Group({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-4">
      <h3 id={id} className="text-lg font-bold">
        {title}
      </h3>
      {hint ? <p className="-mt-2 text-sm text-stone-700">{hint}</p> : null}
      {children}
    </section>
  );
}
