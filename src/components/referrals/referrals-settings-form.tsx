"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { QUALIFYING_ACTIONS, type QualifyingAction, referralSettingsSchema } from "@/lib/validation/referrals";
import { useTRPC } from "@/trpc/react";
import { knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, SelectField, TextAreaField } from "../ui/field";
import type { ReferralSettings } from "./types";

const NUMBERS = ["friendPoints", "referrerPoints", "cookieDays", "holdDays", "velocityPerHour", "sameSourceLimit"] as const;
type NumberName = (typeof NUMBERS)[number];
const SHOWN = [...NUMBERS, "qualifyingAction", "milestones", "extraDisposableDomains", "welcomeText", "enabled"] as const;

interface Values {
  enabled: boolean;
  numbers: Record<NumberName, string>;
  qualifyingAction: QualifyingAction;
  milestones: { key: number; count: string; points: string }[];
  domains: string;
  welcomeText: string;
}

let rowKey = 0;
const toValues = (s: ReferralSettings): Values => ({
  enabled: s.enabled,
  numbers: Object.fromEntries(NUMBERS.map((n) => [n, String(s[n])])) as Record<NumberName, string>,
  qualifyingAction: s.qualifyingAction,
  milestones: s.milestones.map((m) => ({ key: ++rowKey, count: String(m.count), points: String(m.points) })),
  domains: s.extraDisposableDomains.join("\n"),
  welcomeText: s.welcomeText,
});
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const MAX_MILESTONES = 10;

/** Amounts, the qualifying action and the fraud rules of referrals; admins only. */
export function ReferralsSettingsForm({ brandSlug, initial }: { brandSlug: string; initial: ReferralSettings }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.referrals.configure.mutationOptions());
  const [values, setValues] = useState<Values>(() => toValues(initial));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [saved, setSaved] = useState(false);
  const enabledId = useId();
  const tr = (key: string | undefined) => (key ? t(knownKey(t.has, key) as never) : undefined);

  function settings() {
    return {
      enabled: values.enabled,
      ...(Object.fromEntries(NUMBERS.map((n) => [n, num(values.numbers[n])])) as Record<NumberName, number>),
      qualifyingAction: values.qualifyingAction,
      milestones: values.milestones.map((m) => ({ count: num(m.count), points: num(m.points) })),
      extraDisposableDomains: values.domains
        .split(/[\s,;]+/)
        .map((d) => d.trim())
        .filter(Boolean),
      welcomeText: values.welcomeText,
    };
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setSaved(false);
    const checked = referralSettingsSchema.safeParse(settings());
    if (!checked.success) {
      // The first segment names the field; milestone rows and domain lines are shown on their box.
      const found: Record<string, string> = {};
      for (const issue of checked.error.issues) found[String(issue.path[0] ?? "form")] ??= issue.message;
      setFields(found);
      setAlert("form.invalid");
      return;
    }
    setFields({});
    try {
      const stored = await save.mutateAsync({ brandSlug, settings: checked.data });
      setValues(toValues(stored));
      setSaved(true);
      void queryClient.invalidateQueries(trpc.referrals.settings.pathFilter());
    } catch (err) {
      const shown = splitError(err, SHOWN);
      setFields(shown.fields);
      setAlert(shown.alert ?? "form.invalid");
    }
  }

  const numberField = (name: NumberName) => (
    <Field
      key={name}
      label={t(`referralsStaff.settings.${name}`)}
      hint={t(`referralsStaff.settings.${name}Hint`)}
      name={name}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={values.numbers[name]}
      onChange={(e) => setValues((v) => ({ ...v, numbers: { ...v.numbers, [name]: e.target.value } }))}
      error={tr(fields[name])}
    />
  );

  const setMilestone = (key: number, patch: Partial<{ count: string; points: string }>) =>
    setValues((v) => ({ ...v, milestones: v.milestones.map((m) => (m.key === key ? { ...m, ...patch } : m)) }));

  return (
    <section aria-labelledby="referral-settings-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="referral-settings-title" className="text-lg font-bold">
        {t("referralsStaff.settings.title")}
      </h2>
      <p className="text-stone-700">{t("referralsStaff.settings.intro")}</p>
      <form onSubmit={submit} noValidate className="flex flex-col gap-5" aria-busy={save.isPending} data-testid="referral-settings">
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <div className="flex items-start gap-3">
          <input
            id={enabledId}
            type="checkbox"
            name="enabled"
            checked={values.enabled}
            onChange={(e) => setValues((v) => ({ ...v, enabled: e.target.checked }))}
            className="mt-1 size-5 accent-brand-700"
          />
          <label htmlFor={enabledId} className="flex flex-col">
            <span className="font-semibold">{t("referralsStaff.settings.enabled")}</span>
            <span className="text-sm text-stone-700">{t("referralsStaff.settings.enabledHint")}</span>
          </label>
        </div>
        <fieldset className="flex min-w-0 flex-col gap-3">
          <legend className="mb-2 font-semibold">{t("referralsStaff.settings.rewards")}</legend>
          {numberField("friendPoints")}
          {numberField("referrerPoints")}
          <SelectField
            label={t("referralsStaff.settings.qualifyingAction")}
            hint={t("referralsStaff.settings.qualifyingActionHint")}
            name="qualifyingAction"
            value={values.qualifyingAction}
            onChange={(e) => setValues((v) => ({ ...v, qualifyingAction: e.target.value as QualifyingAction }))}
            options={QUALIFYING_ACTIONS.map((a) => ({ value: a, label: t(`referralsStaff.settings.actions.${a}`) }))}
            error={tr(fields.qualifyingAction)}
          />
          <TextAreaField
            label={t("referralsStaff.settings.welcomeText")}
            hint={t("referralsStaff.settings.welcomeTextHint")}
            name="welcomeText"
            maxLength={280}
            value={values.welcomeText}
            onChange={(e) => setValues((v) => ({ ...v, welcomeText: e.target.value }))}
            error={tr(fields.welcomeText)}
          />
        </fieldset>
        <fieldset className="flex min-w-0 flex-col gap-3" aria-describedby="milestones-hint">
          <legend className="mb-2 font-semibold">{t("referralsStaff.settings.milestones")}</legend>
          <p id="milestones-hint" className="text-sm text-stone-700">
            {t("referralsStaff.settings.milestonesHint")}
          </p>
          {fields.milestones ? (
            <p className="text-sm font-medium text-red-700" data-field-error="milestones">
              {tr(fields.milestones)}
            </p>
          ) : null}
          <ol className="flex flex-col gap-3">
            {values.milestones.map((m, i) => (
              <li key={m.key} className="grid grid-cols-[1fr_1fr_auto] items-end gap-2" data-testid="milestone-row">
                <Field
                  label={t("referralsStaff.settings.milestoneCount", { n: i + 1 })}
                  name={`milestone-${i}-count`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  value={m.count}
                  onChange={(e) => setMilestone(m.key, { count: e.target.value })}
                />
                <Field
                  label={t("referralsStaff.settings.milestonePoints", { n: i + 1 })}
                  name={`milestone-${i}-points`}
                  type="number"
                  inputMode="numeric"
                  min={1}
                  step={1}
                  value={m.points}
                  onChange={(e) => setMilestone(m.key, { points: e.target.value })}
                />
                <Button
                  type="button"
                  variant="secondary"
                  onClick={() => setValues((v) => ({ ...v, milestones: v.milestones.filter((x) => x.key !== m.key) }))}
                >
                  {t("referralsStaff.settings.removeMilestone")}
                  <span className="sr-only"> {i + 1}</span>
                </Button>
              </li>
            ))}
          </ol>
          {values.milestones.length < MAX_MILESTONES ? (
            <Button
              type="button"
              variant="secondary"
              className="self-start"
              onClick={() => setValues((v) => ({ ...v, milestones: [...v.milestones, { key: ++rowKey, count: "", points: "" }] }))}
            >
              {t("referralsStaff.settings.addMilestone")}
            </Button>
          ) : null}
        </fieldset>
        <fieldset className="flex min-w-0 flex-col gap-3">
          <legend className="mb-2 font-semibold">{t("referralsStaff.settings.fraud")}</legend>
          {numberField("cookieDays")}
          {numberField("holdDays")}
          {numberField("sameSourceLimit")}
          {numberField("velocityPerHour")}
          <TextAreaField
            label={t("referralsStaff.settings.extraDisposableDomains")}
            hint={t("referralsStaff.settings.extraDisposableDomainsHint")}
            name="extraDisposableDomains"
            rows={4}
            value={values.domains}
            onChange={(e) => setValues((v) => ({ ...v, domains: e.target.value }))}
            error={tr(fields.extraDisposableDomains)}
          />
        </fieldset>
        <Button type="submit" disabled={save.isPending} className="self-start" data-testid="referral-settings-save">
          {save.isPending ? t("common.saving") : t("common.save")}
        </Button>
        <p role="status" className="text-sm font-semibold text-brand-900">
          {saved ? t("referralsStaff.settings.saved") : null}
        </p>
      </form>
    </section>
  );
}
