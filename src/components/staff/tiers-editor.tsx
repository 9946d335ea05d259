"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { tiersInput } from "@/lib/validation/points";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import type { Tier } from "../points/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextAreaField } from "../ui/field";

interface Row {
  key: number;
  name: string;
  threshold: string;
  multiplier: string;
  perks: string;
}

const FALLBACK: Record<string, string> = {
  name: "tiers.nameRequired",
  threshold: "tiers.badThreshold",
  multiplier: "tiers.badMultiplier",
  perks: "tiers.perksTooLong",
};
const MAX_TIERS = 10;
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** The ordered tier table: names, thresholds, multipliers and perks, saved as a whole. */
export function TiersEditor({ brandSlug, initial }: { brandSlug: string; initial: Tier[] }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.tiers.update.mutationOptions());
  const nextKey = useRef(initial.length);
  const [rows, setRows] = useState<Row[]>(() =>
    initial.map((tier, i) => ({
      key: i,
      name: tier.name,
      threshold: String(tier.threshold),
      multiplier: String(tier.multiplierBp / 100),
      perks: tier.perks,
    })),
  );
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [status, setStatus] = useState<string>();
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const update = (key: number, patch: Partial<Row>) => setRows((old) => old.map((r) => (r.key === key ? { ...r, ...patch } : r)));

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setStatus(undefined);
    const input = rows.map((r) => ({ name: r.name, threshold: num(r.threshold), multiplier: num(r.multiplier), perks: r.perks }));
    const checked = tiersInput.safeParse(input);
    if (!checked.success) {
      const errors = issuesToFields(checked.error.issues, FALLBACK);
      setFields(errors);
      setAlert(errors.form ?? "form.invalid");
      return;
    }
    setFields({});
    try {
      await save.mutateAsync({ brandSlug, tiers: checked.data });
    } catch (err) {
      setAlert(splitError(err, []).alert);
      return;
    }
    setStatus(t("staffTiers.saved"));
    void queryClient.invalidateQueries(trpc.tiers.pathFilter());
    void queryClient.invalidateQueries(trpc.points.pathFilter());
  }

  const err = (i: number, name: string) => (fields[`${i}.${name}`] ? tr(fields[`${i}.${name}`] ?? "") : undefined);
  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={save.isPending}>
      {alert ? <Alert>{tr(alert)}</Alert> : null}
      {status ? <Alert tone="info">{status}</Alert> : null}
      <p className="text-stone-700">{t("staffTiers.rules")}</p>
      <ol className="flex flex-col gap-3">
        {rows.map((row, i) => (
          <li key={row.key}>
            <fieldset className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4" data-testid="tier-editor-row">
              <legend className="rounded bg-white px-1 text-base font-bold">{t("staffTiers.tier", { count: i + 1 })}</legend>
              <Field
                label={t("staffTiers.name")}
                name={`tiers.${i}.name`}
                value={row.name}
                maxLength={40}
                required
                onChange={(e) => update(row.key, { name: e.target.value })}
                error={err(i, "name")}
              />
              <div className="grid grid-cols-2 gap-3">
                <Field
                  label={t("staffTiers.threshold")}
                  name={`tiers.${i}.threshold`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  step={1}
                  value={row.threshold}
                  onChange={(e) => update(row.key, { threshold: e.target.value })}
                  error={err(i, "threshold")}
                />
                <Field
                  label={t("staffTiers.multiplier")}
                  name={`tiers.${i}.multiplier`}
                  type="number"
                  inputMode="decimal"
                  min={1}
                  max={5}
                  step={0.05}
                  value={row.multiplier}
                  onChange={(e) => update(row.key, { multiplier: e.target.value })}
                  error={err(i, "multiplier")}
                />
              </div>
              <TextAreaField
                label={t("staffTiers.perks")}
                name={`tiers.${i}.perks`}
                value={row.perks}
                rows={2}
                maxLength={500}
                onChange={(e) => update(row.key, { perks: e.target.value })}
                error={err(i, "perks")}
              />
              <Button
                type="button"
                variant="secondary"
                className="self-start"
                disabled={rows.length <= 1}
                onClick={() => setRows((old) => old.filter((r) => r.key !== row.key))}
              >
                {t("staffTiers.remove", { count: i + 1 })}
              </Button>
            </fieldset>
          </li>
        ))}
      </ol>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          type="button"
          variant="secondary"
          disabled={rows.length >= MAX_TIERS}
          onClick={() => {
            const last = rows.at(-1);
            const threshold = last ? num(last.threshold) + 1000 : 0;
            setRows((old) => [
              ...old,
              {
                key: nextKey.current++,
                name: "",
                threshold: Number.isFinite(threshold) ? String(threshold) : "",
                multiplier: last?.multiplier ?? "1",
                perks: "",
              },
            ]);
          }}
        >
          {t("staffTiers.add")}
        </Button>
        <Button type="submit" disabled={save.isPending}>
          {save.isPending ? t("common.saving") : t("staffTiers.save")}
        </Button>
      </div>
    </form>
  );
}
