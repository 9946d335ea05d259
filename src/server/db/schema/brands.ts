import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./auth";

export const membershipRole = pgEnum("membership_role", ["member", "moderator", "admin"]);

export const brands = pgTable(
  "brands",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    slug: text("slug").notNull(),
    name: text("name").notNull(),
    tagline: text("tagline").notNull().default(""),
    timeZone: text("time_zone").notNull().default("UTC"),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("brands_slug_key").on(t.slug)],
);

export const memberships = pgTable(
  "memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull().default("member"),
    handle: text("handle").notNull(),
    /** The brand's own id for this member (its shop or CRM), used by the events API. */
    externalId: text("external_id"),
    joinedAt: timestamp("joined_at", { withTimezone: true, mode: "date" }).notNull().defaultNow(),
    /** Private mode: the member sees their own place, nobody else sees them on boards. */
    boardsHidden: boolean("boards_hidden").notNull().default(false),
    /** Staff took the member off every board (the reason is in the audit log). */
    boardsExcludedAt: timestamp("boards_excluded_at", { withTimezone: true, mode: "date" }),
    boardsExcludedReason: text("boards_excluded_reason"),
  },
  (t) => [
    uniqueIndex("memberships_brand_user_key").on(t.brandId, t.userId),
    // Handles are unique per brand regardless of case, so "Aysel" and "aysel" cannot both exist.
    uniqueIndex("memberships_brand_handle_key").on(t.brandId, sql`lower(${t.handle})`),
    index("memberships_user_idx").on(t.userId),
    uniqueIndex("memberships_brand_external_key").on(t.brandId, t.externalId).where(sql`external_id is not null`),
  ],
);

export type Role = (typeof membershipRole.enumValues)[number];
