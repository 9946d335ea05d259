"use client";

import { useMutation } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { adjustInput, awardInput } from "@/lib/validation/points";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { useIdempotencyKey } from "../points/idempotency";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, TextAreaField } from "../ui/field";

type Mode = "award" | "adjust";
interface Outcome {
  handle: string;
  amount: number;
  before: number;
  after: number;
  replayed: boolean;
}

const FIELDS = ["handle", "amount", "reason"];
const FALLBACK = { handle: "points.memberNotFound", amount: "points.badAmount", reason: "points.reasonRequired" };

/** Award (moderators) or adjust (admins) a member's points by handle, showing the balance before and after. */
export function PointsTool({ brandSlug, mode }: { brandSlug: string; mode: Mode }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const award = useMutation(trpc.points.award.mutationOptions());
  const adjust = useMutation(trpc.points.adjust.mutationOptions());
  const idem = useIdempotencyKey();
  const [handle, setHandle] = useState("");
  const [amount, setAmount] = useState("");
  const [reason, setReason] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const busy = award.isPending || adjust.isPending;
  const id = `${mode}-title`;

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setOutcome(null);
    const draft = { handle, amount: amount.trim() === "" ? Number.NaN : Number(amount), reason, idempotencyKey: "placeholder-key" };
    const checked = (mode === "award" ? awardInput : adjustInput).safeParse(draft);
    if (!checked.success) {
      setFields(issuesToFields(checked.error.issues, FALLBACK));
      return;
    }
    setFields({});
    const { handle: cleanHandle, amount: n, reason: cleanReason } = checked.data;
    const idempotencyKey = idem.keyFor({ mode, handle: cleanHandle, n, cleanReason });
    try {
      if (mode === "award") {
        const r = await award.mutateAsync({ brandSlug, handle: cleanHandle, amount: n, reason: cleanReason, idempotencyKey });
        const credited = r.entry.state === "vested" ? r.entry.amount : 0;
        setOutcome({
          handle: cleanHandle,
          amount: r.entry.amount,
          before: r.balance.available - credited,
          after: r.balance.available,
          replayed: r.replayed,
        });
      } else {
        const r = await adjust.mutateAsync({ brandSlug, handle: cleanHandle, amount: n, reason: cleanReason, idempotencyKey });
        setOutcome({ handle: cleanHandle, amount: r.entry.amount, before: r.before, after: r.after, replayed: r.replayed });
      }
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert);
      return;
    }
    idem.done();
    setAmount("");
    setReason("");
  }

  return (
    <section
      aria-labelledby={id}
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid={`${mode}-tool`}
    >
      <h2 id={id} className="text-lg font-bold">
        {t(`staffPoints.${mode}.title`)}
      </h2>
      <p className="text-stone-700">{t(`staffPoints.${mode}.intro`)}</p>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <Field
          label={t("staffPoints.handle")}
          name="handle"
          value={handle}
          onChange={(e) => setHandle(e.target.value)}
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          required
          hint={t("donate.handleHint")}
          error={fields.handle ? tr(fields.handle) : undefined}
        />
        <Field
          label={t(`staffPoints.${mode}.amount`)}
          name="amount"
          type="number"
          inputMode={mode === "award" ? "numeric" : undefined}
          step={1}
          min={mode === "award" ? 1 : undefined}
          required
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          hint={t(`staffPoints.${mode}.amountHint`)}
          error={fields.amount ? tr(fields.amount) : undefined}
        />
        <TextAreaField
          label={t("staffPoints.reason")}
          name="reason"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          rows={2}
          required
          maxLength={300}
          hint={t("staffPoints.reasonHint")}
          error={fields.reason ? tr(fields.reason) : undefined}
        />
        <Button type="submit" disabled={busy}>
          {busy ? t("common.saving") : t(`staffPoints.${mode}.submit`)}
        </Button>
      </form>
      {outcome ? (
        <div
          role="status"
          className="flex flex-col gap-2 rounded-xl border border-brand-600 bg-brand-50 p-3 text-brand-900"
          data-testid={`${mode}-outcome`}
        >
          <p className="font-semibold">
            {outcome.replayed
              ? t("staffPoints.replayed")
              : t(outcome.amount >= 0 ? "staffPoints.added" : "staffPoints.removed", {
                  count: Math.abs(outcome.amount),
                  name: `@${outcome.handle}`,
                })}
          </p>
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt>{t("staffPoints.before")}</dt>
            <dd className="font-semibold tabular-nums" data-testid={`${mode}-before`}>
              {format.number(outcome.before)}
            </dd>
            <dt>{t("staffPoints.after")}</dt>
            <dd className="font-semibold tabular-nums" data-testid={`${mode}-after`}>
              {format.number(outcome.after)}
            </dd>
          </dl>
        </div>
      ) : null}
    </section>
  );
}
