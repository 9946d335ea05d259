import type { IdeaUpdated } from "../ideas/types";

export type { IdeaUpdated };

/**
 * The typed Socket.IO contract shared by the server and the browser. Add an event here first;
 * both sides then fail to compile until they agree on it.
 */
export interface WhoAmI {
  userId: string | null;
}

export type JoinResult = { ok: true; room: string } | { ok: false; error: "not_found" | "forbidden" | "invalid" };

/** A ledger entry as members see it (ids and amounts only; never another member's data). */
export interface PublicEntry {
  id: number;
  amount: number;
  baseAmount: number | null;
  multiplierBp: number;
  kind: "earn" | "redeem" | "donate" | "expire" | "reverse" | "adjust";
  sourceType: string;
  sourceId: string | null;
  reason: string;
  state: "pending" | "vested" | "reversed";
  createdAt: string;
}

export interface PointsChanged {
  brandId: string;
  /** Per-topic sequence number: a client that sees a gap refetches its balance. */
  seq: number;
  balance: { available: number; pending: number; lifetimeEarned: number; tierPoints: number; tierRank: number; tierName: string };
  entry: PublicEntry;
}

/** A member's own quest progress; carries points and counts only, never a health value. */
export interface QuestProgress {
  brandId: string;
  seq: number;
  questId: string;
  completionId: string;
  state: "pending" | "approved" | "rejected" | "undone" | "removed";
  points: number;
  localDay: string;
  done: number | null;
  target: number | null;
}

export interface StreakChanged {
  brandId: string;
  seq: number;
  questId: string;
  current: number;
  best: number;
  freezes: number;
  done: number;
  target: number;
}

export type BoardName = "points" | "reviews" | "checkins" | "shares" | "referrals" | "streak";
export type BoardPeriod = "all" | "week" | "month";

export interface BoardRowView {
  memberId: string;
  handle: string;
  points: number;
  rank: number;
  /** The rank this client last saw for the member (null: new to its view). */
  previousRank: number | null;
}

/**
 * One tick of a board for one client: only the rows of its view (the top `window.top` and the
 * neighbourhood `window.from`–`window.to` around its own place) that changed since its last frame.
 * `prevSeq` is the `seq` of the frame before; a client whose last applied seq differs asks `leaderboards.since`.
 */
export interface BoardFrame {
  board: BoardName;
  period: BoardPeriod;
  periodKey: string;
  seq: number;
  prevSeq: number | null;
  /** Every row of the view is included: replace instead of patching. */
  full: boolean;
  total: number;
  window: { top: number; from: number | null; to: number | null };
  me: {
    rank: number | null;
    points: number;
    previousRank: number | null;
    hidden: boolean;
    excluded: boolean;
    topPercent: number | null;
  } | null;
  changes: BoardRowView[];
  /** Members that left the view. */
  removed: string[];
}

export interface RankChanged {
  board: BoardName;
  period: BoardPeriod;
  rank: number;
  previousRank: number | null;
  /** Public members who moved from behind to ahead of this member in the tick. */
  passedBy: { memberId: string; handle: string }[];
}

export interface LeagueSettled {
  brandId?: string;
  seq: number;
  week: string;
  position: number;
  outcome: "promoted" | "stayed" | "demoted";
  prize: number;
}

export interface WatchRequest {
  brandSlug: string;
  board: BoardName;
  period: BoardPeriod;
  /** How many top rows the client shows (1–100). */
  limit: number;
}

export type WatchResult = { ok: true } | { ok: false; error: "invalid" | "forbidden" | "not_found" };

export interface ServerToClientEvents {
  /** Sent once after connecting so the client knows the server sees its session. */
  hello: (info: WhoAmI) => void;
  /** To `user:<id>` whenever that member's points change, delivered through the outbox. */
  "points:changed": (event: PointsChanged) => void;
  /** To `user:<id>` when one of the member's completions is recorded, approved, rejected or undone. */
  "quest:progress": (event: QuestProgress) => void;
  /** To `user:<id>` when a streak is recomputed. */
  "streak:changed": (event: StreakChanged) => void;
  /** To a client watching a board: the rows of its view that changed in the last tick. */
  "leaderboard:delta": (frame: BoardFrame) => void;
  /** To a client watching a board whose own rank changed, with who passed them. */
  "rank:changed": (event: RankChanged) => void;
  /** To `user:<id>` when the weekly league reset settled the member's cohort. */
  "league:settled": (event: LeagueSettled) => void;
  /** To `brand:<id>` when a published idea's votes, comment count or status change. */
  "idea:updated": (event: IdeaUpdated) => void;
  /** To `user:<id>` when the member gets an in-app notification. */
  "notification:new": (event: NotificationNew) => void;
  /** To `user:<id>` of the referrer when one of their referrals changes status; the page refetches `referrals.mine`. */
  "referral:updated": (event: ReferralUpdated) => void;
  /** To `user:<id>` when one of the member's surprise draws won something; the draw is already recorded. */
  "surprise:won": (event: SurpriseWon) => void;
}

export interface SurpriseWon {
  brandId: string;
  seq: number;
  drawId: string;
  tableId: string;
  tableName: string;
  outcome: { kind: "points" | "reward" | "streak_freeze"; label: string; points: number };
}

export interface ReferralUpdated {
  brandId: string;
  seq: number;
  referralId: string;
  status: "signed_up" | "held" | "rewarded" | "rejected" | "blocked";
}

/** A new in-app notice for this member; the bell refetches `notifications.list`. */
export interface NotificationNew {
  brandId: string;
  seq: number;
  id: number;
  kind: string;
  ideaId: string | null;
}

export interface ClientToServerEvents {
  whoami: (ack: (info: WhoAmI) => void) => void;
  /** Join a brand's public room; anyone may, since it carries only public events. */
  "brand:join": (brandSlug: string, ack: (result: JoinResult) => void) => void;
  "brand:leave": (brandSlug: string) => void;
  /** Watch a board: the server checks membership of the brand, then sends a full frame and deltas. */
  "board:watch": (request: WatchRequest, ack: (result: WatchResult) => void) => void;
  "board:unwatch": (request: Pick<WatchRequest, "brandSlug" | "board" | "period">) => void;
}

export interface SocketData {
  userId: string | null;
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  brand: (brandId: string) => `brand:${brandId}`,
};
