"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { type FormEvent, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { QuestIcon } from "@/components/quests/icons";
import {
  CADENCES,
  EVIDENCE,
  QUEST_ICONS,
  QUEST_KINDS,
  type QuestCadence,
  type QuestKind,
  questInput,
  SHARE_TARGETS,
} from "@/lib/validation/quests";
import { useTRPC } from "@/trpc/react";
import { issuesToFields, knownKey, splitError } from "../points/errors";
import { Alert } from "../ui/alert";
import { Button, linkButton } from "../ui/button";
import { Field, SelectField, TextAreaField } from "../ui/field";
import { fromLocalInput, type StaffQuest, type TierOption, toLocalInput, useHydrated } from "./quest-format";
import { type PreviewQuest, QuestPreview } from "./quest-preview";

type Evidence = (typeof EVIDENCE)[number];
type ShareTarget = (typeof SHARE_TARGETS)[number];

const FIELDS = [
  "kind",
  "title",
  "description",
  "icon",
  "basePoints",
  "pointsPerUnit",
  "cadence",
  "cadenceN",
  "startsAt",
  "endsAt",
  "capDay",
  "capWeek",
  "capMonth",
  "budget",
  "minTierRank",
  "evidence",
  "unit",
  "health",
  "requiresApproval",
  "shareTarget",
  "shareTargetId",
];

/** For schema complaints that carry no key of their own (bounds without a custom message). */
const FALLBACK: Record<string, string> = {
  pointsPerUnit: "quests.badPoints",
  capDay: "quests.badCap",
  capWeek: "quests.badCap",
  capMonth: "quests.badCap",
  budget: "quests.badBudget",
  minTierRank: "questBuilder.errors.badTier",
  unit: "quests.badUnit",
  shareTarget: "quests.shareTargetRequired",
  shareTargetId: "questBuilder.errors.badShareTarget",
};

interface Values {
  kind: QuestKind;
  title: string;
  description: string;
  icon: string;
  basePoints: string;
  pointsPerUnit: string;
  cadence: QuestCadence;
  cadenceN: string;
  startsAt: string;
  endsAt: string;
  capDay: string;
  capWeek: string;
  capMonth: string;
  budget: string;
  minTierRank: string;
  evidence: Evidence;
  unit: string;
  health: boolean;
  requiresApproval: boolean;
  shareTarget: ShareTarget;
  shareTargetId: string;
}

const text = (n: number | null | undefined) => (n === null || n === undefined ? "" : String(n));

function initial(q: StaffQuest | null): Values {
  return {
    kind: q?.kind ?? "habit",
    title: q?.title ?? "",
    description: q?.description ?? "",
    icon: q?.icon ?? "star",
    basePoints: text(q?.basePoints),
    pointsPerUnit: text(q?.pointsPerUnit),
    cadence: q?.cadence ?? "daily",
    cadenceN: text(q?.cadenceN),
    // Rendered only in the browser (see QuestForm), so these are in the staff member's own time zone.
    startsAt: toLocalInput(q?.startsAt ?? null),
    endsAt: toLocalInput(q?.endsAt ?? null),
    capDay: text(q?.capDay),
    capWeek: text(q?.capWeek),
    capMonth: text(q?.capMonth),
    budget: text(q?.budget),
    minTierRank: text(q?.minTierRank),
    evidence: q?.evidence ?? "none",
    unit: q?.unit ?? "",
    health: q?.health ?? false,
    requiresApproval: q?.requiresApproval ?? false,
    shareTarget: q?.shareTarget ?? "brand",
    shareTargetId: q?.shareTargetId ?? "",
  };
}

const needsN = (c: QuestCadence) => c === "times_per_week" || c === "every_n_days";
/** "" → NaN so the schema names the field; the form never sends a guess. */
const num = (s: string) => (s.trim() === "" ? Number.NaN : Number(s));
const optional = (s: string) => (s.trim() === "" ? null : Number(s));

/**
 * The quest as the API takes it. Settings that do not apply to the chosen kind, cadence or evidence
 * are left out, so a hidden field can neither block saving nor linger on the quest.
 */
function toInput(v: Values) {
  const habit = v.kind === "habit";
  const evidence: Evidence = habit ? v.evidence : "none";
  const share = v.kind === "share";
  return {
    kind: v.kind,
    title: v.title,
    description: v.description,
    icon: v.icon as (typeof QUEST_ICONS)[number],
    basePoints: num(v.basePoints),
    pointsPerUnit: evidence === "value" ? optional(v.pointsPerUnit) : null,
    cadence: v.cadence,
    cadenceN: needsN(v.cadence) ? num(v.cadenceN) : null,
    startsAt: fromLocalInput(v.startsAt),
    endsAt: fromLocalInput(v.endsAt),
    capDay: optional(v.capDay),
    capWeek: optional(v.capWeek),
    capMonth: optional(v.capMonth),
    budget: optional(v.budget),
    minTierRank: optional(v.minTierRank),
    evidence,
    unit: evidence === "value" ? v.unit : null,
    health: habit && v.health,
    // Reviews are always moderated: their points wait for a moderator whatever this says.
    requiresApproval: v.kind === "review" || v.requiresApproval,
    shareTarget: share ? v.shareTarget : null,
    shareTargetId: share && v.shareTarget !== "brand" ? v.shareTargetId.trim() || null : null,
  };
}

const positive = (s: string) => {
  const n = Number(s);
  return s.trim() !== "" && Number.isFinite(n) && n > 0 ? Math.floor(n) : null;
};

function previewOf(v: Values, tiers: TierOption[]): PreviewQuest {
  const input = toInput(v);
  const date = (s: string) => (s ? new Date(s) : null);
  return {
    kind: v.kind,
    title: v.title,
    description: v.description,
    icon: v.icon,
    basePoints: positive(v.basePoints) ?? 0,
    pointsPerUnit: input.evidence === "value" ? positive(v.pointsPerUnit) : null,
    unit: input.evidence === "value" ? v.unit.trim() || null : null,
    cadence: v.cadence,
    cadenceN: needsN(v.cadence) ? positive(v.cadenceN) : null,
    startsAt: date(v.startsAt),
    endsAt: date(v.endsAt),
    evidence: input.evidence,
    health: input.health,
    requiresApproval: input.requiresApproval,
    minTierName: tiers.find((t) => String(t.rank) === v.minTierRank)?.name ?? null,
  };
}

interface FormProps {
  brandSlug: string;
  /** The quest to edit; null creates one and then opens the list. */
  quest: StaffQuest | null;
  tiers: TierOption[];
  /** The brand's other quests, which a share quest may point members to. */
  quests: StaffQuest[];
  onSaved?: (quest: StaffQuest) => void;
}

/**
 * The quest builder form with its live preview. Drawn in the browser only: its dates are read and
 * written in the staff member's own time zone, which the server rendering the page does not know.
 */
export function QuestForm(props: FormProps) {
  const t = useTranslations("questBuilder");
  const hydrated = useHydrated();
  if (!hydrated) {
    return (
      <p role="status" className="rounded-2xl border border-stone-300 bg-white p-4 text-stone-700">
        {t("loadingForm")}
      </p>
    );
  }
  return <QuestFormBody {...props} />;
}

function QuestFormBody({ brandSlug, quest, tiers, quests, onSaved }: FormProps) {
  const t = useTranslations("questBuilder");
  const root = useTranslations();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const create = useMutation(trpc.quests.create.mutationOptions());
  const update = useMutation(trpc.quests.update.mutationOptions());
  const [v, setV] = useState<Values>(() => initial(quest));
  const [fields, setFields] = useState<Record<string, string>>({});
  const [alert, setAlert] = useState<string>();
  const [attempt, setAttempt] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const formId = useId();
  const busy = create.isPending || update.isPending;
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;

  const set = (patch: Partial<Values>) => {
    setV((old) => ({ ...old, ...patch }));
    // A field the staff member is fixing no longer shows its old complaint.
    setFields((old) => {
      const names = Object.keys(patch);
      if (!names.some((n) => old[n])) return old;
      return Object.fromEntries(Object.entries(old).filter(([n]) => !names.includes(n)));
    });
  };

  // After a refused save, take keyboard and screen-reader users to the first field to fix.
  useEffect(() => {
    if (attempt === 0) return;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [attempt]);

  /** A quests.* key shown in this builder's words when it has them, else as the API names it. */
  const message = (key: string) => {
    const own = key.startsWith("quests.") ? `questBuilder.errors.${key.slice("quests.".length)}` : key;
    return root(knownKey(root.has, root.has(own) ? own : key) as never);
  };
  const err = (name: string) => (fields[name] ? message(fields[name]) : undefined);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setAlert(undefined);
    const input = toInput(v);
    const checked = questInput.safeParse(input);
    const errors = checked.success ? {} : issuesToFields(checked.error.issues, FALLBACK);
    if (input.kind === "share" && input.shareTarget !== "brand" && !input.shareTargetId) {
      errors.shareTargetId ??= "questBuilder.errors.shareTargetMissing";
    }
    if (!checked.success || Object.keys(errors).length > 0) {
      setFields(errors);
      setAlert("form.invalid");
      setAttempt((n) => n + 1);
      return;
    }
    setFields({});
    let saved: StaffQuest;
    try {
      saved = quest
        ? await update.mutateAsync({ brandSlug, questId: quest.id, quest: input })
        : await create.mutateAsync({ brandSlug, quest: input });
    } catch (error) {
      const shown = splitError(error, FIELDS);
      setFields(shown.fields);
      setAlert(shown.alert ?? "form.invalid");
      setAttempt((n) => n + 1);
      return;
    }
    await queryClient.invalidateQueries(trpc.quests.pathFilter());
    if (quest) onSaved?.(saved);
    else router.push(`/staff/quests?created=${encodeURIComponent(saved.id)}`);
  }

  const habit = v.kind === "habit";
  const shareChoices = quests.filter((q) => q.id !== quest?.id && q.status !== "archived");
  const dateHint = t("fields.dateHint", { zone });

  return (
    <div className="grid gap-6 md:grid-cols-[minmax(0,1fr)_16rem]">
      <form
        id={formId}
        ref={formRef}
        onSubmit={submit}
        noValidate
        aria-busy={busy}
        aria-label={quest ? t("editFormLabel", { name: quest.title }) : t("newFormLabel")}
        className="flex flex-col gap-5 md:col-start-1"
        data-testid="quest-form"
      >
        {alert ? <Alert>{message(alert)}</Alert> : null}

        <Group title={t("groups.basics")}>
          <SelectField
            label={t("fields.kind")}
            name="kind"
            value={v.kind}
            onChange={(e) => set({ kind: e.target.value as QuestKind })}
            options={QUEST_KINDS.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
            hint={t(`kindHints.${v.kind}`)}
            error={err("kind")}
          />
          <Field
            label={t("fields.title")}
            name="title"
            value={v.title}
            onChange={(e) => set({ title: e.target.value })}
            maxLength={120}
            required
            error={err("title")}
          />
          <TextAreaField
            label={t("fields.description")}
            name="description"
            value={v.description}
            onChange={(e) => set({ description: e.target.value })}
            maxLength={2000}
            hint={t("fields.descriptionHint")}
            error={err("description")}
          />
          <fieldset className="flex flex-col gap-2">
            <legend className="mb-1 text-sm font-medium text-stone-800">{t("fields.icon")}</legend>
            <div className="grid grid-cols-5 gap-2">
              {QUEST_ICONS.map((icon) => (
                <label
                  key={icon}
                  title={t(`icons.${icon}`)}
                  className="grid min-h-12 cursor-pointer place-items-center rounded-lg border border-stone-400 bg-white text-stone-800 hover:bg-stone-100 has-checked:border-2 has-checked:border-brand-700 has-checked:bg-brand-100 has-checked:text-brand-900 has-focus-visible:outline-2 has-focus-visible:outline-offset-2 has-focus-visible:outline-brand-700"
                >
                  <input
                    type="radio"
                    name="icon"
                    value={icon}
                    checked={v.icon === icon}
                    onChange={() => set({ icon })}
                    className="sr-only"
                  />
                  <QuestIcon icon={icon} className="size-7" />
                  <span className="sr-only">{t(`icons.${icon}`)}</span>
                </label>
              ))}
            </div>
            {err("icon") ? (
              <p className="text-sm font-medium text-red-700" data-field-error="icon">
                {err("icon")}
              </p>
            ) : null}
          </fieldset>
        </Group>

        <Group title={t("groups.points")}>
          <Field
            label={t("fields.basePoints")}
            name="basePoints"
            type="number"
            inputMode="numeric"
            min={1}
            max={100000}
            step={1}
            required
            value={v.basePoints}
            onChange={(e) => set({ basePoints: e.target.value })}
            error={err("basePoints")}
          />
          {habit ? (
            <>
              <SelectField
                label={t("fields.evidence")}
                name="evidence"
                value={v.evidence}
                onChange={(e) => set({ evidence: e.target.value as Evidence })}
                options={EVIDENCE.map((x) => ({ value: x, label: t(`evidence.${x}`) }))}
                hint={t("fields.evidenceHint")}
                error={err("evidence")}
              />
              {v.evidence === "value" ? (
                <>
                  <Field
                    label={t("fields.unit")}
                    name="unit"
                    value={v.unit}
                    onChange={(e) => set({ unit: e.target.value })}
                    maxLength={20}
                    required
                    hint={t("fields.unitHint")}
                    error={err("unit")}
                  />
                  <Field
                    label={t("fields.pointsPerUnit")}
                    name="pointsPerUnit"
                    type="number"
                    inputMode="numeric"
                    min={1}
                    max={10000}
                    step={1}
                    value={v.pointsPerUnit}
                    onChange={(e) => set({ pointsPerUnit: e.target.value })}
                    hint={t("fields.pointsPerUnitHint")}
                    error={err("pointsPerUnit")}
                  />
                </>
              ) : null}
            </>
          ) : null}
        </Group>

        <Group title={t("groups.cadence")}>
          <SelectField
            label={t("fields.cadence")}
            name="cadence"
            value={v.cadence}
            onChange={(e) => {
              const cadence = e.target.value as QuestCadence;
              set({ cadence, ...(needsN(cadence) && v.cadenceN === "" ? { cadenceN: cadence === "times_per_week" ? "3" : "2" } : {}) });
            }}
            options={CADENCES.map((c) => ({ value: c, label: t(`cadences.${c}`) }))}
            error={err("cadence")}
          />
          {v.cadence === "times_per_week" ? (
            <Field
              label={t("fields.timesPerWeek")}
              name="cadenceN"
              type="number"
              inputMode="numeric"
              min={1}
              max={7}
              step={1}
              required
              value={v.cadenceN}
              onChange={(e) => set({ cadenceN: e.target.value })}
              hint={t("fields.timesPerWeekHint")}
              error={err("cadenceN")}
            />
          ) : v.cadence === "every_n_days" ? (
            <Field
              label={t("fields.everyNDays")}
              name="cadenceN"
              type="number"
              inputMode="numeric"
              min={1}
              max={365}
              step={1}
              required
              value={v.cadenceN}
              onChange={(e) => set({ cadenceN: e.target.value })}
              hint={t("fields.everyNDaysHint")}
              error={err("cadenceN")}
            />
          ) : null}
          <div className="grid gap-4 sm:grid-cols-2">
            <Field
              label={t("fields.startsAt")}
              name="startsAt"
              type="datetime-local"
              value={v.startsAt}
              onChange={(e) => set({ startsAt: e.target.value })}
              hint={dateHint}
              error={err("startsAt")}
            />
            <Field
              label={t("fields.endsAt")}
              name="endsAt"
              type="datetime-local"
              value={v.endsAt}
              onChange={(e) => set({ endsAt: e.target.value })}
              hint={dateHint}
              error={err("endsAt")}
            />
          </div>
        </Group>

        <Group title={t("groups.limits")} hint={t("groups.limitsHint")}>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field
              label={t("fields.capDay")}
              name="capDay"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={v.capDay}
              onChange={(e) => set({ capDay: e.target.value })}
              error={err("capDay")}
            />
            <Field
              label={t("fields.capWeek")}
              name="capWeek"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={v.capWeek}
              onChange={(e) => set({ capWeek: e.target.value })}
              error={err("capWeek")}
            />
            <Field
              label={t("fields.capMonth")}
              name="capMonth"
              type="number"
              inputMode="numeric"
              min={1}
              step={1}
              value={v.capMonth}
              onChange={(e) => set({ capMonth: e.target.value })}
              error={err("capMonth")}
            />
          </div>
          <Field
            label={t("fields.budget")}
            name="budget"
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            value={v.budget}
            onChange={(e) => set({ budget: e.target.value })}
            hint={quest ? t("fields.budgetHintPaid", { paid: quest.pointsPaid }) : t("fields.budgetHint")}
            error={err("budget")}
          />
          <SelectField
            label={t("fields.minTier")}
            name="minTierRank"
            value={v.minTierRank}
            onChange={(e) => set({ minTierRank: e.target.value })}
            options={[{ value: "", label: t("fields.everyone") }, ...tiers.map((tier) => ({ value: String(tier.rank), label: tier.name }))]}
            error={err("minTierRank")}
          />
        </Group>

        <Group title={t("groups.rules")}>
          {habit ? (
            <div className="flex flex-col gap-1">
              <Switch
                name="health"
                label={t("fields.health")}
                checked={v.health}
                onChange={(health) => set({ health })}
                note={t("fields.healthNote")}
              />
              {err("health") ? (
                <p className="text-sm font-medium text-red-700" data-field-error="health">
                  {err("health")}
                </p>
              ) : null}
            </div>
          ) : null}
          {v.kind === "review" ? (
            <p className="rounded-lg bg-stone-100 p-3 text-sm text-stone-800">{t("fields.reviewApproval")}</p>
          ) : (
            <Switch
              name="requiresApproval"
              label={t("fields.requiresApproval")}
              checked={v.requiresApproval}
              onChange={(requiresApproval) => set({ requiresApproval })}
              note={t("fields.requiresApprovalNote")}
            />
          )}
          {v.kind === "share" ? (
            <>
              <SelectField
                label={t("fields.shareTarget")}
                name="shareTarget"
                value={v.shareTarget}
                onChange={(e) => set({ shareTarget: e.target.value as ShareTarget, shareTargetId: "" })}
                options={SHARE_TARGETS.map((s) => ({ value: s, label: t(`shareTargets.${s}`) }))}
                error={err("shareTarget")}
              />
              {v.shareTarget === "quest" ? (
                <SelectField
                  label={t("fields.shareQuest")}
                  name="shareTargetId"
                  value={v.shareTargetId}
                  onChange={(e) => set({ shareTargetId: e.target.value })}
                  options={[{ value: "", label: t("fields.chooseQuest") }, ...shareChoices.map((q) => ({ value: q.id, label: q.title }))]}
                  error={err("shareTargetId")}
                />
              ) : v.shareTarget === "idea" ? (
                <Field
                  label={t("fields.shareIdea")}
                  name="shareTargetId"
                  value={v.shareTargetId}
                  onChange={(e) => set({ shareTargetId: e.target.value })}
                  maxLength={100}
                  hint={t("fields.shareIdeaHint")}
                  error={err("shareTargetId")}
                />
              ) : null}
            </>
          ) : null}
        </Group>
      </form>

      <div className="self-start md:sticky md:top-4 md:col-start-2 md:row-span-2 md:row-start-1">
        <QuestPreview quest={previewOf(v, tiers)} />
      </div>

      <div className="flex flex-col gap-2 sm:flex-row md:col-start-1">
        <Button type="submit" form={formId} disabled={busy}>
          {busy ? root("common.saving") : quest ? root("common.save") : t("create")}
        </Button>
        {quest ? null : (
          <Link href="/staff/quests" className={linkButton.secondary}>
            {root("common.cancel")}
          </Link>
        )}
      </div>
    </div>
  );
}

/** A titled group of fields, so the long form reads in parts. */
function Group({ title, hint, children }: { title: string; hint?: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id} className="flex flex-col gap-4 rounded-2xl border border-stone-300 bg-white p-4">
      <h2 id={id} className="text-lg font-bold">
        {title}
      </h2>
      {hint ? <p className="-mt-2 text-sm text-stone-700">{hint}</p> : null}
      {children}
    </section>
  );
}

/** An on/off setting, announced as a switch, with a note tied to it. */
function Switch({
  name,
  label,
  note,
  checked,
  onChange,
}: {
  name: string;
  label: string;
  note: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
}) {
  const noteId = useId();
  return (
    <div className="flex flex-col gap-1">
      <label className="flex min-h-11 cursor-pointer items-center gap-3">
        <input
          type="checkbox"
          role="switch"
          name={name}
          checked={checked}
          aria-checked={checked}
          onChange={(e) => onChange(e.target.checked)}
          aria-describedby={noteId}
          className="peer sr-only"
        />
        <span
          aria-hidden="true"
          className="relative h-7 w-12 shrink-0 rounded-full bg-stone-500 transition-colors after:absolute after:left-1 after:top-1 after:size-5 after:rounded-full after:bg-white after:transition-transform peer-checked:bg-brand-700 peer-checked:after:translate-x-5 peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-700"
        />
        <span className="font-medium">{label}</span>
      </label>
      <p id={noteId} className="text-sm text-stone-700">
        {note}
      </p>
    </div>
  );
}
