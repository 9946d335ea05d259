import type { ContentState, IdeaStatus } from "../validation/ideas";

/**
 * What the ideas procedures return. The server builds exactly these shapes and the UI reads them, so
 * both sides fail to compile until they agree. Times are ISO strings; Markdown arrives already rendered
 * to safe HTML (`bodyHtml`) next to its source (`body`, for editing).
 */
export interface IdeaAuthor {
  memberId: string;
  handle: string;
  /** Brand staff (moderator or admin). */
  staff: boolean;
}

export interface IdeaSummary {
  id: string;
  title: string;
  /** Plain-text start of the body (≤ 200 characters, Markdown removed). */
  excerpt: string;
  tags: string[];
  status: IdeaStatus;
  state: ContentState;
  author: IdeaAuthor;
  voteCount: number;
  commentCount: number;
  pinned: boolean;
  /** Whether the viewer voted (false for anonymous viewers). */
  voted: boolean;
  createdAt: string;
  /** The trending score at the time of the query (see README for the formula). */
  trending: number;
}

export interface IdeaList {
  items: IdeaSummary[];
  /** Offset of the next page, or null at the end. */
  nextCursor: number | null;
  /** Tags in use on published ideas, most used first (≤ 30), for the filter. */
  tags: string[];
  /** The latest `seq` of the brand topic when the list was read, for gap detection. */
  seq: number;
}

export interface StatusChange {
  id: number;
  from: IdeaStatus | null;
  to: IdeaStatus;
  note: string | null;
  actorHandle: string | null;
  at: string;
}

export interface IdeaComment {
  id: string;
  parentId: string | null;
  author: IdeaAuthor;
  /** Rendered safe HTML; empty when deleted. */
  bodyHtml: string;
  /** The Markdown source, for the author's edit box (empty when deleted). */
  body: string;
  official: boolean;
  state: ContentState;
  /** Shown to the author when staff rejected or hid it. */
  stateReason: string | null;
  deleted: boolean;
  createdAt: string;
  editedAt: string | null;
  /** The viewer may still edit it (their own, within 15 minutes). */
  canEdit: boolean;
  canDelete: boolean;
  /** Posted on an idea that was merged into this one. */
  fromIdeaId: string | null;
  replies: IdeaComment[];
}

export interface IdeaRef {
  id: string;
  title: string;
  status: IdeaStatus;
  voteCount: number;
}

export interface IdeaDetail extends IdeaSummary {
  body: string;
  bodyHtml: string;
  statusNote: string | null;
  /** Why staff rejected or hid it (shown to its author and staff only). */
  stateReason: string | null;
  commentsLocked: boolean;
  /** Set on a duplicate: the idea it was merged into. */
  mergedInto: IdeaRef | null;
  /** Ideas merged into this one. */
  merged: IdeaRef[];
  comments: IdeaComment[];
  history: StatusChange[];
  /** The viewer muted this idea's notices (or all idea notices). */
  muted: boolean;
  mutedAll: boolean;
  /** What the viewer may do. */
  can: { vote: boolean; comment: boolean; edit: boolean; moderate: boolean; flag: boolean };
  /** The latest `seq` of the brand topic the page listens to, for gap detection. */
  seq: number;
}

export interface RoadmapColumn {
  status: "planned" | "in_progress" | "shipped";
  items: IdeaSummary[];
}

export interface QueueItem {
  kind: "idea" | "comment" | "flag";
  /** For flags: the flag id; otherwise the idea or comment id. */
  id: string;
  ideaId: string;
  ideaTitle: string;
  commentId: string | null;
  author: IdeaAuthor;
  /** The content under review, as source text (staff see it raw, never rendered). */
  text: string;
  state: ContentState;
  createdAt: string;
  /** Flags: who flagged, why, and how many open flags the target has. */
  flag: { reporterHandle: string; reason: string; openFlags: number } | null;
}

export interface IdeaSettings {
  premodDays: number;
  premodBelowTier: number;
  approvePoints: number;
  plannedPoints: number;
  shipAuthorPoints: number;
  shipVoterPoints: number;
  shipVoterCount: number;
}

export interface VoteResult {
  ideaId: string;
  voted: boolean;
  voteCount: number;
}

export interface NotificationItem {
  id: number;
  kind: "idea.status" | "idea.comment" | "idea.merged" | "idea.moderated" | "idea.payoff";
  ideaId: string | null;
  ideaTitle: string | null;
  payload: Record<string, unknown>;
  createdAt: string;
  read: boolean;
}

/** `idea:updated` on the brand topic: everything a list row or an idea page shows that can change. */
export interface IdeaUpdated {
  brandId: string;
  seq: number;
  ideaId: string;
  voteCount: number;
  commentCount: number;
  status: IdeaStatus;
  /** Present when the idea left members' view (hidden, rejected, merged away): lists drop it. */
  removed?: boolean;
  mergedIntoId?: string | null;
}
