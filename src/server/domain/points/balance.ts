import { aliasedTable, and, desc, eq, lt } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { balances, ledger, memberships, pointsPolicies } from "../../db/schema";
import { keysetPage } from "../pagination";
import { loadTiers, tierPointsOf } from "./ledger";
import { decideTier, tierStatus } from "./tiers";

export const EXPIRY_WARNING_DAYS = 14;

/** What a member sees on their balance card: points, tier, progress and warnings. */
export async function balanceOf(db: DbOrTx, brandId: string, memberId: string, now = new Date()) {
  const [row] = await db.select().from(balances).where(eq(balances.memberId, memberId));
  const [policy] = await db.select().from(pointsPolicies).where(eq(pointsPolicies.brandId, brandId));
  const tiers = await loadTiers(db as never, brandId);
  const tierPoints = await tierPointsOf(db as never, memberId, now);
  const stored = row
    ? { rank: row.tierRank, tierSince: row.tierSince, qualifiedUntil: row.qualifiedUntil }
    : { rank: 0, tierSince: now, qualifiedUntil: new Date(now.getTime() + 365 * 86_400_000) };
  // A read never writes: it shows the tier the next award would settle on.
  const effective = decideTier(tiers, stored, tierPoints, now);
  const status = tierStatus(tiers, effective, tierPoints, now);
  const available = row?.available ?? 0;
  let expiry: { on: Date; amount: number } | null = null;
  if (policy?.expiryDays && row && available > 0) {
    const on = new Date(row.lastActivityAt.getTime() + policy.expiryDays * 86_400_000);
    if (on.getTime() - now.getTime() <= EXPIRY_WARNING_DAYS * 86_400_000) expiry = { on, amount: available };
  }
  return {
    available,
    pending: row?.pending ?? 0,
    lifetimeEarned: row?.lifetimeEarned ?? 0,
    tierPoints,
    tier: status.current,
    nextTier: status.next,
    pointsToNext: status.pointsToNext,
    qualifiedUntil: effective.qualifiedUntil,
    demotionWarning: status.demotionWarning,
    expiryWarning: expiry,
    expiryDays: policy?.expiryDays ?? null,
    tiers,
  };
}

const counterparty = aliasedTable(memberships, "counterparty");

export async function historyOf(db: DbOrTx, memberId: string, opts: { limit: number; cursor?: number | null }) {
  const rows = await db
    .select({
      id: ledger.id,
      amount: ledger.amount,
      baseAmount: ledger.baseAmount,
      multiplierBp: ledger.multiplierBp,
      kind: ledger.kind,
      sourceType: ledger.sourceType,
      sourceId: ledger.sourceId,
      reason: ledger.reason,
      state: ledger.state,
      createdAt: ledger.createdAt,
      counterpartyHandle: counterparty.handle,
    })
    .from(ledger)
    .leftJoin(counterparty, eq(counterparty.id, ledger.counterpartyId))
    .where(and(eq(ledger.memberId, memberId), opts.cursor ? lt(ledger.id, opts.cursor) : undefined))
    .orderBy(desc(ledger.id))
    .limit(opts.limit + 1);
  return keysetPage(rows, opts.limit);
}
