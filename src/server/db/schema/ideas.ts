import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  check,
  customType,
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

const ts = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

export const ideaStatus = pgEnum("idea_status", ["open", "under_review", "planned", "in_progress", "shipped", "declined", "duplicate"]);
/** Whether members see it: `pending` waits in the pre-moderation queue; `rejected` and `hidden` are staff decisions. */
export const contentState = pgEnum("content_state", ["pending", "published", "rejected", "hidden"]);

/**
 * An idea. `vote_count` and `comment_count` are kept in the same transaction as the rows they count
 * (votes lock the idea row), so they are exact; tests compare them with `count(*)`.
 * `search` is written by the domain (title weight A, body weight B, in the author's language's text
 * search configuration, plus a `simple` copy of the title so words match across languages).
 */
export const ideas = pgTable(
  "ideas",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** The UI language the idea was written in: picks the text search configuration. */
    lang: text("lang").notNull().default("en"),
    status: ideaStatus("status").notNull().default("open"),
    /** The note of the last status change (the reason, for `declined`). */
    statusNote: text("status_note"),
    state: contentState("state").notNull().default("published"),
    /** Why staff rejected or hid it; shown to the author. */
    stateReason: text("state_reason"),
    mergedIntoId: uuid("merged_into_id"),
    /** The status to return to when a merge is undone. */
    statusBeforeMerge: ideaStatus("status_before_merge"),
    voteCount: integer("vote_count").notNull().default(0),
    commentCount: integer("comment_count").notNull().default(0),
    pinned: boolean("pinned").notNull().default(false),
    commentsLocked: boolean("comments_locked").notNull().default(false),
    search: tsvector("search"),
    /** The author's key for this submission: a retried create returns the first idea. */
    idempotencyKey: text("idempotency_key"),
    createdAt: ts("created_at").notNull().defaultNow(),
    updatedAt: ts("updated_at").notNull().defaultNow(),
    /** When it became visible to members (creation, or approval from the queue). */
    publishedAt: ts("published_at"),
  },
  (t) => [
    index("ideas_brand_created_idx").on(t.brandId, t.createdAt),
    index("ideas_brand_votes_idx").on(t.brandId, t.voteCount),
    index("ideas_brand_status_idx").on(t.brandId, t.status),
    index("ideas_author_idx").on(t.authorId),
    index("ideas_search_idx").using("gin", t.search),
    index("ideas_tags_idx").using("gin", t.tags),
    uniqueIndex("ideas_author_key").on(t.authorId, t.idempotencyKey),
    check("ideas_counts", sql`${t.voteCount} >= 0 and ${t.commentCount} >= 0`),
  ],
);

/**
 * One vote per member per idea. `via_idea_id` marks a vote that a merge carried over from a duplicate,
 * so undoing the merge removes exactly those; `created_at` keeps the original vote's time, which decides
 * who the first supporters are.
 */
export const ideaVotes = pgTable(
  "idea_votes",
  {
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
    viaIdeaId: uuid("via_idea_id"),
  },
  (t) => [
    primaryKey({ columns: [t.ideaId, t.memberId] }),
    index("idea_votes_idea_time_idx").on(t.ideaId, t.createdAt),
    index("idea_votes_member_idx").on(t.memberId),
  ],
);

export const ideaComments = pgTable(
  "idea_comments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    authorId: uuid("author_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    /** A reply names a top-level comment; replies to replies attach to that same top-level comment. */
    parentId: uuid("parent_id"),
    body: text("body").notNull(),
    /** Written by brand staff: shown as the brand's official answer. */
    official: boolean("official").notNull().default(false),
    state: contentState("state").notNull().default("published"),
    stateReason: text("state_reason"),
    createdAt: ts("created_at").notNull().defaultNow(),
    editedAt: ts("edited_at"),
    deletedAt: ts("deleted_at"),
    deletedBy: uuid("deleted_by").references(() => users.id, { onDelete: "set null" }),
    idempotencyKey: text("idempotency_key"),
  },
  (t) => [
    uniqueIndex("idea_comments_author_key").on(t.authorId, t.idempotencyKey),
    index("idea_comments_idea_idx").on(t.ideaId, t.createdAt),
    index("idea_comments_brand_state_idx").on(t.brandId, t.state),
  ],
);

/** The public history of an idea's status; a merge and its undo appear here too. */
export const ideaStatusChanges = pgTable(
  "idea_status_changes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    fromStatus: ideaStatus("from_status"),
    toStatus: ideaStatus("to_status").notNull(),
    note: text("note"),
    actorUserId: uuid("actor_user_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [index("idea_status_changes_idea_idx").on(t.ideaId, t.id)],
);

/** A member's flag on an idea or a comment; open flags (no `resolved_at`) fill the staff queue. */
export const ideaFlags = pgTable(
  "idea_flags",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    targetType: text("target_type").$type<"idea" | "comment">().notNull(),
    targetId: uuid("target_id").notNull(),
    /** The idea the target belongs to (itself, for an idea). */
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    resolvedAt: ts("resolved_at"),
    resolvedBy: uuid("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolution: text("resolution"),
  },
  (t) => [
    uniqueIndex("idea_flags_once_key").on(t.targetType, t.targetId, t.memberId),
    index("idea_flags_open_idx").on(t.brandId, t.createdAt).where(sql`resolved_at is null`),
  ],
);

/**
 * Once-only guard for the payoffs: the first time an idea reaches a stage inserts its row and pays;
 * moving back and forth never pays that stage again. The ledger keys repeat the guarantee.
 */
export const ideaPayoffs = pgTable(
  "idea_payoffs",
  {
    ideaId: uuid("idea_id")
      .notNull()
      .references(() => ideas.id, { onDelete: "cascade" }),
    stage: text("stage").$type<"approved" | "planned" | "shipped">().notNull(),
    paidAt: ts("paid_at").notNull().defaultNow(),
    /** Members paid and points each, for the staff's and the tests' eyes. */
    detail: jsonb("detail").notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.ideaId, t.stage] })],
);

/** Per-brand rules for ideas: pre-moderation and payoffs. A brand without a row uses the defaults. */
export const ideaSettings = pgTable(
  "idea_settings",
  {
    brandId: uuid("brand_id")
      .primaryKey()
      .references(() => brands.id, { onDelete: "cascade" }),
    /** Members who joined fewer than this many days ago are pre-moderated (0: nobody by age). */
    premodDays: integer("premod_days").notNull().default(0),
    /** Members below this tier rank are pre-moderated (0: nobody by tier). */
    premodBelowTier: integer("premod_below_tier").notNull().default(0),
    approvePoints: integer("approve_points").notNull().default(10),
    plannedPoints: integer("planned_points").notNull().default(25),
    shipAuthorPoints: integer("ship_author_points").notNull().default(100),
    shipVoterPoints: integer("ship_voter_points").notNull().default(10),
    shipVoterCount: integer("ship_voter_count").notNull().default(50),
  },
  (t) => [
    check(
      "idea_settings_ranges",
      sql`${t.premodDays} between 0 and 365 and ${t.premodBelowTier} >= 0 and ${t.approvePoints} between 0 and 100000
        and ${t.plannedPoints} between 0 and 100000 and ${t.shipAuthorPoints} between 0 and 100000
        and ${t.shipVoterPoints} between 0 and 100000 and ${t.shipVoterCount} between 0 and 10000`,
    ),
  ],
);

/** In-app notices; e-mail copies go out when SMTP is configured and are marked `emailed_at`. */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    brandId: uuid("brand_id")
      .notNull()
      .references(() => brands.id, { onDelete: "cascade" }),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    ideaId: uuid("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    /** What the notice says, as data the UI translates (status, title, note…). */
    payload: jsonb("payload").notNull().default({}),
    /** Unique per member: the same change never notifies twice. */
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: ts("created_at").notNull().defaultNow(),
    readAt: ts("read_at"),
    emailedAt: ts("emailed_at"),
  },
  (t) => [
    uniqueIndex("notifications_dedupe_key").on(t.memberId, t.dedupeKey),
    index("notifications_member_idx").on(t.memberId, t.id),
    index("notifications_unsent_idx").on(t.id).where(sql`emailed_at is null`),
  ],
);

/** Mutes: a row with `idea_id` mutes one idea; a row with a null `idea_id` mutes all idea notices. */
export const ideaMutes = pgTable(
  "idea_mutes",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    memberId: uuid("member_id")
      .notNull()
      .references(() => memberships.id, { onDelete: "cascade" }),
    ideaId: uuid("idea_id").references(() => ideas.id, { onDelete: "cascade" }),
    createdAt: ts("created_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("idea_mutes_key").on(t.memberId, sql`coalesce(${t.ideaId}, '00000000-0000-0000-0000-000000000000'::uuid)`)],
);
