import { and, asc, eq, gte, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { balances, ledger, memberships, pointsPolicies, tierPointsMonthly, tiers as tiersTable } from "../../db/schema";
import { countEarning, flushBoardChanges, uncountEarning } from "../boards/scores";
import { DomainError } from "../errors";
import { emitEvent } from "../events/outbox";
import { payloadHash as hashPayload } from "../fingerprint";
import { placeInLeague } from "../leagues/placement";
import { decideTier, monthStart, multiply, type Tier, tierByRank } from "./tiers";

export type LedgerRow = typeof ledger.$inferSelect;
type BalanceRow = typeof balances.$inferSelect;
type Source = (typeof ledger.$inferInsert)["sourceType"];

/** A membership: points belong to a member of one brand. */
export interface Member {
  brandId: string;
  memberId: string;
  userId: string;
}

export interface BalanceView {
  available: number;
  pending: number;
  lifetimeEarned: number;
  tierPoints: number;
  tierRank: number;
  tierName: string;
}

export interface EntryResult {
  entry: LedgerRow;
  /** True when the idempotency key had been used: nothing changed. */
  replayed: boolean;
}

const IDEMPOTENCY_KEY = /^[\w:.@/-]{1,200}$/;
const MAX_POINTS = 1_000_000;

function checkKey(key: string) {
  if (!IDEMPOTENCY_KEY.test(key)) throw new DomainError("BAD_REQUEST", "points.badKey", { idempotencyKey: "points.badKey" });
}

function checkAmount(amount: number, field = "amount") {
  if (!Number.isSafeInteger(amount) || amount <= 0 || amount > MAX_POINTS) {
    throw new DomainError("BAD_REQUEST", "points.badAmount", { [field]: "points.badAmount" });
  }
}

function isRetryable(err: unknown): boolean {
  const code = (err as { code?: string })?.code ?? (err as { cause?: { code?: string } })?.cause?.code;
  return code === "40001" || code === "40P01";
}

/** Runs a transaction, retrying serialization failures and deadlocks so callers never see them. */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.transaction(async (tx) => {
        const result = await fn(tx);
        await flushBoardChanges(tx);
        return result;
      });
    } catch (err) {
      if (attempt >= 6 || !isRetryable(err)) throw err;
      await new Promise((r) => setTimeout(r, 2 ** attempt * 5 + Math.random() * 10));
    }
  }
}

export async function loadTiers(tx: Tx | Db, brandId: string): Promise<Tier[]> {
  const rows = await tx
    .select({
      rank: tiersTable.rank,
      name: tiersTable.name,
      threshold: tiersTable.threshold,
      multiplierBp: tiersTable.multiplierBp,
      perks: tiersTable.perks,
    })
    .from(tiersTable)
    .where(eq(tiersTable.brandId, brandId))
    .orderBy(asc(tiersTable.rank));
  if (rows.length === 0) throw new Error(`brand ${brandId} has no tiers`);
  return rows;
}

/** Creates the balance row on first use and locks it for the rest of the transaction. */
export async function lockBalance(tx: Tx, brandId: string, memberId: string, now = new Date()): Promise<BalanceRow> {
  await tx
    .insert(balances)
    .values({ memberId, brandId, qualifiedUntil: new Date(now.getTime() + 365 * 86_400_000), tierSince: now, lastActivityAt: now })
    .onConflictDoNothing();
  const [row] = await tx.select().from(balances).where(eq(balances.memberId, memberId)).for("update");
  if (!row) throw new Error("balance row vanished");
  return row;
}

export async function tierPointsOf(tx: Tx | Db, memberId: string, now = new Date()): Promise<number> {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${tierPointsMonthly.points}), 0)::int` })
    .from(tierPointsMonthly)
    .where(and(eq(tierPointsMonthly.memberId, memberId), gte(tierPointsMonthly.month, monthStart(now, 11))));
  return row?.n ?? 0;
}

async function addTierPoints(tx: Tx, memberId: string, month: string, points: number) {
  await tx
    .insert(tierPointsMonthly)
    .values({ memberId, month, points: Math.max(0, points) })
    .onConflictDoUpdate({
      target: [tierPointsMonthly.memberId, tierPointsMonthly.month],
      set: { points: sql`greatest(0, ${tierPointsMonthly.points} + ${points})` },
    });
}

/**
 * Inserts the row unless its key was used. A reused key with the same payload returns the first row;
 * with a different payload it is refused, so a retry can never apply a changed request.
 */
async function insertEntry(tx: Tx, values: typeof ledger.$inferInsert): Promise<EntryResult> {
  const [row] = await tx.insert(ledger).values(values).onConflictDoNothing().returning();
  if (row) return { entry: row, replayed: false };
  const [existing] = await tx
    .select()
    .from(ledger)
    .where(and(eq(ledger.brandId, values.brandId), eq(ledger.idempotencyKey, values.idempotencyKey)));
  if (!existing) throw new Error("idempotency conflict without a row");
  if (existing.payloadHash !== values.payloadHash) {
    throw new DomainError("CONFLICT", "points.keyReused", { idempotencyKey: "points.keyReused" });
  }
  return { entry: existing, replayed: true };
}

async function saveBalance(tx: Tx, memberId: string, set: Partial<BalanceRow>) {
  await tx
    .update(balances)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(balances.memberId, memberId));
}

/** Re-evaluates the tier after tier points changed (or on a read after the year ended). */
async function settleTier(tx: Tx, balance: BalanceRow, tiers: Tier[], tierPoints: number, now: Date) {
  const decision = decideTier(
    tiers,
    { rank: balance.tierRank, tierSince: balance.tierSince, qualifiedUntil: balance.qualifiedUntil },
    tierPoints,
    now,
  );
  if (decision.rank !== balance.tierRank || decision.qualifiedUntil.getTime() !== balance.qualifiedUntil.getTime()) {
    await saveBalance(tx, balance.memberId, {
      tierRank: decision.rank,
      tierSince: decision.tierSince,
      qualifiedUntil: decision.qualifiedUntil,
    });
  }
  return decision;
}

async function viewAfter(tx: Tx, memberId: string, tiers: Tier[], now: Date): Promise<BalanceView> {
  const [b] = await tx.select().from(balances).where(eq(balances.memberId, memberId));
  if (!b) throw new Error("no balance");
  return {
    available: b.available,
    pending: b.pending,
    lifetimeEarned: b.lifetimeEarned,
    tierPoints: await tierPointsOf(tx, memberId, now),
    tierRank: b.tierRank,
    tierName: tierByRank(tiers, b.tierRank).name,
  };
}

export function publicEntry(e: LedgerRow) {
  return {
    id: e.id,
    amount: e.amount,
    baseAmount: e.baseAmount,
    multiplierBp: e.multiplierBp,
    kind: e.kind,
    sourceType: e.sourceType,
    sourceId: e.sourceId,
    reason: e.reason,
    state: e.state,
    createdAt: e.createdAt.toISOString(),
  };
}

async function announce(tx: Tx, userId: string, brandId: string, entry: LedgerRow, balance: BalanceView) {
  await emitEvent(tx, `user:${userId}`, "points:changed", { brandId, balance, entry: publicEntry(entry) });
}

export interface AwardArgs {
  member: Member;
  base: number;
  source: Source;
  sourceId?: string;
  reason: string;
  key: string;
  /** Pending awards wait for staff approval (or `vestsAt`) before they can be spent. */
  pending?: boolean;
  vestsAt?: Date;
  now?: Date;
}

export type AwardResult = EntryResult & { balance: BalanceView };

/** Earns points: the tier multiplier applies and the row records base amount and multiplier. */
export async function award(db: Db, a: AwardArgs): Promise<AwardResult> {
  return inTransaction(db, async (tx) => {
    const result = await awardInTx(tx, a);
    if (!result) throw new Error("award without maxAmount returned nothing");
    return result;
  });
}

/**
 * The award inside a caller's transaction (which may already hold the member's balance lock).
 * With `maxAmount` the base is lowered so the multiplied amount stays within it; when nothing fits,
 * nothing is written and null is returned.
 */
export async function awardInTx(tx: Tx, a: AwardArgs & { maxAmount?: number }): Promise<AwardResult | null> {
  checkKey(a.key);
  checkAmount(a.base, "base");
  const now = a.now ?? new Date();
  const balance = await lockBalance(tx, a.member.brandId, a.member.memberId, now);
  const tiers = await loadTiers(tx, a.member.brandId);
  const tierPoints = await tierPointsOf(tx, a.member.memberId, now);
  // A year that ended since the last activity is settled before this award's multiplier is chosen.
  const before = await settleTier(tx, balance, tiers, tierPoints, now);
  const multiplierBp = tierByRank(tiers, before.rank).multiplierBp;
  let base = a.base;
  if (a.maxAmount !== undefined) {
    base = Math.min(base, Math.floor((Math.max(0, a.maxAmount) * 100) / multiplierBp) + 1);
    while (base > 0 && multiply(base, multiplierBp) > a.maxAmount) base -= 1;
    if (base <= 0) return null;
  }
  const amount = multiply(base, multiplierBp);
  const payloadHash = hashPayload({
    op: "award",
    member: a.member.memberId,
    base,
    source: a.source,
    sourceId: a.sourceId,
    reason: a.reason,
    pending: !!a.pending,
  });
  const result = await insertEntry(tx, {
    brandId: a.member.brandId,
    memberId: a.member.memberId,
    amount,
    baseAmount: base,
    multiplierBp,
    kind: "earn",
    sourceType: a.source,
    sourceId: a.sourceId ?? null,
    reason: a.reason,
    state: a.pending ? "pending" : "vested",
    idempotencyKey: a.key,
    payloadHash,
    createdAt: now,
    vestsAt: a.vestsAt ?? null,
    settledAt: a.pending ? null : now,
  });
  if (result.replayed) return { ...result, balance: await viewAfter(tx, a.member.memberId, tiers, now) };
  // The balance row is locked, so the new state is known without reading it back.
  const view: BalanceView = {
    available: balance.available,
    pending: balance.pending,
    lifetimeEarned: balance.lifetimeEarned,
    tierPoints,
    tierRank: before.rank,
    tierName: tierByRank(tiers, before.rank).name,
  };
  if (a.pending) {
    view.pending += amount;
    await saveBalance(tx, a.member.memberId, { pending: view.pending, lastActivityAt: now });
  } else {
    view.available += amount;
    view.lifetimeEarned += amount;
    view.tierPoints += amount;
    const after = decideTier(tiers, before, view.tierPoints, now);
    view.tierRank = after.rank;
    view.tierName = tierByRank(tiers, after.rank).name;
    await saveBalance(tx, a.member.memberId, {
      available: view.available,
      lifetimeEarned: view.lifetimeEarned,
      lastActivityAt: now,
      ...(after.changed ? { tierRank: after.rank, tierSince: after.tierSince, qualifiedUntil: after.qualifiedUntil } : {}),
    });
    await addTierPoints(tx, a.member.memberId, monthStart(now), amount);
    await countBoards(tx, result.entry);
  }
  await announce(tx, a.member.userId, a.member.brandId, result.entry, view);
  return { ...result, balance: view };
}

/** A vested earning moves the points boards; a member's first points of a week place them in a league. */
async function countBoards(tx: Tx, entry: LedgerRow) {
  await countEarning(tx, entry, (week) => placeInLeague(tx, entry.brandId, entry.memberId, week));
}

export async function memberOfRow(tx: Tx, memberId: string): Promise<Member> {
  const [m] = await tx
    .select({ brandId: memberships.brandId, memberId: memberships.id, userId: memberships.userId })
    .from(memberships)
    .where(eq(memberships.id, memberId));
  if (!m) throw new DomainError("NOT_FOUND", "points.memberNotFound");
  return m;
}

/** Moves a pending award into the spendable balance; a no-op once vested or reversed. */
export async function vest(db: Db, args: { brandId: string; ledgerId: number; now?: Date }) {
  return inTransaction(db, (tx) => vestInTx(tx, args));
}

export async function vestInTx(tx: Tx, args: { brandId: string; ledgerId: number; now?: Date }) {
  const now = args.now ?? new Date();
  const [row] = await tx
    .select()
    .from(ledger)
    .where(and(eq(ledger.id, args.ledgerId), eq(ledger.brandId, args.brandId)));
  if (!row) throw new DomainError("NOT_FOUND", "points.entryNotFound");
  const balance = await lockBalance(tx, row.brandId, row.memberId, now);
  const [vested] = await tx
    .update(ledger)
    .set({ state: "vested", settledAt: now })
    .where(and(eq(ledger.id, row.id), eq(ledger.state, "pending")))
    .returning();
  if (!vested) return { entry: row, changed: false };
  const tiers = await loadTiers(tx, row.brandId);
  await saveBalance(tx, row.memberId, {
    pending: balance.pending - row.amount,
    available: balance.available + row.amount,
    lifetimeEarned: balance.lifetimeEarned + row.amount,
    lastActivityAt: now,
  });
  await addTierPoints(tx, row.memberId, monthStart(now), row.amount);
  await countBoards(tx, vested);
  // Still locked: only the amounts changed, not the tier fields settleTier reads.
  await settleTier(tx, balance, tiers, await tierPointsOf(tx, row.memberId, now), now);
  const member = await memberOfRow(tx, row.memberId);
  await announce(tx, member.userId, row.brandId, vested, await viewAfter(tx, row.memberId, tiers, now));
  return { entry: vested, changed: true };
}

export interface SpendArgs {
  member: Member;
  amount: number;
  kind: "redeem" | "expire" | "adjust";
  source: Source;
  sourceId?: string;
  reason: string;
  key: string;
  actorUserId?: string;
  now?: Date;
}

/**
 * Takes points with a conditional update (`available >= amount`), never read-then-write. Runs inside
 * a caller's transaction, which already holds the member's balance lock, so a redemption can take stock and
 * points atomically.
 */
export async function spendInTx(tx: Tx, s: SpendArgs, extraHash: Record<string, unknown> = {}): Promise<EntryResult> {
  checkKey(s.key);
  checkAmount(s.amount);
  const now = s.now ?? new Date();
  const payloadHash = hashPayload({
    op: s.kind,
    member: s.member.memberId,
    amount: s.amount,
    source: s.source,
    sourceId: s.sourceId,
    reason: s.reason,
    ...extraHash,
  });
  const result = await insertEntry(tx, {
    brandId: s.member.brandId,
    memberId: s.member.memberId,
    amount: -s.amount,
    kind: s.kind,
    sourceType: s.source,
    sourceId: s.sourceId ?? null,
    reason: s.reason,
    state: "vested",
    idempotencyKey: s.key,
    payloadHash,
    actorUserId: s.actorUserId ?? null,
    createdAt: now,
    settledAt: now,
  });
  if (result.replayed) return result;
  const taken = await tx
    .update(balances)
    .set({
      available: sql`${balances.available} - ${s.amount}`,
      updatedAt: now,
      ...(s.kind === "redeem" ? { lastActivityAt: now } : {}),
    })
    .where(and(eq(balances.memberId, s.member.memberId), gte(balances.available, s.amount)))
    .returning({ available: balances.available });
  if (taken.length === 0) throw new DomainError("BAD_REQUEST", "points.insufficient", { amount: "points.insufficient" });
  return result;
}

export async function announceBalance(tx: Tx, member: Member, entry: LedgerRow, now = new Date()) {
  const tiers = await loadTiers(tx, member.brandId);
  await announce(tx, member.userId, member.brandId, entry, await viewAfter(tx, member.memberId, tiers, now));
}

export async function spend(db: Db, s: SpendArgs): Promise<EntryResult> {
  return inTransaction(db, async (tx) => {
    await lockBalance(tx, s.member.brandId, s.member.memberId, s.now);
    const result = await spendInTx(tx, s);
    if (!result.replayed) await announceBalance(tx, s.member, result.entry, s.now);
    return result;
  });
}

/** Staff correction, positive or negative; never takes a balance below zero. */
export async function adjust(db: Db, a: { member: Member; amount: number; reason: string; key: string; actorUserId: string; now?: Date }) {
  if (!Number.isSafeInteger(a.amount) || a.amount === 0 || Math.abs(a.amount) > MAX_POINTS) {
    throw new DomainError("BAD_REQUEST", "points.badAmount", { amount: "points.badAmount" });
  }
  if (a.reason.trim().length < 3) throw new DomainError("BAD_REQUEST", "points.reasonRequired", { reason: "points.reasonRequired" });
  const now = a.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const before = await lockBalance(tx, a.member.brandId, a.member.memberId, now);
    let result: EntryResult;
    if (a.amount < 0) {
      result = await spendInTx(tx, {
        member: a.member,
        amount: -a.amount,
        kind: "adjust",
        source: "staff",
        reason: a.reason,
        key: a.key,
        actorUserId: a.actorUserId,
        now,
      });
    } else {
      checkKey(a.key);
      result = await insertEntry(tx, {
        brandId: a.member.brandId,
        memberId: a.member.memberId,
        amount: a.amount,
        kind: "adjust",
        sourceType: "staff",
        reason: a.reason,
        state: "vested",
        idempotencyKey: a.key,
        payloadHash: hashPayload({ op: "adjust", member: a.member.memberId, amount: a.amount, reason: a.reason }),
        actorUserId: a.actorUserId,
        createdAt: now,
        settledAt: now,
      });
      if (!result.replayed) await saveBalance(tx, a.member.memberId, { available: before.available + a.amount });
    }
    if (!result.replayed) await announceBalance(tx, a.member, result.entry, now);
    const [after] = await tx.select().from(balances).where(eq(balances.memberId, a.member.memberId));
    return { ...result, before: before.available, after: after?.available ?? before.available };
  });
}

/**
 * Undoes an award. A pending award simply becomes reversed; a vested one is matched by a negative
 * `reverse` row, which takes what is left when some was already spent, so no balance goes below zero.
 */
export interface ReverseArgs {
  brandId: string;
  ledgerId: number;
  reason: string;
  key: string;
  actorUserId?: string;
  now?: Date;
}

export async function reverse(db: Db, r: ReverseArgs) {
  return inTransaction(db, (tx) => reverseInTx(tx, r));
}

export async function reverseInTx(tx: Tx, r: ReverseArgs) {
  checkKey(r.key);
  const now = r.now ?? new Date();
  const [original] = await tx
    .select()
    .from(ledger)
    .where(and(eq(ledger.id, r.ledgerId), eq(ledger.brandId, r.brandId)));
  if (!original) throw new DomainError("NOT_FOUND", "points.entryNotFound");
  if (original.amount <= 0 || original.kind === "reverse") throw new DomainError("BAD_REQUEST", "points.notReversible");
  const balance = await lockBalance(tx, original.brandId, original.memberId, now);
  const member = await memberOfRow(tx, original.memberId);
  const payloadHash = hashPayload({ op: "reverse", ledgerId: original.id, reason: r.reason });
  const [prior] = await tx
    .select()
    .from(ledger)
    .where(and(eq(ledger.brandId, r.brandId), eq(ledger.idempotencyKey, r.key)));
  if (prior) {
    if (prior.payloadHash !== payloadHash) throw new DomainError("CONFLICT", "points.keyReused");
    return { entry: prior, replayed: true, taken: -prior.amount };
  }
  if (original.state === "reversed") throw new DomainError("CONFLICT", "points.alreadyReversed");
  const alreadyReversed = await tx
    .select({ id: ledger.id })
    .from(ledger)
    .where(and(eq(ledger.relatedId, original.id), eq(ledger.kind, "reverse")));
  if (alreadyReversed.length > 0) throw new DomainError("CONFLICT", "points.alreadyReversed");

  let taken = 0;
  if (original.state === "pending") {
    await tx.update(ledger).set({ state: "reversed", settledAt: now }).where(eq(ledger.id, original.id));
    await saveBalance(tx, original.memberId, { pending: balance.pending - original.amount });
  } else {
    taken = Math.min(original.amount, balance.available);
    await saveBalance(tx, original.memberId, {
      available: balance.available - taken,
      lifetimeEarned: Math.max(0, balance.lifetimeEarned - (original.kind === "earn" ? original.amount : 0)),
    });
    if (original.kind === "earn") await addTierPoints(tx, original.memberId, monthStart(original.createdAt), -original.amount);
  }
  const result = await insertEntry(tx, {
    brandId: original.brandId,
    memberId: original.memberId,
    amount: -taken,
    kind: "reverse",
    sourceType: original.sourceType,
    sourceId: original.sourceId,
    reason: r.reason,
    state: "vested",
    idempotencyKey: r.key,
    payloadHash,
    relatedId: original.id,
    actorUserId: r.actorUserId ?? null,
    createdAt: now,
    settledAt: now,
  });
  // Rebuilt from the ledger, which now holds the reversal.
  if (original.state === "vested") await uncountEarning(tx, original);
  await announceBalance(tx, member, result.entry, now);
  return { ...result, taken };
}

export type DonationTarget = { memberId: string } | { cause: true };

/** Gives points to another member or to the brand's cause pool, within a per-day limit. */
export async function donate(db: Db, d: { from: Member; to: DonationTarget; amount: number; key: string; now?: Date }) {
  checkKey(d.key);
  checkAmount(d.amount);
  const now = d.now ?? new Date();
  const toMember = "memberId" in d.to ? d.to.memberId : null;
  if (toMember === d.from.memberId) throw new DomainError("BAD_REQUEST", "points.donateSelf", { handle: "points.donateSelf" });
  return inTransaction(db, async (tx) => {
    // Lock both balances in one global order so A→B and B→A cannot deadlock.
    const ids = [d.from.memberId, ...(toMember ? [toMember] : [])].sort();
    for (const id of ids) await lockBalance(tx, d.from.brandId, id, now);
    const recipient = toMember ? await memberOfRow(tx, toMember) : null;
    if (recipient && recipient.brandId !== d.from.brandId) throw new DomainError("NOT_FOUND", "points.memberNotFound");
    const [policy] = await tx.select().from(pointsPolicies).where(eq(pointsPolicies.brandId, d.from.brandId));
    const limit = policy?.donationDailyLimit ?? 500;
    const [given] = await tx
      .select({ n: sql<number>`coalesce(-sum(${ledger.amount}), 0)::int` })
      .from(ledger)
      .where(
        and(
          eq(ledger.memberId, d.from.memberId),
          eq(ledger.kind, "donate"),
          sql`${ledger.amount} < 0`,
          gte(ledger.createdAt, new Date(now.getTime() - 86_400_000)),
          sql`${ledger.idempotencyKey} <> ${d.key}`,
        ),
      );
    const reason = recipient ? "donation" : "cause";
    const out = await insertEntry(tx, {
      brandId: d.from.brandId,
      memberId: d.from.memberId,
      amount: -d.amount,
      kind: "donate",
      sourceType: "donation",
      sourceId: toMember ?? "cause",
      reason,
      state: "vested",
      idempotencyKey: d.key,
      payloadHash: hashPayload({ op: "donate", from: d.from.memberId, to: toMember ?? "cause", amount: d.amount }),
      counterpartyId: toMember,
      createdAt: now,
      settledAt: now,
    });
    if (out.replayed) return out;
    if ((given?.n ?? 0) + d.amount > limit) {
      throw new DomainError("BAD_REQUEST", "points.donationLimit", { amount: "points.donationLimit" });
    }
    const taken = await tx
      .update(balances)
      .set({ available: sql`${balances.available} - ${d.amount}`, updatedAt: now, lastActivityAt: now })
      .where(and(eq(balances.memberId, d.from.memberId), gte(balances.available, d.amount)))
      .returning({ available: balances.available });
    if (taken.length === 0) throw new DomainError("BAD_REQUEST", "points.insufficient", { amount: "points.insufficient" });
    if (recipient) {
      const incoming = await insertEntry(tx, {
        brandId: d.from.brandId,
        memberId: recipient.memberId,
        amount: d.amount,
        kind: "donate",
        sourceType: "donation",
        sourceId: d.from.memberId,
        reason: "donation",
        state: "vested",
        idempotencyKey: `${d.key}:in`,
        payloadHash: out.entry.payloadHash,
        counterpartyId: d.from.memberId,
        relatedId: out.entry.id,
        createdAt: now,
        settledAt: now,
      });
      await tx
        .update(balances)
        .set({ available: sql`${balances.available} + ${d.amount}`, updatedAt: now })
        .where(eq(balances.memberId, recipient.memberId));
      await announceBalance(tx, recipient, incoming.entry, now);
    } else {
      await tx
        .update(pointsPolicies)
        .set({ causePoints: sql`${pointsPolicies.causePoints} + ${d.amount}` })
        .where(eq(pointsPolicies.brandId, d.from.brandId));
    }
    await announceBalance(tx, d.from, out.entry, now);
    return out;
  });
}

/** Expires the whole available balance of an inactive member; the key names the inactivity period. */
export async function expireBalance(db: Db, e: { member: Member; key: string; reason: string; now?: Date }) {
  const now = e.now ?? new Date();
  return inTransaction(db, async (tx) => {
    const balance = await lockBalance(tx, e.member.brandId, e.member.memberId, now);
    // The amount is whatever is left, so a second run with the key is a replay whatever the balance.
    const [done] = await tx
      .select()
      .from(ledger)
      .where(and(eq(ledger.brandId, e.member.brandId), eq(ledger.idempotencyKey, e.key)));
    if (done) return { entry: done, replayed: true };
    if (balance.available <= 0) return null;
    const result = await spendInTx(
      tx,
      { member: e.member, amount: balance.available, kind: "expire", source: "expiry", reason: e.reason, key: e.key, now },
      { period: e.key },
    );
    if (!result.replayed) await announceBalance(tx, e.member, result.entry, now);
    return result;
  });
}
