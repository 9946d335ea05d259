import { z } from "zod";

export const idempotencyKey = z.string({ error: "points.badKey" }).regex(/^[\w:.@-]{8,100}$/, { error: "points.badKey" });
export const points = z
  .number({ error: "points.badAmount" })
  .int({ error: "points.badAmount" })
  .min(1, { error: "points.badAmount" })
  .max(1_000_000, { error: "points.badAmount" });
export const handleInput = z
  .string({ error: "points.memberNotFound" })
  .trim()
  .transform((h) => h.replace(/^@/, ""))
  .pipe(z.string().regex(/^[A-Za-z0-9_]{1,40}$/, { error: "points.memberNotFound" }));
export const reason = z
  .string({ error: "points.reasonRequired" })
  .trim()
  .min(3, { error: "points.reasonRequired" })
  .max(300, { error: "points.reasonTooLong" });

export const donateInput = z.union([
  z.object({ toHandle: handleInput, amount: points, idempotencyKey }),
  z.object({ toCause: z.literal(true), amount: points, idempotencyKey }),
]);

export const awardInput = z.object({ handle: handleInput, amount: points, reason, idempotencyKey });

export const adjustInput = z.object({
  handle: handleInput,
  amount: z
    .number({ error: "points.badAmount" })
    .int({ error: "points.badAmount" })
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, { error: "points.badAmount" }),
  reason,
  idempotencyKey,
});

const optionalDate = z.coerce.date({ error: "rewards.badDate" }).nullable();
const rewardFields = {
  title: z.string().trim().min(2, { error: "rewards.titleRequired" }).max(120, { error: "rewards.titleTooLong" }),
  description: z.string().trim().max(2000, { error: "rewards.descriptionTooLong" }),
  imageUrl: z
    .string()
    .trim()
    .max(500)
    .refine((u) => u === "" || /^https:\/\/[^\s"'<>]+$/.test(u) || /^\/[\w./-]+$/.test(u), { error: "rewards.badImage" })
    .transform((u) => (u === "" ? null : u))
    .nullable(),
  cost: points,
  stock: z.number().int().min(0, { error: "rewards.badStock" }).max(1_000_000).nullable(),
  perMemberLimit: z.number().int().min(1, { error: "rewards.badLimit" }).max(1000).nullable(),
  startsAt: optionalDate,
  endsAt: optionalDate,
  kind: z.enum(["discount_code", "free_item", "experience", "donation"], { error: "rewards.badKind" }),
};
export const rewardInput = z.object({
  ...rewardFields,
  description: rewardFields.description.default(""),
  imageUrl: rewardFields.imageUrl.default(null),
  startsAt: rewardFields.startsAt.default(null),
  endsAt: rewardFields.endsAt.default(null),
});
/** An edit: only the fields present change. */
export const rewardPatch = z.object(rewardFields).partial();

export const tiersInput = z
  .array(
    z.object({
      name: z.string().trim().min(1, { error: "tiers.nameRequired" }).max(40, { error: "tiers.nameTooLong" }),
      threshold: z.number().int().min(0, { error: "tiers.badThreshold" }).max(10_000_000),
      multiplier: z.number().min(1, { error: "tiers.badMultiplier" }).max(5, { error: "tiers.badMultiplier" }),
      perks: z.string().trim().max(500, { error: "tiers.perksTooLong" }).default(""),
    }),
  )
  .min(1, { error: "tiers.atLeastOne" })
  .max(10, { error: "tiers.tooMany" })
  .refine((t) => t[0]?.threshold === 0, { error: "tiers.firstAtZero" })
  .refine((t) => t.every((x, i) => i === 0 || x.threshold > (t[i - 1]?.threshold ?? 0)), { error: "tiers.increasing" });

export const policyInput = z.object({
  expiryDays: z.number().int().min(14, { error: "points.badExpiry" }).max(3650, { error: "points.badExpiry" }).nullable(),
  donationDailyLimit: z.number().int().min(0, { error: "points.badAmount" }).max(1_000_000, { error: "points.badAmount" }),
  causeName: z.string().trim().max(120, { error: "points.causeTooLong" }),
});
