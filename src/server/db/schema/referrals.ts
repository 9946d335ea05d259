import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";
import { brands, memberships } from "./brands";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const referralStatus = pgEnum("referral_status", ["signed_up", "held", "rewarded", "rejected", "blocked"]);
export const referralAction = pgEnum("referral_action", ["first_quest", "first_review", "signup"]);

export interface ReferralFlag {
  rule: "ip" | "device" | "disposable" | "velocity";
  detail: string;
}

export interface ReferralMilestone {
  count: number;
  points: number;
}

/** Per-brand referral rules; a brand without a row uses the column defaults. */
export const referralSettings = pgTable("referral_settings", {
  brandId: uuid("brand_id")
    .primaryKey()
    .references(() => brands.id, { onDelete: "cascade" }),
  enabled: boolean("enabled").notNull().default(true),
  friendPoints: integer("friend_points").notNull().default(100),
  referrerPoints: integer("referrer_points").notNull().default(200),
  qualifyingAction: referralAction("qualifying_action").notNull().default("first_quest"),
  cookieDays: integer("cookie_days").notNull().default(30),
  holdDays: integer("hold_days").notNull().default(7),
  velocityPerHour: integer("velocity_per_hour").notNull().default(10),
  sameSourceLimit: integer("same_source_limit").notNull().default(3),
  milestones: jsonb("milestones")
    .$type<ReferralMilestone[]>()
    .notNull()
    .default([
      { count: 1, points: 50 },
      { count: 3, points: 150 },
      { count: 6, points: 300 },
    ]),
  extraDisposableDomains: jsonb("extra_disposable_domains").$type<string[]>().notNull().default([]),
  welcomeText: text("welcome_text").notNull().default(""),
  updatedAt: ts("updated_at").notNull().defaultNow(),
});

/** A member's personal invite code in their brand; the row is also what serializes their sign-ups. */
export const referralCodes = pgTable(
  "referral_codes",
  {
    memberId: uuid("member_id")
      .primaryKey()
      .references(() => memberships.id, { onDelete: "cascade" }),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("referral_codes_code_key").on(t.code)],
);

/** One visit per invite link, browser and day: the top of the referrer's funnel. */
export const referralVisits = pgTable(
  "referral_visits",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    /** sha256 of the visitor cookie with the server secret. */
    visitorHash: text("visitor_hash").notNull(),
    day: date("day", { mode: "string" }).notNull(),
    ipHash: text("ip_hash").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("referral_visits_key").on(t.memberId, t.visitorHash, t.day)],
);

/**
 * A friend who signed up through a member's code. `blocked` rows record refused attempts and never pay;
 * every other status is at most one row per friend. IPs and devices are stored only as salted hashes.
 */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    referrerMemberId: uuid("referrer_member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    friendMemberId: uuid("friend_member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    code: text("code").notNull(),
    status: referralStatus("status").notNull(),
    blockedRule: text("blocked_rule").$type<"self" | "same_email" | "existing_member" | "cycle">(),
    flags: jsonb("flags").$type<ReferralFlag[]>().notNull().default([]),
    ipHash: text("ip_hash"),
    deviceHash: text("device_hash"),
    createdAt: ts("created_at").notNull().defaultNow(),
    qualifiedAt: ts("qualified_at"),
    autoApproveAt: ts("auto_approve_at"),
    decidedAt: ts("decided_at"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    rewardedAt: ts("rewarded_at"),
    referrerLedgerId: bigint("referrer_ledger_id", { mode: "number" }),
    friendLedgerId: bigint("friend_ledger_id", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("referrals_friend_key").on(t.friendMemberId).where(sql`status <> 'blocked'`),
    index("referrals_referrer_idx").on(t.referrerMemberId, t.createdAt),
    index("referrals_queue_idx").on(t.brandId, t.status, t.createdAt),
    index("referrals_auto_idx").on(t.autoApproveAt).where(sql`status = 'held'`),
  ],
);
