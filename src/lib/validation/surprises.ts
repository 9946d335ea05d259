import { z } from "zod";
import { brandSlugSchema } from "./auth";

export const SURPRISE_TRIGGERS = ["quest_completed", "streak_milestone", "early_checkin", "idea_shipped"] as const;
export type SurpriseTrigger = (typeof SURPRISE_TRIGGERS)[number];
export const PRIZE_KINDS = ["points", "reward", "streak_freeze", "nothing"] as const;
export type PrizeKind = (typeof PRIZE_KINDS)[number];

export const MAX_PRIZES = 20;
export const MAX_WEIGHT = 1_000_000;
export const MAX_BUDGET = 100_000_000;
export const MAX_PRIZE_POINTS = 1_000_000;
/** A check-in recorded before this local hour counts as early. */
export const EARLY_HOUR = 9;

const tableId = z.uuid({ error: "surprisesStaff.notFound" });
const drawId = z.uuid({ error: "surprises.drawNotFound" });
/** A UTC day: the commit–reveal period. */
export const periodSchema = z
  .string({ error: "surprises.badPeriod" })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: "surprises.badPeriod" })
  .refine((p) => !Number.isNaN(Date.parse(`${p}T00:00:00Z`)) && new Date(`${p}T00:00:00Z`).toISOString().startsWith(p), {
    error: "surprises.badPeriod",
  });

const wholeNumber = (key: string, max: number, min = 0) =>
  z.number({ error: key }).int({ error: key }).min(min, { error: key }).max(max, { error: key });

export const prizeInput = z
  .object({
    /** Present when editing a prize that already exists, so its statistics carry on. */
    id: z.uuid({ error: "surprisesStaff.badPrize" }).optional(),
    kind: z.enum(PRIZE_KINDS, { error: "surprisesStaff.badPrizeKind" }),
    label: z.string({ error: "surprisesStaff.labelRequired" }).trim().min(1, { error: "surprisesStaff.labelRequired" }).max(80, {
      error: "surprisesStaff.labelTooLong",
    }),
    weight: wholeNumber("surprisesStaff.badWeight", MAX_WEIGHT, 1),
    /** Points paid by a `points` prize. */
    points: wholeNumber("surprisesStaff.badPoints", MAX_PRIZE_POINTS, 1).nullable().default(null),
    /** The catalog reward a `reward` prize gives for free. */
    rewardId: z.uuid({ error: "surprisesStaff.badReward" }).nullable().default(null),
    /** What a streak freeze costs the budget, in points. */
    freezeValue: wholeNumber("surprisesStaff.badFreezeValue", MAX_PRIZE_POINTS).default(0),
  })
  .superRefine((p, ctx) => {
    if (p.kind === "points" && p.points === null)
      ctx.addIssue({ code: "custom", path: ["points"], message: "surprisesStaff.pointsRequired" });
    if (p.kind === "reward" && p.rewardId === null)
      ctx.addIssue({ code: "custom", path: ["rewardId"], message: "surprisesStaff.rewardRequired" });
  })
  .transform((p) => ({
    ...p,
    points: p.kind === "points" ? p.points : null,
    rewardId: p.kind === "reward" ? p.rewardId : null,
    freezeValue: p.kind === "streak_freeze" ? p.freezeValue : 0,
  }));
export type PrizeInput = z.infer<typeof prizeInput>;

export const tableInput = z
  .object({
    name: z.string({ error: "surprisesStaff.nameRequired" }).trim().min(2, { error: "surprisesStaff.nameRequired" }).max(80, {
      error: "surprisesStaff.nameTooLong",
    }),
    description: z.string().trim().max(1000, { error: "surprisesStaff.descriptionTooLong" }).default(""),
    trigger: z.object({
      kind: z.enum(SURPRISE_TRIGGERS, { error: "surprisesStaff.badTrigger" }),
      /** Only completions of this quest trigger the table (null: any quest). Ignored for `idea_shipped`. */
      questId: z.uuid({ error: "surprisesStaff.badQuest" }).nullable().default(null),
    }),
    prizes: z
      .array(prizeInput)
      .min(1, { error: "surprisesStaff.atLeastOnePrize" })
      .max(MAX_PRIZES, { error: "surprisesStaff.tooManyPrizes" })
      .refine((ps) => ps.some((p) => p.kind !== "nothing"), { error: "surprisesStaff.needsAWinningPrize" })
      .refine((ps) => new Set(ps.flatMap((p) => (p.id ? [p.id] : []))).size === ps.filter((p) => p.id).length, {
        error: "surprisesStaff.badPrize",
      }),
    dailyBudget: wholeNumber("surprisesStaff.badBudget", MAX_BUDGET),
    totalBudget: wholeNumber("surprisesStaff.badBudget", MAX_BUDGET),
    /** A member who won nothing this many draws in a row wins on the next; null: off. */
    pityAfter: wholeNumber("surprisesStaff.badPity", 1000, 1).nullable().default(null),
  })
  .refine((t) => t.dailyBudget <= t.totalBudget, { path: ["dailyBudget"], error: "surprisesStaff.dailyOverTotal" })
  .transform((t) => ({ ...t, trigger: { kind: t.trigger.kind, questId: t.trigger.kind === "idea_shipped" ? null : t.trigger.questId } }));
export type TableInput = z.infer<typeof tableInput>;

export const tablesInput = z.object({ brandSlug: brandSlugSchema });
export const mineInput = z.object({ brandSlug: brandSlugSchema, cursor: z.number().int().positive().nullish() });
export const verifyInput = z.object({ drawId });
export const periodInput = z.object({ brandSlug: brandSlugSchema, period: periodSchema, cursor: z.number().int().positive().nullish() });
export const createInput = z.object({ table: tableInput });
export const updateInput = z.object({ tableId, table: tableInput });
export const tableRef = z.object({ tableId });
