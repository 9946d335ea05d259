import { z } from "zod";
import { locales } from "@/i18n/config";
import { idempotencyKey } from "./points";

export const TITLE_MIN = 5;
export const TITLE_MAX = 120;
export const IDEA_BODY_MAX = 10_000;
export const COMMENT_MAX = 5_000;
export const TAG_MAX = 24;
export const TAGS_MAX = 5;
export const NOTE_MAX = 500;
/** Authors may edit a comment this long after posting it. */
export const COMMENT_EDIT_MINUTES = 15;

export const IDEA_STATUSES = ["open", "under_review", "planned", "in_progress", "shipped", "declined", "duplicate"] as const;
export type IdeaStatus = (typeof IDEA_STATUSES)[number];
/** Statuses staff set directly; `duplicate` comes only from a merge. */
export const SETTABLE_STATUSES = ["open", "under_review", "planned", "in_progress", "shipped", "declined"] as const;
export const ROADMAP_STATUSES = ["planned", "in_progress", "shipped"] as const;

export const CONTENT_STATES = ["pending", "published", "rejected", "hidden"] as const;
export type ContentState = (typeof CONTENT_STATES)[number];

export const IDEA_SORTS = ["trending", "top", "newest", "status"] as const;
export type IdeaSort = (typeof IDEA_SORTS)[number];

/** Staff moderation verbs; `reject` and `hide` need a reason the author is shown. */
export const MODERATION_ACTIONS = ["approve", "reject", "hide", "unhide", "pin", "unpin", "lock", "unlock", "edit", "dismiss"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];
const NEEDS_REASON: ReadonlySet<ModerationAction> = new Set(["reject", "hide"]);

const ideaId = z.uuid({ error: "ideas.notFound" });
const commentId = z.uuid({ error: "ideas.commentNotFound" });

export const titleSchema = z
  .string({ error: "ideas.titleRequired" })
  .trim()
  .min(TITLE_MIN, { error: "ideas.titleTooShort" })
  .max(TITLE_MAX, { error: "ideas.titleTooLong" });

export const ideaBodySchema = z.string({ error: "ideas.bodyTooLong" }).trim().max(IDEA_BODY_MAX, { error: "ideas.bodyTooLong" });

/** Tags are lower-cased words (letters of any script, digits, dashes), at most five, no repeats. */
export const tagSchema = z
  .string({ error: "ideas.badTag" })
  .trim()
  .toLowerCase()
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}-]{0,23}$/u, { error: "ideas.badTag" });
export const tagsSchema = z
  .array(tagSchema, { error: "ideas.badTag" })
  .max(TAGS_MAX, { error: "ideas.tooManyTags" })
  .transform((tags) => [...new Set(tags)]);

export const commentBodySchema = z
  .string({ error: "ideas.commentRequired" })
  .trim()
  .min(1, { error: "ideas.commentRequired" })
  .max(COMMENT_MAX, { error: "ideas.commentTooLong" });

export const reasonSchema = z.string({ error: "ideas.reasonRequired" }).trim().max(NOTE_MAX, { error: "ideas.reasonTooLong" });

const localeSchema = z.enum(locales, { error: "ideas.badLocale" });

export const listInput = z.object({
  sort: z.enum(IDEA_SORTS, { error: "ideas.badSort" }).default("trending"),
  status: z.enum(IDEA_STATUSES, { error: "ideas.badStatus" }).optional(),
  tag: tagSchema.optional(),
  q: z.string().trim().max(200, { error: "ideas.queryTooLong" }).optional(),
  /** Only the signed-in member's own ideas (including those waiting for moderation). */
  mine: z.boolean().default(false),
  limit: z.number().int().min(1).max(50).default(20),
  /** Offset into the sorted list (trending scores move, so a keyset cursor would skip or repeat). */
  cursor: z.number().int().min(0).max(10_000).nullish(),
});

export const getInput = z.object({ ideaId });

export const similarInput = z.object({
  title: z.string().trim().max(TITLE_MAX, { error: "ideas.titleTooLong" }),
  locale: localeSchema.optional(),
  excludeId: ideaId.optional(),
});

export const createInput = z.object({
  title: titleSchema,
  body: ideaBodySchema.default(""),
  tags: tagsSchema.default([]),
  locale: localeSchema.default("en"),
  idempotencyKey,
});

export const updateInput = z.object({
  ideaId,
  title: titleSchema.optional(),
  body: ideaBodySchema.optional(),
  tags: tagsSchema.optional(),
});

export const voteInput = z.object({ ideaId });

export const commentInput = z.object({
  ideaId,
  body: commentBodySchema,
  parentId: commentId.optional(),
  idempotencyKey,
});

export const editCommentInput = z.object({ commentId, body: commentBodySchema });
export const deleteCommentInput = z.object({ commentId });

export const flagInput = z.object({
  target: z.enum(["idea", "comment"], { error: "ideas.badFlagTarget" }),
  id: z.uuid({ error: "ideas.notFound" }),
  reason: z
    .string({ error: "ideas.reasonRequired" })
    .trim()
    .min(3, { error: "ideas.reasonRequired" })
    .max(NOTE_MAX, { error: "ideas.reasonTooLong" }),
});

/** `ideaId` mutes one idea; without it, every idea notice of this brand. */
export const muteInput = z.object({ ideaId: ideaId.optional(), muted: z.boolean().default(true) });

export const queueInput = z.object({
  kind: z.enum(["all", "ideas", "comments", "flags"], { error: "ideas.badQueue" }).default("all"),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.number().int().min(0).max(10_000).nullish(),
});

export const moderateInput = z
  .object({
    ideaId: ideaId.optional(),
    commentId: commentId.optional(),
    action: z.enum(MODERATION_ACTIONS, { error: "ideas.badAction" }),
    reason: reasonSchema.optional(),
    /** For `edit`: the corrected text (title/body/tags of an idea, body of a comment). */
    title: titleSchema.optional(),
    body: z.string().trim().max(IDEA_BODY_MAX, { error: "ideas.bodyTooLong" }).optional(),
    tags: tagsSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (!input.ideaId === !input.commentId) ctx.addIssue({ code: "custom", path: ["ideaId"], message: "ideas.nameOneTarget" });
    if (NEEDS_REASON.has(input.action) && (input.reason ?? "").length < 3) {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "ideas.reasonRequired" });
    }
    if (input.action === "edit" && input.title === undefined && input.body === undefined && input.tags === undefined) {
      ctx.addIssue({ code: "custom", path: ["body"], message: "ideas.nothingToEdit" });
    }
    if (input.commentId && ["pin", "unpin", "lock", "unlock"].includes(input.action)) {
      ctx.addIssue({ code: "custom", path: ["action"], message: "ideas.badAction" });
    }
  });

export const setStatusInput = z
  .object({
    ideaId,
    status: z.enum(SETTABLE_STATUSES, { error: "ideas.badStatus" }),
    note: reasonSchema.optional(),
  })
  .superRefine((input, ctx) => {
    if (input.status === "declined" && (input.note ?? "").length < 3) {
      ctx.addIssue({ code: "custom", path: ["note"], message: "ideas.declineReasonRequired" });
    }
  });

export const mergeInput = z
  .object({ ideaId, intoId: z.uuid({ error: "ideas.mergeTargetNotFound" }) })
  .refine((i) => i.ideaId !== i.intoId, { path: ["intoId"], message: "ideas.mergeIntoItself" });
export const unmergeInput = z.object({ ideaId });

const pointsField = z
  .number({ error: "ideas.badPoints" })
  .int({ error: "ideas.badPoints" })
  .min(0, { error: "ideas.badPoints" })
  .max(100_000, {
    error: "ideas.badPoints",
  });
export const configureInput = z.object({
  premodDays: z
    .number({ error: "ideas.badDays" })
    .int({ error: "ideas.badDays" })
    .min(0, { error: "ideas.badDays" })
    .max(365, { error: "ideas.badDays" }),
  premodBelowTier: z
    .number({ error: "ideas.badTier" })
    .int({ error: "ideas.badTier" })
    .min(0, { error: "ideas.badTier" })
    .max(20, { error: "ideas.badTier" }),
  approvePoints: pointsField,
  plannedPoints: pointsField,
  shipAuthorPoints: pointsField,
  shipVoterPoints: pointsField,
  shipVoterCount: z
    .number({ error: "ideas.badVoterCount" })
    .int({ error: "ideas.badVoterCount" })
    .min(0, { error: "ideas.badVoterCount" })
    .max(10_000, { error: "ideas.badVoterCount" }),
});
export type IdeaSettingsInput = z.infer<typeof configureInput>;

export const notificationsInput = z.object({
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.number().int().min(1).nullish(),
});
export const readNotificationsInput = z.object({ upTo: z.number().int().min(1).optional() });
