"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import type { IdeaSettings } from "@/lib/ideas/types";
import { configureInput } from "@/lib/validation/ideas";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";

const FIELDS = [
  "premodDays",
  "premodBelowTier",
  "approvePoints",
  "plannedPoints",
  "shipAuthorPoints",
  "shipVoterPoints",
  "shipVoterCount",
] as const;
type Name = (typeof FIELDS)[number];
const FALLBACK: Record<Name, string> = {
  premodDays: "ideas.badDays",
  premodBelowTier: "ideas.badTier",
  approvePoints: "ideas.badPoints",
  plannedPoints: "ideas.badPoints",
  shipAuthorPoints: "ideas.badPoints",
  shipVoterPoints: "ideas.badPoints",
  shipVoterCount: "ideas.badVoterCount",
};
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** Who waits for pre-moderation and what ideas pay at each stage; admins only. */
export function IdeasSettingsForm({ brandSlug, initial }: { brandSlug: string; initial: IdeaSettings }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.ideas.configure.mutationOptions());
  const [values, setValues] = useState<Record<Name, string>>(
    () => Object.fromEntries(FIELDS.map((f) => [f, String(initial[f])])) as Record<Name, string>,
  );
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [saved, setSaved] = useState(false);
  const tr = (key: string | undefined) => (key ? t(knownKey(t.has, key) as never) : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setSaved(false);
    const checked = configureInput.safeParse(Object.fromEntries(FIELDS.map((f) => [f, num(values[f])])));
    if (!checked.success) {
      setFields(issuesToFields(checked.error.issues, FALLBACK));
      setAlert("form.invalid");
      return;
    }
    setFields({});
    try {
      const stored = await save.mutateAsync({ brandSlug, ...checked.data });
      setValues(Object.fromEntries(FIELDS.map((f) => [f, String(stored[f])])) as Record<Name, string>);
      setSaved(true);
      void queryClient.invalidateQueries(trpc.ideas.settings.pathFilter());
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert ?? "form.invalid");
    }
  }

  const field = (name: Name) => (
    <Field
      key={name}
      label={t(`ideasStaff.settings.${name}`)}
      hint={t(`ideasStaff.settings.${name}Hint`)}
      name={name}
      type="number"
      inputMode="numeric"
      min={0}
      step={1}
      value={values[name]}
      onChange={(e) => setValues((v) => ({ ...v, [name]: e.target.value }))}
      error={tr(fields[name])}
    />
  );

  return (
    <section aria-labelledby="ideas-settings-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="ideas-settings-title" className="text-lg font-bold">
        {t("ideasStaff.settings.title")}
      </h2>
      <p className="text-stone-700">{t("ideasStaff.settings.intro")}</p>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={save.isPending} data-testid="ideas-settings">
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <fieldset className="flex min-w-0 flex-col gap-3">
          <legend className="mb-2 font-semibold">{t("ideasStaff.settings.premod")}</legend>
          {field("premodDays")}
          {field("premodBelowTier")}
        </fieldset>
        <fieldset className="flex min-w-0 flex-col gap-3">
          <legend className="mb-2 font-semibold">{t("ideasStaff.settings.payoffs")}</legend>
          {field("approvePoints")}
          {field("plannedPoints")}
          {field("shipAuthorPoints")}
          {field("shipVoterPoints")}
          {field("shipVoterCount")}
        </fieldset>
        <Button type="submit" disabled={save.isPending} className="self-start">
          {save.isPending ? t("common.saving") : t("common.save")}
        </Button>
        <p role="status" className="text-sm font-semibold text-brand-900">
          {saved ? t("ideasStaff.settings.saved") : null}
        </p>
      </form>
    </section>
  );
}
