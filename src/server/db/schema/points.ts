import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  check,
  date,
  index,
  integer,
  jsonb,
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

export const ledgerKind = pgEnum("ledger_kind", ["earn", "redeem", "donate", "expire", "reverse", "adjust"]);
export const ledgerState = pgEnum("ledger_state", ["pending", "vested", "reversed"]);
export const ledgerSource = pgEnum("ledger_source", [
  "quest",
  "review",
  "idea",
  "referral",
  "surprise",
  "league",
  "staff",
  "reward",
  "donation",
  "expiry",
]);

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * Append-only: a row's amount never changes; only its state moves pending → vested or → reversed.
 * available = Σ amount of vested rows, pending = Σ amount of pending rows (see DESIGN.md).
 */
export const ledger = pgTable(
  "ledger",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    amount: integer("amount").notNull(),
    /** For earn rows: the amount before the tier multiplier. */
    baseAmount: integer("base_amount"),
    /** Tier multiplier in hundredths (130 = ×1.3); 100 where none applies. */
    multiplierBp: integer("multiplier_bp").notNull().default(100),
    kind: ledgerKind("kind").notNull(),
    sourceType: ledgerSource("source_type").notNull(),
    sourceId: text("source_id"),
    reason: text("reason").notNull(),
    state: ledgerState("state").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    payloadHash: text("payload_hash").notNull(),
    /** The other member of a donation, the row a reversal undoes, the staff member who adjusted. */
    counterpartyId: uuid("counterparty_id"),
    relatedId: bigint("related_id", { mode: "number" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    vestsAt: ts("vests_at"),
    expiresAt: ts("expires_at"),
    settledAt: ts("settled_at"),
  },
  (t) => [
    uniqueIndex("ledger_brand_key").on(t.brandId, t.idempotencyKey),
    index("ledger_member_idx").on(t.memberId, t.id),
    index("ledger_pending_idx").on(t.vestsAt).where(sql`state = 'pending'`),
  ],
);

export const balances = pgTable(
  "balances",
  {
    memberId: uuid("member_id")
      .primaryKey()
      .references(() => memberships.id, { onDelete: "cascade" }),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    available: integer("available").notNull().default(0),
    pending: integer("pending").notNull().default(0),
    lifetimeEarned: integer("lifetime_earned").notNull().default(0),
    tierRank: integer("tier_rank").notNull().default(0),
    tierSince: ts("tier_since").notNull().defaultNow(),
    /** End of the member's qualification year: the earliest a demotion may happen. */
    qualifiedUntil: ts("qualified_until").notNull(),
    lastActivityAt: ts("last_activity_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("balances_available_nonnegative", sql`${t.available} >= 0`),
    check("balances_pending_nonnegative", sql`${t.pending} >= 0`),
    index("balances_brand_idx").on(t.brandId),
    index("balances_activity_idx").on(t.brandId, t.lastActivityAt),
  ],
);

/** Tier points per calendar month (UTC); a member's tier points are the last 12 months' sum. */
export const tierPointsMonthly = pgTable(
  "tier_points_monthly",
  {
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    month: date("month", { mode: "string" }).notNull(),
    points: integer("points").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.month] })],
);

export const tiers = pgTable(
  "tiers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    rank: integer("rank").notNull(),
    name: text("name").notNull(),
    threshold: integer("threshold").notNull(),
    multiplierBp: integer("multiplier_bp").notNull(),
    perks: text("perks").notNull().default(""),
  },
  (t) => [uniqueIndex("tiers_brand_rank_key").on(t.brandId, t.rank)],
);

/** Per-brand points settings. Expiry is off while expiry_days is null. */
export const pointsPolicies = pgTable("points_policies", {
  brandId: uuid("brand_id")
    .primaryKey()
    .references(() => brands.id, { onDelete: "cascade" }),
  expiryDays: integer("expiry_days"),
  donationDailyLimit: integer("donation_daily_limit").notNull().default(500),
  causeName: text("cause_name").notNull().default(""),
  causePoints: bigint("cause_points", { mode: "number" }).notNull().default(0),
});

export const rewardKind = pgEnum("reward_kind", ["discount_code", "free_item", "experience", "donation"]);
export const redemptionStatus = pgEnum("redemption_status", ["awaiting_fulfilment", "fulfilled", "cancelled"]);

export const rewards = pgTable(
  "rewards",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    imageUrl: text("image_url"),
    cost: integer("cost").notNull(),
    /** null: unlimited. */
    stock: integer("stock"),
    perMemberLimit: integer("per_member_limit"),
    startsAt: ts("starts_at"),
    endsAt: ts("ends_at"),
    kind: rewardKind("kind").notNull(),
    archivedAt: ts("archived_at"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
  },
  (t) => [
    check("rewards_cost_positive", sql`${t.cost} > 0`),
    check("rewards_stock_nonnegative", sql`${t.stock} is null or ${t.stock} >= 0`),
    index("rewards_brand_idx").on(t.brandId),
  ],
);

export const redemptions = pgTable(
  "redemptions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    rewardId: uuid("reward_id")
      .notNull()
      .references(() => rewards.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    ledgerId: bigint("ledger_id", { mode: "number" }).notNull(),
    cost: integer("cost").notNull(),
    voucherCode: text("voucher_code").notNull(),
    status: redemptionStatus("status").notNull().default("awaiting_fulfilment"),
    idempotencyKey: text("idempotency_key").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    fulfilledAt: ts("fulfilled_at"),
    cancelledAt: ts("cancelled_at"),
    cancelReason: text("cancel_reason"),
    refundLedgerId: bigint("refund_ledger_id", { mode: "number" }),
  },
  (t) => [
    uniqueIndex("redemptions_brand_key").on(t.brandId, t.idempotencyKey),
    uniqueIndex("redemptions_voucher_key").on(t.voucherCode),
    index("redemptions_member_idx").on(t.memberId, t.createdAt),
    index("redemptions_queue_idx").on(t.brandId, t.status, t.createdAt),
  ],
);

export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    targetType: text("target_type").notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
    reason: text("reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("audit_brand_idx").on(t.brandId, t.id)],
);

/** The outbox: rows written in the same transaction as the change, dispatched to sockets after commit. */
export const events = pgTable(
  "events",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    topic: text("topic").notNull(),
    seq: bigint("seq", { mode: "number" }).notNull(),
    type: text("type").notNull(),
    payload: jsonb("payload").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("events_topic_seq_key").on(t.topic, t.seq)],
);

export const topicSeqs = pgTable("topic_seqs", {
  topic: text("topic").primaryKey(),
  seq: bigint("seq", { mode: "number" }).notNull(),
});

/** Once-only notices (expiry warnings, demotion warnings) keyed by what they are about. */
export const notices = pgTable(
  "notices",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    kind: text("kind").notNull(),
    data: jsonb("data").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    emailedAt: ts("emailed_at"),
  },
  (t) => [uniqueIndex("notices_member_key").on(t.memberId, t.key)],
);
