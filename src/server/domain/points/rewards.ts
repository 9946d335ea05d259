import { randomBytes } from "node:crypto";
import { and, asc, count, desc, eq, gt, isNull, lt, or, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { balances, ledger, memberships, pointsPolicies, redemptions, rewards, users } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { announceBalance, inTransaction, lockBalance, type Member, memberOfRow, spendInTx } from "./ledger";

export type Reward = typeof rewards.$inferSelect;
export interface RewardInput {
  title: string;
  description: string;
  imageUrl: string | null;
  cost: number;
  stock: number | null;
  perMemberLimit: number | null;
  startsAt: Date | null;
  endsAt: Date | null;
  kind: Reward["kind"];
}

// No 0/O or 1/I/L: codes are read aloud at a counter.
const VOUCHER_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
export function voucherCode(): string {
  const bytes = randomBytes(12);
  let s = "";
  for (const b of bytes) s += VOUCHER_ALPHABET[b % VOUCHER_ALPHABET.length];
  return `${s.slice(0, 4)}-${s.slice(4, 8)}-${s.slice(8, 12)}`;
}

function checkWindow(input: Pick<RewardInput, "startsAt" | "endsAt">) {
  if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) {
    throw new DomainError("BAD_REQUEST", "rewards.badWindow", { endsAt: "rewards.badWindow" });
  }
}

export async function createReward(db: Db, brandId: string, actorUserId: string, input: RewardInput) {
  checkWindow(input);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(rewards)
      .values({ ...input, brandId })
      .returning();
    if (!row) throw new Error("reward insert returned nothing");
    await audit(tx, { brandId, actorUserId, action: "reward.create", targetType: "reward", targetId: row.id, after: row });
    return row;
  });
}

export async function updateReward(db: Db, brandId: string, actorUserId: string, id: string, input: Partial<RewardInput>) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(rewards)
      .where(and(eq(rewards.id, id), eq(rewards.brandId, brandId)))
      .for("update");
    if (!before) throw new DomainError("NOT_FOUND", "rewards.notFound");
    checkWindow({
      startsAt: input.startsAt !== undefined ? input.startsAt : before.startsAt,
      endsAt: input.endsAt !== undefined ? input.endsAt : before.endsAt,
    });
    const [after] = await tx
      .update(rewards)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(rewards.id, id))
      .returning();
    await audit(tx, { brandId, actorUserId, action: "reward.update", targetType: "reward", targetId: id, before, after });
    return after;
  });
}

export async function archiveReward(db: Db, brandId: string, actorUserId: string, id: string) {
  return db.transaction(async (tx) => {
    const [after] = await tx
      .update(rewards)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(and(eq(rewards.id, id), eq(rewards.brandId, brandId), isNull(rewards.archivedAt)))
      .returning();
    if (!after) throw new DomainError("NOT_FOUND", "rewards.notFound");
    await audit(tx, {
      brandId,
      actorUserId,
      action: "reward.archive",
      targetType: "reward",
      targetId: id,
      after: { archivedAt: after.archivedAt },
    });
    return after;
  });
}

/** The catalog: active rewards members may redeem now, or everything (staff). */
export async function listRewards(db: DbOrTx, brandId: string, opts: { includeInactive: boolean; now?: Date }) {
  const now = opts.now ?? new Date();
  const active = and(
    isNull(rewards.archivedAt),
    or(isNull(rewards.startsAt), lt(rewards.startsAt, now)),
    or(isNull(rewards.endsAt), gt(rewards.endsAt, now)),
  );
  return db
    .select()
    .from(rewards)
    .where(and(eq(rewards.brandId, brandId), opts.includeInactive ? undefined : active))
    .orderBy(asc(rewards.cost), asc(rewards.title));
}

export async function causePool(db: DbOrTx, brandId: string) {
  const [p] = await db
    .select({ name: pointsPolicies.causeName, total: pointsPolicies.causePoints })
    .from(pointsPolicies)
    .where(eq(pointsPolicies.brandId, brandId));
  return { name: p?.name ?? "", total: p?.total ?? 0 };
}

/**
 * Redeems in one transaction: the member's balance row is locked (so the per-member limit is
 * exact), stock is taken with a conditional update, points with another; any refusal rolls back all.
 */
export async function redeem(db: Db, r: { member: Member; rewardId: string; key: string; now?: Date }) {
  const now = r.now ?? new Date();
  return inTransaction(db, async (tx) => {
    // Lock first: a retry racing the original waits here and then finds its redemption.
    await lockBalance(tx, r.member.brandId, r.member.memberId, now);
    const [prior] = await tx
      .select()
      .from(redemptions)
      .where(and(eq(redemptions.brandId, r.member.brandId), eq(redemptions.idempotencyKey, r.key)));
    if (prior) {
      if (prior.memberId !== r.member.memberId || prior.rewardId !== r.rewardId) throw new DomainError("CONFLICT", "points.keyReused");
      return { redemption: prior, replayed: true };
    }
    const [reward] = await tx
      .select()
      .from(rewards)
      .where(and(eq(rewards.id, r.rewardId), eq(rewards.brandId, r.member.brandId)));
    if (!reward || reward.archivedAt) throw new DomainError("NOT_FOUND", "rewards.notFound");
    if ((reward.startsAt && reward.startsAt > now) || (reward.endsAt && reward.endsAt <= now)) {
      throw new DomainError("BAD_REQUEST", "rewards.notAvailable");
    }
    if (reward.perMemberLimit !== null) {
      const [mine] = await tx
        .select({ n: count() })
        .from(redemptions)
        .where(
          and(eq(redemptions.memberId, r.member.memberId), eq(redemptions.rewardId, reward.id), sql`${redemptions.status} <> 'cancelled'`),
        );
      if ((mine?.n ?? 0) >= reward.perMemberLimit) throw new DomainError("BAD_REQUEST", "rewards.limitReached");
    }
    if (reward.stock !== null) {
      const took = await tx
        .update(rewards)
        .set({ stock: sql`${rewards.stock} - 1` })
        .where(and(eq(rewards.id, reward.id), gt(rewards.stock, 0)))
        .returning({ stock: rewards.stock });
      if (took.length === 0) throw new DomainError("BAD_REQUEST", "rewards.outOfStock");
    }
    const spent = await spendInTx(tx, {
      member: r.member,
      amount: reward.cost,
      kind: "redeem",
      source: "reward",
      sourceId: reward.id,
      reason: reward.title,
      key: `redeem:${r.key}`,
      now,
    });
    const [redemption] = await tx
      .insert(redemptions)
      .values({
        brandId: r.member.brandId,
        rewardId: reward.id,
        memberId: r.member.memberId,
        ledgerId: spent.entry.id,
        cost: reward.cost,
        voucherCode: voucherCode(),
        idempotencyKey: r.key,
        createdAt: now,
      })
      .returning();
    if (!redemption) throw new Error("redemption insert returned nothing");
    await announceBalance(tx, r.member, spent.entry, now);
    return { redemption, replayed: false };
  });
}

export async function myRedemptions(db: DbOrTx, memberId: string) {
  return db
    .select({ redemption: redemptions, title: rewards.title, kind: rewards.kind })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .where(eq(redemptions.memberId, memberId))
    .orderBy(desc(redemptions.createdAt))
    .limit(100);
}

export async function redemptionQueue(db: DbOrTx, brandId: string, status: (typeof redemptions.$inferSelect)["status"] | "all") {
  return db
    .select({ redemption: redemptions, title: rewards.title, kind: rewards.kind, handle: memberships.handle, email: users.email })
    .from(redemptions)
    .innerJoin(rewards, eq(rewards.id, redemptions.rewardId))
    .innerJoin(memberships, eq(memberships.id, redemptions.memberId))
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(redemptions.brandId, brandId), status === "all" ? undefined : eq(redemptions.status, status)))
    .orderBy(status === "awaiting_fulfilment" ? asc(redemptions.createdAt) : desc(redemptions.createdAt))
    .limit(200);
}

export async function fulfil(db: Db, brandId: string, actorUserId: string, redemptionId: string) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .update(redemptions)
      .set({ status: "fulfilled", fulfilledAt: new Date() })
      .where(and(eq(redemptions.id, redemptionId), eq(redemptions.brandId, brandId), eq(redemptions.status, "awaiting_fulfilment")))
      .returning();
    if (!row) throw new DomainError("CONFLICT", "redemptions.notAwaiting");
    await audit(tx, {
      brandId,
      actorUserId,
      action: "redemption.fulfil",
      targetType: "redemption",
      targetId: row.id,
      before: { status: "awaiting_fulfilment" },
      after: { status: "fulfilled" },
    });
    return row;
  });
}

/**
 * Cancels a redemption that was not fulfilled, in one transaction: the status flips only from
 * awaiting, the stock is returned, and a refund row (keyed by the redemption) gives the points back.
 */
export async function cancelRedemption(db: Db, brandId: string, actorUserId: string, redemptionId: string, reason: string) {
  if (reason.trim().length < 3) throw new DomainError("BAD_REQUEST", "points.reasonRequired", { reason: "points.reasonRequired" });
  return inTransaction(db, async (tx) => {
    const [row] = await tx
      .update(redemptions)
      .set({ status: "cancelled", cancelledAt: new Date(), cancelReason: reason })
      .where(and(eq(redemptions.id, redemptionId), eq(redemptions.brandId, brandId), eq(redemptions.status, "awaiting_fulfilment")))
      .returning();
    if (!row) throw new DomainError("CONFLICT", "redemptions.notAwaiting");
    await tx
      .update(rewards)
      .set({ stock: sql`${rewards.stock} + 1` })
      .where(and(eq(rewards.id, row.rewardId), sql`${rewards.stock} is not null`));
    const [spent] = await tx.select().from(ledger).where(eq(ledger.id, row.ledgerId));
    if (!spent) throw new Error("redemption without its ledger row");
    const member = await memberOfRow(tx, row.memberId);
    await lockBalance(tx, brandId, member.memberId);
    const [refund] = await tx
      .insert(ledger)
      .values({
        brandId,
        memberId: member.memberId,
        amount: -spent.amount,
        kind: "reverse",
        sourceType: "reward",
        sourceId: spent.sourceId,
        reason,
        state: "vested",
        idempotencyKey: `refund:${row.id}`,
        payloadHash: `refund:${row.id}`,
        relatedId: spent.id,
        actorUserId,
        settledAt: new Date(),
      })
      .returning();
    if (!refund) throw new Error("refund insert returned nothing");
    await tx
      .update(balances)
      .set({ available: sql`${balances.available} + ${-spent.amount}`, updatedAt: new Date() })
      .where(eq(balances.memberId, member.memberId));
    await tx.update(redemptions).set({ refundLedgerId: refund.id }).where(eq(redemptions.id, row.id));
    await audit(tx, {
      brandId,
      actorUserId,
      action: "redemption.cancel",
      targetType: "redemption",
      targetId: row.id,
      before: { status: "awaiting_fulfilment" },
      after: { status: "cancelled", refunded: -spent.amount },
      reason,
    });
    await announceBalance(tx, member, refund);
    return { ...row, refundLedgerId: refund.id };
  });
}
