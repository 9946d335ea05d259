"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { rewardInput, rewardPatch } from "@/lib/validation/points";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import type { Reward } from "../points/types";
import { Alert } from "../ui/alert";
import { Button } from "../ui/button";
import { Field, SelectField, TextAreaField } from "../ui/field";

export const REWARD_KINDS = ["discount_code", "free_item", "experience", "donation"] as const;
const FIELDS = ["title", "description", "imageUrl", "cost", "stock", "perMemberLimit", "startsAt", "endsAt", "kind"];
const FALLBACK: Record<string, string> = {
  title: "rewards.titleRequired",
  description: "rewards.descriptionTooLong",
  imageUrl: "rewards.badImage",
  cost: "points.badAmount",
  stock: "rewards.badStock",
  perMemberLimit: "rewards.badLimit",
  startsAt: "rewards.badDate",
  endsAt: "rewards.badDate",
  kind: "rewards.badKind",
};

interface Values {
  title: string;
  description: string;
  imageUrl: string;
  cost: string;
  unlimited: boolean;
  stock: string;
  perMemberLimit: string;
  startsAt: string;
  endsAt: string;
  kind: string;
}

/** A Date as the browser-local "YYYY-MM-DDTHH:mm" a datetime-local input shows. */
function toLocalInput(d: Date | null): string {
  if (!d) return "";
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

function initial(reward: Reward | null): Values {
  return {
    title: reward?.title ?? "",
    description: reward?.description ?? "",
    imageUrl: reward?.imageUrl ?? "",
    cost: reward ? String(reward.cost) : "",
    unlimited: reward ? reward.stock === null : true,
    stock: reward?.stock != null ? String(reward.stock) : "",
    perMemberLimit: reward?.perMemberLimit != null ? String(reward.perMemberLimit) : "",
    startsAt: toLocalInput(reward?.startsAt ?? null),
    endsAt: toLocalInput(reward?.endsAt ?? null),
    kind: reward?.kind ?? "free_item",
  };
}

const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));

/** Creates a reward, or edits `reward` when given. */
export function RewardForm({
  brandSlug,
  reward,
  onSaved,
  onCancel,
}: {
  brandSlug: string;
  reward: Reward | null;
  onSaved: (title: string) => void;
  onCancel: () => void;
}) {
  const t = useTranslations();
  const trpc = useTRPC();
  const create = useMutation(trpc.rewards.create.mutationOptions());
  const update = useMutation(trpc.rewards.update.mutationOptions());
  const [v, setV] = useState<Values>(() => initial(reward));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const heading = useRef<HTMLHeadingElement>(null);
  const tr = (key: string) => t(knownKey(t.has, key) as never);
  const set = (patch: Partial<Values>) => setV((old) => ({ ...old, ...patch }));
  const busy = create.isPending || update.isPending;

  useEffect(() => {
    heading.current?.focus();
    heading.current?.scrollIntoView({ block: "start" });
  }, []);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    const input = {
      title: v.title,
      description: v.description,
      imageUrl: v.imageUrl,
      cost: num(v.cost),
      stock: v.unlimited ? null : num(v.stock),
      perMemberLimit: v.perMemberLimit.trim() === "" ? null : num(v.perMemberLimit),
      startsAt: v.startsAt ? new Date(v.startsAt) : null,
      endsAt: v.endsAt ? new Date(v.endsAt) : null,
      kind: v.kind as (typeof REWARD_KINDS)[number],
    };
    const checked = reward ? rewardPatch.safeParse(input) : rewardInput.safeParse(input);
    const errors = checked.success ? {} : issuesToFields(checked.error.issues, FALLBACK);
    if (!errors.endsAt && input.startsAt && input.endsAt && input.endsAt <= input.startsAt) errors.endsAt = "rewards.badWindow";
    setFields(errors);
    if (Object.keys(errors).length > 0 || !checked.success) {
      setAlert("form.invalid");
      return;
    }
    try {
      if (reward) await update.mutateAsync({ brandSlug, id: reward.id, patch: input });
      else await create.mutateAsync({ brandSlug, ...input });
    } catch (err) {
      const shown = splitError(err, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert ?? "form.invalid");
      return;
    }
    onSaved(input.title.trim());
  }

  const err = (name: string) => (fields[name] ? tr(fields[name]) : undefined);
  return (
    <section
      aria-labelledby="reward-form-title"
      className="flex flex-col gap-3 rounded-2xl border border-stone-300 bg-white p-4"
      data-testid="reward-form"
    >
      <h2 id="reward-form-title" ref={heading} tabIndex={-1} className="scroll-mt-4 text-lg font-bold focus:outline-none">
        {reward ? t("staffRewards.editTitle", { name: reward.title }) : t("staffRewards.newTitle")}
      </h2>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4" aria-busy={busy}>
        {alert ? <Alert>{tr(alert)}</Alert> : null}
        <Field
          label={t("staffRewards.fields.title")}
          name="title"
          value={v.title}
          onChange={(e) => set({ title: e.target.value })}
          maxLength={120}
          required
          error={err("title")}
        />
        <TextAreaField
          label={t("staffRewards.fields.description")}
          name="description"
          value={v.description}
          onChange={(e) => set({ description: e.target.value })}
          maxLength={2000}
          error={err("description")}
        />
        <Field
          label={t("staffRewards.fields.imageUrl")}
          name="imageUrl"
          type="url"
          inputMode="url"
          value={v.imageUrl}
          onChange={(e) => set({ imageUrl: e.target.value })}
          hint={t("staffRewards.fields.imageUrlHint")}
          error={err("imageUrl")}
        />
        <SelectField
          label={t("staffRewards.fields.kind")}
          name="kind"
          value={v.kind}
          onChange={(e) => set({ kind: e.target.value })}
          options={REWARD_KINDS.map((k) => ({ value: k, label: t(`rewards.kinds.${k}`) }))}
          error={err("kind")}
        />
        <Field
          label={t("staffRewards.fields.cost")}
          name="cost"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          required
          value={v.cost}
          onChange={(e) => set({ cost: e.target.value })}
          error={err("cost")}
        />
        <fieldset className="flex flex-col gap-2">
          <legend className="mb-1 text-sm font-medium text-stone-800">{t("staffRewards.fields.stockLegend")}</legend>
          <label className="flex min-h-11 items-center gap-3">
            <input
              type="checkbox"
              name="unlimited"
              checked={v.unlimited}
              onChange={(e) => set({ unlimited: e.target.checked })}
              className="size-5 accent-brand-700"
            />
            <span>{t("staffRewards.fields.unlimited")}</span>
          </label>
          {v.unlimited ? null : (
            <Field
              label={t("staffRewards.fields.stock")}
              name="stock"
              type="number"
              inputMode="numeric"
              min={0}
              step={1}
              value={v.stock}
              onChange={(e) => set({ stock: e.target.value })}
              error={err("stock")}
            />
          )}
        </fieldset>
        <Field
          label={t("staffRewards.fields.perMemberLimit")}
          name="perMemberLimit"
          type="number"
          inputMode="numeric"
          min={1}
          step={1}
          value={v.perMemberLimit}
          onChange={(e) => set({ perMemberLimit: e.target.value })}
          hint={t("staffRewards.fields.perMemberLimitHint")}
          error={err("perMemberLimit")}
        />
        <div className="grid gap-4 sm:grid-cols-2">
          <Field
            label={t("staffRewards.fields.startsAt")}
            name="startsAt"
            type="datetime-local"
            value={v.startsAt}
            onChange={(e) => set({ startsAt: e.target.value })}
            hint={t("staffRewards.fields.optionalDate")}
            error={err("startsAt")}
          />
          <Field
            label={t("staffRewards.fields.endsAt")}
            name="endsAt"
            type="datetime-local"
            value={v.endsAt}
            onChange={(e) => set({ endsAt: e.target.value })}
            hint={t("staffRewards.fields.optionalDate")}
            error={err("endsAt")}
          />
        </div>
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button type="submit" disabled={busy}>
            {busy ? t("common.saving") : reward ? t("common.save") : t("staffRewards.create")}
          </Button>
          <Button type="button" variant="secondary" onClick={onCancel} disabled={busy}>
            {t("common.cancel")}
          </Button>
        </div>
      </form>
    </section>
  );
}
