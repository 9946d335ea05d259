import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { users } from "./auth";
import { brands, memberships } from "./brands";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const questKind = pgEnum("quest_kind", ["review", "habit", "share", "custom"]);
export const questCadence = pgEnum("quest_cadence", ["once", "daily", "times_per_week", "every_n_days", "weekly"]);
export const questEvidence = pgEnum("quest_evidence", ["none", "value", "photo", "link"]);
export const shareTarget = pgEnum("share_target", ["brand", "quest", "idea"]);
export const completionState = pgEnum("completion_state", ["pending", "approved", "rejected", "undone", "removed"]);
export const completionSource = pgEnum("completion_source", ["member", "review", "share", "event"]);
export const reviewStatus = pgEnum("review_status", ["pending", "approved", "rejected", "removed"]);

export const quests = pgTable(
  "quests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    kind: questKind("kind").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    icon: text("icon").notNull().default("star"),
    basePoints: integer("base_points").notNull(),
    /** With value evidence: points per unit (e.g. 20 per mile) instead of the flat base points. */
    pointsPerUnit: integer("points_per_unit"),
    cadence: questCadence("cadence").notNull(),
    /** N for times_per_week and every_n_days. */
    cadenceN: integer("cadence_n"),
    startsAt: ts("starts_at"),
    endsAt: ts("ends_at"),
    /** Caps in points per member per local day/week/month; null = none. */
    capDay: integer("cap_day"),
    capWeek: integer("cap_week"),
    capMonth: integer("cap_month"),
    /** Total points the quest may pay across all members; null = unlimited. */
    budget: integer("budget"),
    pointsPaid: integer("points_paid").notNull().default(0),
    minTierRank: integer("min_tier_rank"),
    evidence: questEvidence("evidence").notNull().default("none"),
    unit: text("unit"),
    /** Values are health data: private to the member, consent required before the first check-in. */
    health: boolean("health").notNull().default(false),
    requiresApproval: boolean("requires_approval").notNull().default(false),
    /** Share quests: what the member shares. */
    shareTarget: shareTarget("share_target"),
    shareTargetId: text("share_target_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    archivedAt: ts("archived_at"),
  },
  (t) => [
    check("quests_points_positive", sql`${t.basePoints} > 0`),
    check("quests_paid_within_budget", sql`${t.budget} is null or ${t.pointsPaid} <= ${t.budget}`),
    index("quests_brand_idx").on(t.brandId, t.createdAt),
  ],
);

/**
 * One row per completion of a quest by a member. `period_key` names the cadence period the completion
 * fills (a local day, an ISO week, a window of N days, or "once"); live completions are unique per period.
 */
export const questCompletions = pgTable(
  "quest_completions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    questId: uuid("quest_id")
      .notNull()
      .references(() => quests.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    source: completionSource("source").notNull().default("member"),
    periodKey: text("period_key").notNull(),
    /** The member's local calendar day of the completion and the zone it was counted in. */
    localDay: date("local_day", { mode: "string" }).notNull(),
    timeZone: text("time_zone").notNull(),
    /**
     * When the member's local period of this completion ends (its day, or its week for weekly quests).
     * No later completion of the quest may come earlier, so changing time zone never opens a period twice.
     */
    periodEndsAt: ts("period_ends_at").notNull(),
    state: completionState("state").notNull(),
    points: integer("points").notNull().default(0),
    ledgerId: bigint("ledger_id", { mode: "number" }),
    value: text("value"),
    unit: text("unit"),
    note: text("note"),
    link: text("link"),
    photoId: uuid("photo_id"),
    idempotencyKey: text("idempotency_key").notNull(),
    payloadHash: text("payload_hash").notNull(),
    reason: text("reason"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    undoneAt: ts("undone_at"),
  },
  (t) => [
    uniqueIndex("completions_member_key").on(t.memberId, t.idempotencyKey),
    uniqueIndex("completions_live_period").on(t.questId, t.memberId, t.periodKey).where(sql`state in ('pending', 'approved', 'removed')`),
    index("completions_member_idx").on(t.memberId, t.questId, t.localDay),
    index("completions_quest_idx").on(t.questId, t.state),
    index("completions_queue_idx").on(t.brandId, t.state, t.createdAt),
  ],
);

/** Cached streak per member and habit, recomputed from completions on every change (boards read it). */
export const streaks = pgTable(
  "streaks",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    questId: uuid("quest_id")
      .notNull()
      .references(() => quests.id, { onDelete: "cascade" }),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    current: integer("current").notNull().default(0),
    best: integer("best").notNull().default(0),
    freezes: integer("freezes").notNull().default(0),
    /** When `best` was reached: the longest-streak board breaks ties with it. */
    bestAt: ts("best_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.questId] }), index("streaks_brand_best_idx").on(t.brandId, t.best)],
);

/** Consent to store health values; a row per grant, closed by withdrawal. */
export const healthConsents = pgTable(
  "health_consents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    grantedAt: ts("granted_at").notNull().defaultNow(),
    withdrawnAt: ts("withdrawn_at"),
  },
  (t) => [uniqueIndex("health_consents_open").on(t.memberId).where(sql`withdrawn_at is null`)],
);

/** Images members upload (review photos, photo evidence); served only to who may see them. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    purpose: text("purpose").notNull(),
    contentType: text("content_type").notNull(),
    size: integer("size").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("uploads_member_idx").on(t.memberId, t.createdAt)],
);

export const reviews = pgTable(
  "reviews",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    questId: uuid("quest_id")
      .notNull()
      .references(() => quests.id, { onDelete: "cascade" }),
    completionId: uuid("completion_id").references(() => questCompletions.id, { onDelete: "set null" }),
    product: text("product").notNull(),
    rating: integer("rating").notNull(),
    body: text("body").notNull(),
    photoId: uuid("photo_id").references(() => uploads.id, { onDelete: "set null" }),
    status: reviewStatus("status").notNull().default("pending"),
    reason: text("reason"),
    idempotencyKey: text("idempotency_key").notNull(),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: ts("decided_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    check("reviews_rating_range", sql`${t.rating} between 1 and 5`),
    uniqueIndex("reviews_member_key").on(t.memberId, t.idempotencyKey),
    index("reviews_queue_idx").on(t.brandId, t.status, t.createdAt),
    index("reviews_member_idx").on(t.memberId, t.createdAt),
  ],
);

/** A member's personal link to a page of the brand; `code` is the public part of /s/<code>. */
export const shares = pgTable(
  "shares",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    questId: uuid("quest_id").references(() => quests.id, { onDelete: "set null" }),
    target: shareTarget("target").notNull(),
    targetId: text("target_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("shares_code_key").on(t.code),
    uniqueIndex("shares_member_target_key").on(
      t.memberId,
      t.target,
      sql`coalesce(${t.targetId}, '')`,
      sql`coalesce(${t.questId}::text, '')`,
    ),
  ],
);

export const shareVisits = pgTable(
  "share_visits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    shareId: uuid("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    /** Random id from the visitor's cookie, and a hash of their device (user agent + IP). */
    visitorId: text("visitor_id").notNull(),
    deviceHash: text("device_hash").notNull(),
    userId: uuid("user_id"),
    /** The completion this visit earned, if it was the first qualifying one of its period. */
    completionId: uuid("completion_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("share_visits_visitor_key").on(t.shareId, t.visitorId), index("share_visits_share_idx").on(t.shareId, t.createdAt)],
);

/** HMAC secrets for /api/v1/events; the previous secret stays valid for a grace period after rotation. */
export const integrationSecrets = pgTable("integration_secrets", {
  brandId: uuid("brand_id")
    .primaryKey()
    .references(() => brands.id, { onDelete: "cascade" }),
  secret: text("secret").notNull(),
  previousSecret: text("previous_secret"),
  previousValidUntil: ts("previous_valid_until"),
  rotatedAt: ts("rotated_at").notNull().defaultNow(),
  rotatedBy: uuid("rotated_by").references(() => users.id, { onDelete: "set null" }),
});

/** Requests accepted by /api/v1/events, keyed per brand so a replay returns the first answer. */
export const externalEvents = pgTable(
  "external_events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    idempotencyKey: text("idempotency_key").notNull(),
    bodyHash: text("body_hash").notNull(),
    questId: uuid("quest_id").notNull(),
    memberId: uuid("member_id").notNull(),
    completionId: uuid("completion_id"),
    points: integer("points").notNull().default(0),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("external_events_key").on(t.brandId, t.idempotencyKey)],
);
