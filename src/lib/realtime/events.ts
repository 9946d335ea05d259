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

export interface ServerToClientEvents {
  /** Sent once after connecting so the client knows the server sees its session. */
  hello: (info: WhoAmI) => void;
  /** To `user:<id>` whenever that member's points change, delivered through the outbox. */
  "points:changed": (event: PointsChanged) => void;
  /** To `user:<id>` when one of the member's completions is recorded, approved, rejected or undone. */
  "quest:progress": (event: QuestProgress) => void;
  /** To `user:<id>` when a streak is recomputed. */
  "streak:changed": (event: StreakChanged) => void;
}

export interface ClientToServerEvents {
  whoami: (ack: (info: WhoAmI) => void) => void;
  /** Join a brand's public room; anyone may, since it carries only public events. */
  "brand:join": (brandSlug: string, ack: (result: JoinResult) => void) => void;
  "brand:leave": (brandSlug: string) => void;
}

export interface SocketData {
  userId: string | null;
}

export const rooms = {
  user: (userId: string) => `user:${userId}`,
  brand: (brandId: string) => `brand:${brandId}`,
};
