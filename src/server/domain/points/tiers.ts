export interface Tier {
  rank: number;
  name: string;
  threshold: number;
  multiplierBp: number;
  perks: string;
}

export const DEMOTION_WARNING_DAYS = 30;
export const QUALIFICATION_YEAR_MS = 365 * 24 * 3600 * 1000;

/** The highest tier whose threshold the points reach; tiers sorted by rank ascending. */
export function qualifyingTier(tiers: Tier[], tierPoints: number): Tier {
  let best = tiers[0];
  for (const t of tiers) if (tierPoints >= t.threshold && (!best || t.rank > best.rank)) best = t;
  if (!best) throw new Error("a brand has no tiers");
  return best;
}

export function tierByRank(tiers: Tier[], rank: number): Tier {
  const exact = tiers.find((t) => t.rank === rank);
  if (exact) return exact;
  // A staff edit removed the member's tier: fall back to the highest tier at or below it.
  const lower = tiers.filter((t) => t.rank <= rank).at(-1) ?? tiers[0];
  if (!lower) throw new Error("a brand has no tiers");
  return lower;
}

/** Applies the multiplier, rounding down so a member never gets a fraction of a point. */
export function multiply(base: number, multiplierBp: number): number {
  return Math.floor((base * multiplierBp) / 100);
}

export interface TierDecision {
  rank: number;
  tierSince: Date;
  qualifiedUntil: Date;
  changed: "promoted" | "demoted" | null;
}

/**
 * Promotion happens at once; demotion only when the qualification year has ended, and then to the
 * tier the points still reach. Each change starts a new qualification year.
 */
export function decideTier(
  tiers: Tier[],
  current: { rank: number; tierSince: Date; qualifiedUntil: Date },
  tierPoints: number,
  now: Date,
): TierDecision {
  const qualifying = qualifyingTier(tiers, tierPoints);
  const nextYear = new Date(now.getTime() + QUALIFICATION_YEAR_MS);
  if (qualifying.rank > current.rank) return { rank: qualifying.rank, tierSince: now, qualifiedUntil: nextYear, changed: "promoted" };
  if (now >= current.qualifiedUntil) {
    if (qualifying.rank < current.rank) return { rank: qualifying.rank, tierSince: now, qualifiedUntil: nextYear, changed: "demoted" };
    return { rank: current.rank, tierSince: current.tierSince, qualifiedUntil: nextYear, changed: null };
  }
  return { ...current, changed: null };
}

export interface TierStatus {
  current: Tier;
  next: Tier | null;
  pointsToNext: number | null;
  /** Set within 30 days of a demotion the member's points would cause. */
  demotionWarning: { to: Tier; on: Date; pointsToKeep: number } | null;
}

export function tierStatus(tiers: Tier[], current: { rank: number; qualifiedUntil: Date }, tierPoints: number, now: Date): TierStatus {
  const tier = tierByRank(tiers, current.rank);
  const next = tiers.find((t) => t.rank > tier.rank) ?? null;
  const qualifying = qualifyingTier(tiers, tierPoints);
  const warnFrom = current.qualifiedUntil.getTime() - DEMOTION_WARNING_DAYS * 24 * 3600 * 1000;
  const demotionWarning =
    qualifying.rank < tier.rank && now.getTime() >= warnFrom
      ? { to: qualifying, on: current.qualifiedUntil, pointsToKeep: Math.max(0, tier.threshold - tierPoints) }
      : null;
  return { current: tier, next, pointsToNext: next ? Math.max(0, next.threshold - tierPoints) : null, demotionWarning };
}

/** First day (UTC) of the month `monthsBack` months before `now`'s month, as YYYY-MM-DD. */
export function monthStart(now: Date, monthsBack = 0): string {
  const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - monthsBack, 1));
  return d.toISOString().slice(0, 10);
}
