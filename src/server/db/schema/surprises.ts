import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
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
import type { SnapshotPrize } from "../../../lib/surprises/verify";
import { users } from "./auth";
import { brands, memberships } from "./brands";
import { quests } from "./quests";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

export const surpriseTrigger = pgEnum("surprise_trigger", ["quest_completed", "streak_milestone", "early_checkin", "idea_shipped"]);

/** A prize as staff configured it; `position` is its index in the array. */
export interface StoredPrize {
  id: string;
  kind: "points" | "reward" | "streak_freeze" | "nothing";
  label: string;
  weight: number;
  points: number | null;
  rewardId: string | null;
  freezeValue: number;
}

export const surpriseTables = pgTable(
  "surprise_tables",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    trigger: surpriseTrigger("trigger").notNull(),
    questId: uuid("quest_id").references(() => quests.id, { onDelete: "set null" }),
    /** Edited as a whole; draws keep their own snapshot, so an edit never changes a recorded draw. */
    prizes: jsonb("prizes").$type<StoredPrize[]>().notNull(),
    dailyBudget: integer("daily_budget").notNull(),
    totalBudget: integer("total_budget").notNull(),
    /** Taken only by `spent_total + cost <= total_budget` updates, so parallel draws cannot overspend. */
    spentTotal: integer("spent_total").notNull().default(0),
    pityAfter: integer("pity_after"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    archivedAt: ts("archived_at"),
  },
  (t) => [
    check("surprise_tables_spent_within_total", sql`${t.spentTotal} <= ${t.totalBudget}`),
    index("surprise_tables_brand_idx").on(t.brandId, t.trigger),
  ],
);

/** Points a table spent on one UTC day, for its daily budget. */
export const surpriseBudgetDays = pgTable(
  "surprise_budget_days",
  {
    tableId: uuid("table_id")
      .notNull()
      .references(() => surpriseTables.id, { onDelete: "cascade" }),
    day: date("day", { mode: "string" }).notNull(),
    spent: integer("spent").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.tableId, t.day] })],
);

/** The commit–reveal seed of a brand for one UTC day: only `commitment` is public until the day ends. */
export const surpriseSeeds = pgTable(
  "surprise_seeds",
  {
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    period: date("period", { mode: "string" }).notNull(),
    seed: text("seed").notNull(),
    commitment: text("commitment").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.period] })],
);

export const surpriseDraws = pgTable(
  "surprise_draws",
  {
    /** Random, fixed at insert: the HMAC message of the roll. */
    id: uuid("id").primaryKey(),
    /** Order of draws, for a member's dry spell and keyset pages. */
    seq: bigserial("seq", { mode: "number" }).notNull(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    tableId: uuid("table_id")
      .notNull()
      .references(() => surpriseTables.id, { onDelete: "cascade" }),
    tableName: text("table_name").notNull(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    /** What caused the draw (`completion:<id>`, `idea:<id>`): one draw per table and trigger. */
    triggerKey: text("trigger_key").notNull(),
    period: date("period", { mode: "string" }).notNull(),
    snapshot: jsonb("snapshot").$type<SnapshotPrize[]>().notNull(),
    pityApplied: boolean("pity_applied").notNull(),
    rolledPrizeId: text("rolled_prize_id").notNull(),
    /** Null when the rolled prize did not fit the budget (or its reward was gone): the outcome is nothing. */
    outcomePrizeId: text("outcome_prize_id"),
    budgetLimited: boolean("budget_limited").notNull(),
    outcomeKind: text("outcome_kind").$type<StoredPrize["kind"]>().notNull(),
    outcomeLabel: text("outcome_label").notNull(),
    outcomePoints: integer("outcome_points").notNull().default(0),
    /** What the outcome took from the budgets. */
    cost: integer("cost").notNull().default(0),
    /**
     * A won streak freeze: the habit it went to and the local day of that streak's latest check-in, the
     * period from which the streak computation counts it (see computeStreak's bonus freezes).
     */
    freezeQuestId: uuid("freeze_quest_id").references(() => quests.id, { onDelete: "set null" }),
    freezeDay: date("freeze_day", { mode: "string" }),
    ledgerId: bigint("ledger_id", { mode: "number" }),
    redemptionId: uuid("redemption_id"),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("surprise_draws_trigger_key").on(t.tableId, t.triggerKey),
    index("surprise_draws_member_idx").on(t.tableId, t.memberId, t.seq),
    index("surprise_draws_mine_idx").on(t.memberId, t.seq),
    index("surprise_draws_period_idx").on(t.brandId, t.period, t.seq),
    index("surprise_draws_freeze_idx").on(t.memberId, t.freezeQuestId).where(sql`freeze_quest_id is not null`),
  ],
);
