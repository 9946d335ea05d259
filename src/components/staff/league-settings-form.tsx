"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useRef, useState } from "react";
import { leagueConfigInput } from "@/lib/validation/boards";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field } from "../ui/field";
import { useBoardsErrorText } from "./boards-staff-errors";

export interface LeagueSettings {
  cohortSize: number;
  promote: number;
  demote: number;
  prizes: number[];
  divisions: string[];
}

interface Item {
  key: number;
  value: string;
}

const MAX_ITEMS = 10;
const FIELDS = ["cohortSize", "promote", "demote", "prizes", "divisions"];
const FALLBACK = {
  cohortSize: "leagues.badSize",
  promote: "leagues.badZone",
  demote: "leagues.badZone",
  prizes: "leagues.badPrize",
  divisions: "leagues.badDivision",
};
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
/** A new place suggests half the prize of the place above it. */
const nextPrize = (above: string | undefined) => {
  const n = num(above ?? "");
  return Number.isFinite(n) && n > 1 ? Math.floor(n / 2) : 0;
};

/** Cohort size, zones, prizes and division names of the weekly leagues; admins edit, moderators read. */
export function LeagueSettingsForm({ brandSlug, initial, canEdit }: { brandSlug: string; initial: LeagueSettings; canEdit: boolean }) {
  const t = useTranslations("boardsStaff.leagues");
  const te = useTranslations("boardsStaff.errors");
  const errorText = useBoardsErrorText();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const save = useMutation(trpc.leagues.configure.mutationOptions());
  const nextKey = useRef(0);
  const items = (values: ReadonlyArray<string | number>) => values.map((v) => ({ key: nextKey.current++, value: String(v) }));
  const [cohortSize, setCohortSize] = useState(String(initial.cohortSize));
  const [promote, setPromote] = useState(String(initial.promote));
  const [demote, setDemote] = useState(String(initial.demote));
  const [prizes, setPrizes] = useState<Item[]>(() => items(initial.prizes));
  const [divisions, setDivisions] = useState<Item[]>(() => items(initial.divisions));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [status, setStatus] = useState<string>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setStatus(undefined);
    const checked = leagueConfigInput.safeParse({
      cohortSize: num(cohortSize),
      promote: num(promote),
      demote: num(demote),
      prizes: prizes.map((p) => num(p.value)),
      divisions: divisions.map((d) => d.value),
    });
    if (!checked.success) {
      setFields(issuesToFields(checked.error.issues, FALLBACK));
      setAlert("form.invalid");
      return;
    }
    setFields({});
    try {
      await save.mutateAsync({ brandSlug, ...checked.data });
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert ?? "form.invalid");
      return;
    }
    // Show what was stored: trimmed names, plain numbers.
    setCohortSize(String(checked.data.cohortSize));
    setPromote(String(checked.data.promote));
    setDemote(String(checked.data.demote));
    setPrizes(items(checked.data.prizes));
    setDivisions(items(checked.data.divisions));
    setStatus(t("saved"));
    void queryClient.invalidateQueries(trpc.leagues.pathFilter());
  }

  const err = (name: string) => (fields[name] ? errorText(fields[name]) : undefined);
  // One entry of a list says what that entry needs; the list's own message covers the list as a whole.
  const itemErr = (list: "prizes" | "divisions", i: number) =>
    fields[`${list}.${i}`] ? te(list === "prizes" ? "prizeItem" : "divisionItem") : undefined;
  // Moderators read the settings: the disabled fieldset greys the inputs.
  const look = "disabled:bg-stone-100 disabled:text-stone-800";
  const number = { type: "number", inputMode: "numeric", step: 1, min: 0, className: look } as const;
  const listError = (name: string) =>
    fields[name] ? (
      <p className="text-sm font-medium text-red-700" data-field-error={name} id={`${name}-error`}>
        {errorText(fields[name])}
      </p>
    ) : null;

  return (
    <section aria-labelledby="leagues-title" className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id="leagues-title" className="text-lg font-bold">
        {t("title")}
      </h2>
      <p className="text-stone-700">{t("body")}</p>
      {canEdit ? null : <p className="rounded-lg bg-stone-100 px-3 py-2 text-sm font-medium text-stone-800">{t("adminOnly")}</p>}
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={save.isPending} data-testid="league-form">
        {alert ? <Alert>{errorText(alert)}</Alert> : null}
        <fieldset disabled={!canEdit} className="flex min-w-0 flex-col gap-4">
          <div className="grid gap-3 sm:grid-cols-3">
            <Field
              label={t("cohortSize")}
              name="cohortSize"
              {...number}
              min={2}
              max={100}
              value={cohortSize}
              onChange={(e) => setCohortSize(e.target.value)}
              hint={t("cohortSizeHint")}
              error={err("cohortSize")}
            />
            <Field
              label={t("promote")}
              name="promote"
              {...number}
              max={99}
              value={promote}
              onChange={(e) => setPromote(e.target.value)}
              hint={t("promoteHint")}
              error={err("promote")}
            />
            <Field
              label={t("demote")}
              name="demote"
              {...number}
              max={99}
              value={demote}
              onChange={(e) => setDemote(e.target.value)}
              hint={t("demoteHint")}
              error={err("demote")}
            />
          </div>

          <fieldset
            className="flex min-w-0 flex-col gap-2 rounded-xl border border-stone-300 p-3"
            aria-describedby={fields.prizes ? "prizes-error" : "prizes-hint"}
            data-testid="prizes"
          >
            <legend className="px-1 font-semibold">{t("prizes")}</legend>
            <p id="prizes-hint" className="text-sm text-stone-700">
              {t("prizesHint")}
            </p>
            {listError("prizes")}
            {prizes.length === 0 ? <p className="text-sm text-stone-700">{t("noPrizes")}</p> : null}
            <ol className="flex flex-col gap-2">
              {prizes.map((prize, i) => (
                <li key={prize.key} className="flex items-start gap-2">
                  <div className="min-w-0 flex-1">
                    <Field
                      label={t("prize", { place: i + 1 })}
                      name={`prizes.${i}`}
                      {...number}
                      max={100_000}
                      value={prize.value}
                      onChange={(e) => setPrizes((old) => old.map((p) => (p.key === prize.key ? { ...p, value: e.target.value } : p)))}
                      error={itemErr("prizes", i)}
                    />
                  </div>
                  {canEdit ? (
                    <RemoveButton
                      label={t("removePrize", { place: i + 1 })}
                      onClick={() => setPrizes((old) => old.filter((p) => p.key !== prize.key))}
                    />
                  ) : null}
                </li>
              ))}
            </ol>
            {canEdit ? (
              <Button
                type="button"
                variant="secondary"
                className="sm:self-start"
                disabled={prizes.length >= MAX_ITEMS}
                onClick={() => setPrizes((old) => [...old, ...items([nextPrize(old.at(-1)?.value)])])}
              >
                {t("addPrize")}
              </Button>
            ) : null}
          </fieldset>

          <fieldset
            className="flex min-w-0 flex-col gap-2 rounded-xl border border-stone-300 p-3"
            aria-describedby={fields.divisions ? "divisions-error" : "divisions-hint"}
            data-testid="divisions"
          >
            <legend className="px-1 font-semibold">{t("divisions")}</legend>
            <p id="divisions-hint" className="text-sm text-stone-700">
              {t("divisionsHint")}
            </p>
            {listError("divisions")}
            <ol className="flex flex-col gap-2">
              {divisions.map((division, i) => {
                const label =
                  divisions.length > 1 && i === 0
                    ? t("lowest", { number: i + 1 })
                    : divisions.length > 1 && i === divisions.length - 1
                      ? t("highest", { number: i + 1 })
                      : t("division", { number: i + 1 });
                return (
                  <li key={division.key} className="flex items-start gap-2">
                    <div className="min-w-0 flex-1">
                      <Field
                        label={label}
                        name={`divisions.${i}`}
                        maxLength={40}
                        className={look}
                        value={division.value}
                        onChange={(e) =>
                          setDivisions((old) => old.map((d) => (d.key === division.key ? { ...d, value: e.target.value } : d)))
                        }
                        error={itemErr("divisions", i)}
                      />
                    </div>
                    {canEdit ? (
                      <RemoveButton
                        label={t("removeDivision", { number: i + 1 })}
                        disabled={divisions.length <= 1}
                        onClick={() => setDivisions((old) => old.filter((d) => d.key !== division.key))}
                      />
                    ) : null}
                  </li>
                );
              })}
            </ol>
            {canEdit ? (
              <Button
                type="button"
                variant="secondary"
                className="sm:self-start"
                disabled={divisions.length >= MAX_ITEMS}
                onClick={() => setDivisions((old) => [...old, ...items([""])])}
              >
                {t("addDivision")}
              </Button>
            ) : null}
          </fieldset>
        </fieldset>
        {status ? <Alert tone="info">{status}</Alert> : null}
        {canEdit ? (
          <Button type="submit" disabled={save.isPending} className="sm:self-start">
            {t("save")}
          </Button>
        ) : null}
      </form>
    </section>
  );
}

/** A square "×" button whose accessible name says what it removes. */
function RemoveButton({ label, onClick, disabled }: { label: string; onClick: () => void; disabled?: boolean }) {
  return (
    <Button
      type="button"
      variant="secondary"
      className="mt-6 w-11 shrink-0 px-0"
      onClick={onClick}
      disabled={disabled}
      aria-label={label}
      title={label}
    >
      <span aria-hidden="true">×</span>
    </Button>
  );
}
