import { z } from "zod";
import { brandSlugSchema } from "./auth";

/** The cookie that carries an invite from /r/<code> through sign-up. */
export const REFERRAL_COOKIE = "sadiq_ref";
export const REFERRAL_COOKIE_DAYS_DEFAULT = 30;

/** Crockford-like base32 without 0/1/O/I, so a code read aloud or typed from a poster cannot be misread. */
export const REFERRAL_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
export const REFERRAL_CODE_LENGTH = 8;
const CODE = /^[2-9A-HJ-NP-Z]{8}$/;

/** A code as people type it (any case, stray spaces or dashes), or null when it cannot be one. */
export function normalizeReferralCode(raw: unknown): string | null {
  if (typeof raw !== "string" || raw.length > 64) return null;
  const code = raw.replace(/[\s-]/g, "").toUpperCase();
  return CODE.test(code) ? code : null;
}

export function referralPath(code: string): string {
  return `/r/${code}`;
}

export const QUALIFYING_ACTIONS = ["first_quest", "first_review", "signup"] as const;
export type QualifyingAction = (typeof QUALIFYING_ACTIONS)[number];

export const REFERRAL_STATUSES = ["signed_up", "held", "rewarded", "rejected", "blocked"] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

export const FLAG_RULES = ["ip", "device", "disposable", "velocity"] as const;
export type FlagRule = (typeof FLAG_RULES)[number];

export const BLOCK_RULES = ["self", "same_email", "existing_member", "cycle"] as const;
export type BlockRule = (typeof BLOCK_RULES)[number];

export const QUEUE_FILTERS = ["held", "blocked", "rejected", "rewarded", "all"] as const;

/**
 * Anything up to 64 characters: a garbled code is looked up (and not found) rather than refused as a
 * malformed request, so a landing page for a mistyped link is a plain "not found".
 */
const looseCode = z.string({ error: "referrals.notFound" }).trim().min(1, "referrals.notFound").max(64, "referrals.notFound");

export const landingInput = z.object({ code: looseCode });

export const brandInput = z.object({ brandSlug: brandSlugSchema });

export const queueInput = z.object({
  brandSlug: brandSlugSchema,
  filter: z.enum(QUEUE_FILTERS, { error: "referrals.badFilter" }).default("held"),
  cursor: z.uuid({ error: "referrals.badCursor" }).nullish(),
  limit: z.number().int().min(1).max(100).default(25),
});

export const reviewInput = z
  .object({
    brandSlug: brandSlugSchema,
    referralId: z.uuid({ error: "referrals.notFound" }),
    decision: z.enum(["approve", "reject"], { error: "referrals.badDecision" }),
    reason: z.string({ error: "referrals.reasonRequired" }).trim().max(500, "referrals.reasonTooLong").optional(),
  })
  .refine((v) => v.decision === "approve" || (v.reason?.length ?? 0) >= 3, { message: "referrals.reasonRequired", path: ["reason"] });

const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;

const points = (key: string) => z.number({ error: key }).int(key).min(0, key).max(100_000, key);

export const milestoneSchema = z.object({
  count: z
    .number({ error: "referrals.badMilestone" })
    .int("referrals.badMilestone")
    .min(1, "referrals.badMilestone")
    .max(1000, "referrals.badMilestone"),
  points: z
    .number({ error: "referrals.badMilestone" })
    .int("referrals.badMilestone")
    .min(1, "referrals.badMilestone")
    .max(100_000, "referrals.badMilestone"),
});

export const referralSettingsSchema = z.object({
  enabled: z.boolean(),
  friendPoints: points("referrals.badPoints"),
  referrerPoints: points("referrals.badPoints"),
  qualifyingAction: z.enum(QUALIFYING_ACTIONS, { error: "referrals.badAction" }),
  cookieDays: z
    .number({ error: "referrals.badCookieDays" })
    .int("referrals.badCookieDays")
    .min(1, "referrals.badCookieDays")
    .max(365, "referrals.badCookieDays"),
  holdDays: z
    .number({ error: "referrals.badHoldDays" })
    .int("referrals.badHoldDays")
    .min(1, "referrals.badHoldDays")
    .max(90, "referrals.badHoldDays"),
  velocityPerHour: z
    .number({ error: "referrals.badVelocity" })
    .int("referrals.badVelocity")
    .min(1, "referrals.badVelocity")
    .max(10_000, "referrals.badVelocity"),
  sameSourceLimit: z
    .number({ error: "referrals.badSameSource" })
    .int("referrals.badSameSource")
    .min(1, "referrals.badSameSource")
    .max(1000, "referrals.badSameSource"),
  milestones: z
    .array(milestoneSchema, { error: "referrals.badMilestone" })
    .max(10, "referrals.tooManyMilestones")
    .refine((m) => m.every((x, i) => i === 0 || x.count > (m[i - 1]?.count ?? 0)), { message: "referrals.milestonesOrder" }),
  extraDisposableDomains: z
    .array(
      z
        .string({ error: "referrals.badDomain" })
        .trim()
        .toLowerCase()
        .transform((d) => d.replace(/^@/, ""))
        .pipe(z.string().regex(DOMAIN, "referrals.badDomain")),
      { error: "referrals.badDomain" },
    )
    .max(500, "referrals.tooManyDomains")
    .transform((list) => [...new Set(list)]),
  welcomeText: z.string({ error: "referrals.welcomeTooLong" }).trim().max(280, "referrals.welcomeTooLong"),
});
export type ReferralSettings = z.infer<typeof referralSettingsSchema>;

export const configureInput = z.object({ brandSlug: brandSlugSchema, settings: referralSettingsSchema });
