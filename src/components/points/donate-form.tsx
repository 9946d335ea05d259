"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { handleInput, points } from "@/lib/validation/points";
import { useTRPC } from "@/trpc/react";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { ConfirmActions, Dialog } from "../ui/dialog";
import { Field } from "../ui/field";
import { knownKey, splitError } from "./errors";
import { useIdempotencyKey } from "./idempotency";

type Target = "member" | "cause";
type Pending = { target: Target; handle: string; amount: number };

/** Give points to another member (by handle) or to the brand's cause, after a confirmation. */
export function DonateForm({ brandSlug, available, causeName }: { brandSlug: string; available: number; causeName: string }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const radioName = useId();
  const idem = useIdempotencyKey();
  const donate = useMutation(trpc.points.donate.mutationOptions());
  const [target, setTarget] = useState<Target>("member");
  const [handle, setHandle] = useState("");
  const [amount, setAmount] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [done, setDone] = useState<string>();
  const [confirm, setConfirm] = useState<Pending | null>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const cause = causeName || t("donate.causeFallback");

  function review(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    setDone(undefined);
    const errors: Record<string, string> = {};
    const n = amount.trim() === "" ? Number.NaN : Number(amount);
    const checkedAmount = points.safeParse(n);
    if (!checkedAmount.success) errors.amount = "points.badAmount";
    else if (n > available) errors.amount = "points.insufficient";
    let cleanHandle = "";
    if (target === "member") {
      const checkedHandle = handleInput.safeParse(handle);
      if (!checkedHandle.success) errors.toHandle = handle.trim() ? "points.memberNotFound" : "donate.handleRequired";
      else cleanHandle = checkedHandle.data;
    }
    setFields(errors);
    if (Object.keys(errors).length > 0) return;
    setConfirm({ target, handle: cleanHandle, amount: n });
  }

  async function give(p: Pending) {
    const key = idem.keyFor(p);
    try {
      await donate.mutateAsync(
        p.target === "member"
          ? { brandSlug, toHandle: p.handle, amount: p.amount, idempotencyKey: key }
          : { brandSlug, toCause: true, amount: p.amount, idempotencyKey: key },
      );
    } catch (err) {
      const shown = splitError(err, ["toHandle", "amount"], { handle: "toHandle" });
      setFields(shown.fields);
      setAlert(shown.alert);
      setConfirm(null);
      return;
    }
    idem.done();
    setConfirm(null);
    setFields({});
    setAmount("");
    setDone(
      p.target === "member"
        ? t("donate.sentMember", { count: p.amount, name: `@${p.handle}` })
        : t("donate.sentCause", { count: p.amount, name: cause }),
    );
    void queryClient.invalidateQueries(trpc.points.pathFilter());
    void queryClient.invalidateQueries(trpc.rewards.list.pathFilter());
  }

  return (
    <section aria-labelledby="donate-title" className="flex flex-col gap-3">
      <h2 id="donate-title" className="text-lg font-bold">
        {t("donate.title")}
      </h2>
      <p className="text-stone-700">{t("donate.intro")}</p>
      <form
        onSubmit={review}
        noValidate
        className="flex flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-4"
        aria-busy={donate.isPending}
      >
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        {done ? <Alert tone="info">{done}</Alert> : null}
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-stone-800">{t("donate.to")}</legend>
          {(["member", "cause"] as const).map((value) => (
            <label
              key={value}
              className="flex min-h-11 cursor-pointer items-center gap-3 rounded-lg border border-stone-300 px-3 has-[:checked]:border-brand-600 has-[:checked]:bg-brand-50"
            >
              <input
                type="radio"
                name={radioName}
                value={value}
                checked={target === value}
                onChange={() => setTarget(value)}
                className="size-5 accent-brand-700"
              />
              {value === "member" ? (
                <span>{t("donate.toMember")}</span>
              ) : (
                <span className="flex flex-col">
                  {t("donate.toCause")}
                  {causeName ? <span className="text-sm text-stone-700">{causeName}</span> : null}
                </span>
              )}
            </label>
          ))}
        </fieldset>
        {target === "member" ? (
          <Field
            label={t("donate.handle")}
            name="toHandle"
            value={handle}
            onChange={(e) => setHandle(e.target.value)}
            autoComplete="off"
            autoCapitalize="none"
            spellCheck={false}
            hint={t("donate.handleHint")}
            error={fields.toHandle ? tr(fields.toHandle) : undefined}
          />
        ) : null}
        <Field
          label={t("donate.amount")}
          name="amount"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={amount}
          onChange={(e) => setAmount(e.target.value)}
          hint={t("donate.amountHint", { count: available })}
          error={fields.amount ? tr(fields.amount) : undefined}
        />
        <Button type="submit" disabled={donate.isPending}>
          {t("donate.review")}
        </Button>
      </form>
      <Dialog
        open={confirm !== null}
        onClose={() => !donate.isPending && setConfirm(null)}
        title={t("donate.confirmTitle")}
        testId="donate-dialog"
      >
        {confirm ? (
          <>
            <p>
              {confirm.target === "member"
                ? t("donate.confirmMember", { count: confirm.amount, name: `@${confirm.handle}` })
                : t("donate.confirmCause", { count: confirm.amount, name: cause })}
            </p>
            <p className="text-stone-700">{t("rewards.remaining", { count: available - confirm.amount })}</p>
            <ConfirmActions
              confirmLabel={donate.isPending ? t("donate.sending") : t("donate.confirm")}
              cancelLabel={t("common.cancel")}
              busy={donate.isPending}
              onConfirm={() => void give(confirm)}
              onCancel={() => setConfirm(null)}
            />
          </>
        ) : null}
      </Dialog>
    </section>
  );
}
