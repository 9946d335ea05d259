import { sql } from "drizzle-orm";
import { bigint, check, index, integer, jsonb, pgTable, primaryKey, serial, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { brands, memberships } from "./brands";

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/**
 * One row per member, board and period ("all", "w2026-11-23", "m2026-11"). Derived data: every row can be
 * recomputed from the ledger, the completions and the streaks (see domain/boards/recompute.ts).
 * `reached_at` is when the member reached their current score; earlier wins a tie.
 */
export const boardScores = pgTable(
  "board_scores",
  {
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    board: text("board").notNull(),
    period: text("period").notNull(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    score: bigint("score", { mode: "number" }).notNull(),
    reachedAt: ts("reached_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.brandId, t.board, t.period, t.memberId] }),
    index("board_scores_rank_idx").on(t.brandId, t.board, t.period, sql`${t.score} desc`, t.reachedAt, t.memberId),
  ],
);

/** Per-brand league rules. Zones and prizes apply to every cohort; divisions are ordered bottom to top. */
export const leagueSettings = pgTable(
  "league_settings",
  {
    brandId: uuid("brand_id")
      .primaryKey()
      .references(() => brands.id, { onDelete: "cascade" }),
    cohortSize: integer("cohort_size").notNull().default(30),
    promote: integer("promote").notNull().default(7),
    demote: integer("demote").notNull().default(5),
    /** Points for 1st, 2nd, 3rd… of each cohort. */
    prizes: jsonb("prizes").$type<number[]>().notNull().default([100, 50, 25]),
    divisions: jsonb("divisions").$type<string[]>().notNull().default(["Bronze", "Silver", "Gold", "Sapphire", "Diamond"]),
  },
  (t) => [check("league_settings_sizes", sql`${t.cohortSize} between 2 and 100 and ${t.promote} >= 0 and ${t.demote} >= 0`)],
);

/** A member's division, carried from week to week; `left_at` set while they are out of leagues. */
export const leagueMembers = pgTable("league_members", {
  memberId: uuid("member_id")
    .primaryKey()
    .references(() => memberships.id, { onDelete: "cascade" }),
  brandId: uuid("brand_id")
    .notNull()
    .references(() => brands.id, { onDelete: "cascade" }),
  division: integer("division").notNull().default(0),
  leftAt: ts("left_at"),
});

export const leagueCohorts = pgTable(
  "league_cohorts",
  {
    id: serial("id").primaryKey(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** The week's period key ("w2026-11-23", in the brand's zone). */
    week: text("week").notNull(),
    division: integer("division").notNull(),
    number: integer("number").notNull(),
    size: integer("size").notNull().default(0),
  },
  (t) => [uniqueIndex("league_cohorts_key").on(t.brandId, t.week, t.division, t.number)],
);

export const leagueEntries = pgTable(
  "league_entries",
  {
    cohortId: integer("cohort_id")
      .notNull()
      .references(() => leagueCohorts.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    joinedAt: ts("joined_at").notNull().defaultNow(),
    /** Filled by the weekly reset. */
    finalRank: integer("final_rank"),
    finalPoints: bigint("final_points", { mode: "number" }),
    outcome: text("outcome"),
    prize: integer("prize"),
  },
  (t) => [primaryKey({ columns: [t.memberId, t.week] }), index("league_entries_cohort_idx").on(t.cohortId)],
);

/** A week whose reset has run: the row is taken under lock, so the reset happens once per brand and week. */
export const leagueWeeks = pgTable(
  "league_weeks",
  {
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    week: text("week").notNull(),
    settledAt: ts("settled_at").notNull().defaultNow(),
    cohorts: integer("cohorts").notNull().default(0),
    promoted: integer("promoted").notNull().default(0),
    demoted: integer("demoted").notNull().default(0),
    prizesPaid: integer("prizes_paid").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.brandId, t.week] })],
);
