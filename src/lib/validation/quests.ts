import { z } from "zod";
import { idempotencyKey } from "./points";

export const QUEST_KINDS = ["review", "habit", "share", "custom"] as const;
export const CADENCES = ["once", "daily", "times_per_week", "every_n_days", "weekly"] as const;
export const EVIDENCE = ["none", "value", "photo", "link"] as const;
export const SHARE_TARGETS = ["brand", "quest", "idea"] as const;
/** Icons a quest can show; the UI maps each to a drawing, so staff cannot inject markup. */
export const QUEST_ICONS = ["star", "run", "heart", "leaf", "water", "sleep", "review", "share", "gift", "bolt"] as const;

export type QuestKind = (typeof QUEST_KINDS)[number];
export type QuestCadence = (typeof CADENCES)[number];

export const uuid = z.string().uuid({ error: "quests.notFound" });
const cap = z
  .number({ error: "quests.badCap" })
  .int({ error: "quests.badCap" })
  .min(1, { error: "quests.badCap" })
  .max(1_000_000)
  .nullable();
const optionalDate = z.coerce.date({ error: "quests.badDate" }).nullable();

const questFields = z.object({
  kind: z.enum(QUEST_KINDS, { error: "quests.badKind" }),
  title: z.string().trim().min(2, { error: "quests.titleRequired" }).max(120, { error: "quests.titleTooLong" }),
  description: z.string().trim().max(2000, { error: "quests.descriptionTooLong" }).default(""),
  icon: z.enum(QUEST_ICONS, { error: "quests.badIcon" }).default("star"),
  basePoints: z
    .number({ error: "quests.badPoints" })
    .int({ error: "quests.badPoints" })
    .min(1, { error: "quests.badPoints" })
    .max(100_000, { error: "quests.badPoints" }),
  pointsPerUnit: z
    .number({ error: "quests.badPoints" })
    .int({ error: "quests.badPoints" })
    .min(1, { error: "quests.badPoints" })
    .max(10_000)
    .nullable()
    .default(null),
  cadence: z.enum(CADENCES, { error: "quests.badCadence" }),
  cadenceN: z
    .number({ error: "quests.badCadenceN" })
    .int({ error: "quests.badCadenceN" })
    .min(1, { error: "quests.badCadenceN" })
    .max(365, { error: "quests.badCadenceN" })
    .nullable()
    .default(null),
  startsAt: optionalDate.default(null),
  endsAt: optionalDate.default(null),
  capDay: cap.default(null),
  capWeek: cap.default(null),
  capMonth: cap.default(null),
  budget: z
    .number({ error: "quests.badBudget" })
    .int({ error: "quests.badBudget" })
    .min(1, { error: "quests.badBudget" })
    .max(1_000_000_000)
    .nullable()
    .default(null),
  minTierRank: z.number().int().min(0).max(20).nullable().default(null),
  evidence: z.enum(EVIDENCE, { error: "quests.badEvidence" }).default("none"),
  unit: z.string().trim().max(20, { error: "quests.badUnit" }).nullable().default(null),
  health: z.boolean().default(false),
  requiresApproval: z.boolean().default(false),
  shareTarget: z.enum(SHARE_TARGETS).nullable().default(null),
  shareTargetId: z.string().trim().max(100).nullable().default(null),
});

/** Rules across fields, with the field each complaint belongs to. */
function questRules(q: z.infer<typeof questFields>, ctx: z.RefinementCtx) {
  const issue = (path: string, message: string) => ctx.addIssue({ code: "custom", path: [path], message });
  if ((q.cadence === "times_per_week" || q.cadence === "every_n_days") && !q.cadenceN) issue("cadenceN", "quests.badCadenceN");
  if (q.cadence === "times_per_week" && q.cadenceN && q.cadenceN > 7) issue("cadenceN", "quests.badCadenceN");
  if (q.startsAt && q.endsAt && q.endsAt <= q.startsAt) issue("endsAt", "quests.endBeforeStart");
  if (q.evidence === "value" && !q.unit) issue("unit", "quests.unitRequired");
  if (q.pointsPerUnit && q.evidence !== "value") issue("pointsPerUnit", "quests.perUnitNeedsValue");
  if (q.health && q.kind !== "habit") issue("health", "quests.healthOnlyHabits");
  if (q.kind === "share" && !q.shareTarget) issue("shareTarget", "quests.shareTargetRequired");
}

export const questInput = questFields.superRefine(questRules);
export type QuestInput = z.infer<typeof questInput>;

export const questUpdateInput = z.object({ questId: uuid, quest: questInput });

/** A value as members type it: a number, or two numbers like a blood pressure of 120/80. */
export const evidenceValue = z
  .string({ error: "quests.badValue" })
  .trim()
  .regex(/^\d{1,6}([.,]\d{1,3})?(\/\d{1,6}([.,]\d{1,3})?)?$/, { error: "quests.badValue" })
  .transform((v) => v.replace(/,/g, "."));

export const checkInInput = z.object({
  questId: uuid,
  idempotencyKey,
  value: evidenceValue.optional(),
  note: z.string().trim().max(500, { error: "quests.noteTooLong" }).optional(),
  link: z
    .string()
    .trim()
    .max(500, { error: "quests.badLink" })
    .regex(/^https?:\/\/[^\s"'<>]+$/, { error: "quests.badLink" })
    .optional(),
  photoId: z.string().uuid({ error: "quests.badPhoto" }).optional(),
});

export const timeZoneInput = z.object({ timeZone: z.string().min(1).max(64) });
