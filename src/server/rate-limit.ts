/**
 * Fixed-window counters kept in process memory. Each server process limits on its own, so with N
 * processes the effective limit is at most N times the number below; good enough to stop brute force.
 */
interface Window {
  count: number;
  resetAt: number;
}

interface Store {
  windows: Map<string, Window>;
  lastSweep: number;
}

// Shared by Next's bundle and the tsx-run server, which load separate copies of this module.
const g = globalThis as unknown as { __sadiqRateLimit?: Store };
g.__sadiqRateLimit ??= { windows: new Map(), lastSweep: 0 };
const store: Store = g.__sadiqRateLimit;

export interface Limit {
  /** How many hits the window allows. */
  max: number;
  windowMs: number;
}

export const LIMITS = {
  signInPerIp: { max: 30, windowMs: 10 * 60_000 },
  signInPerAccount: { max: 10, windowMs: 15 * 60_000 },
  registerPerIp: { max: 10, windowMs: 10 * 60_000 },
  magicLinkPerIp: { max: 10, windowMs: 10 * 60_000 },
  mutationPerUser: { max: 120, windowMs: 60_000 },
  mutationPerIp: { max: 300, windowMs: 60_000 },
  /** Posting is cheap for a spammer and costly for moderators: ideas, comments and flags have their own caps. */
  ideasPerUser: { max: 10, windowMs: 60 * 60_000 },
  commentsPerUser: { max: 30, windowMs: 10 * 60_000 },
  flagsPerUser: { max: 30, windowMs: 60 * 60_000 },
} satisfies Record<string, Limit>;

function sweep(now: number) {
  if (now - store.lastSweep < 60_000 && store.windows.size < 50_000) return;
  store.lastSweep = now;
  for (const [key, w] of store.windows) if (w.resetAt <= now) store.windows.delete(key);
}

// Load tests and benchmarks raise every limit at once (SADIQ_RATE_LIMIT_FACTOR=1000); never below 1.
const factor = Math.max(1, Number(process.env.SADIQ_RATE_LIMIT_FACTOR) || 1);

/** Counts a hit; returns the seconds to wait when the limit is already used up, else 0. */
export function hit(key: string, limit: Limit, now = Date.now()): number {
  sweep(now);
  const max = limit.max * factor;
  const w = store.windows.get(key);
  if (!w || w.resetAt <= now) {
    store.windows.set(key, { count: 1, resetAt: now + limit.windowMs });
    return 0;
  }
  if (w.count >= max) return Math.max(1, Math.ceil((w.resetAt - now) / 1000));
  w.count += 1;
  return 0;
}

/** Forgets a key, e.g. an account's failed sign-ins after a successful one. */
export function clear(key: string): void {
  store.windows.delete(key);
}

export function resetAllLimits(): void {
  store.windows.clear();
}
