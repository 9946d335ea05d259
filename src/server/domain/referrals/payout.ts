import { and, asc, eq, inArray, lte, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { ledger, memberships, referrals } from "../../db/schema";
import { audit } from "../audit/audit";
import { countReferral } from "../boards/scores";
import { DomainError } from "../errors";
import { emitEvent } from "../events/outbox";
import { awardInTx, inTransaction, lockBalance, memberOfRow, reverseInTx, vestInTx } from "../points/ledger";
import { loadSettings, type ReferralSettings } from "./settings";

type ReferralRow = typeof referrals.$inferSelect;
const DAY_MS = 86_400_000;

/** Tells the referrer that one of their referrals changed status (their page refreshes its list). */
export async function announceReferral(tx: Tx, r: ReferralRow) {
  const referrer = await memberOfRow(tx, r.referrerMemberId);
  await emitEvent(tx, `user:${referrer.userId}`, "referral:updated", { brandId: r.brandId, referralId: r.id, status: r.status });
}

async function handleOf(tx: Tx, memberId: string): Promise<string> {
  const [m] = await tx.select({ handle: memberships.handle }).from(memberships).where(eq(memberships.id, memberId));
  return m?.handle ?? "member";
}

async function lockReferral(tx: Tx, id: string): Promise<ReferralRow | undefined> {
  const [r] = await tx.select().from(referrals).where(eq(referrals.id, id)).for("update");
  return r;
}

/**
 * Milestones count the referrer's rewarded referrals. The referrer's balance is locked first, so two
 * referrals rewarded at once are counted one after the other and no milestone is skipped; the ledger key
 * pays each milestone once whatever happens later.
 */
async function afterRewarded(tx: Tx, r: ReferralRow, s: ReferralSettings, now: Date) {
  const referrer = await memberOfRow(tx, r.referrerMemberId);
  await lockBalance(tx, referrer.brandId, referrer.memberId, now);
  await countReferral(tx, r.brandId, r.referrerMemberId, now);
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(eq(referrals.referrerMemberId, r.referrerMemberId), eq(referrals.status, "rewarded")));
  const rewarded = row?.n ?? 0;
  for (const m of s.milestones) {
    if (m.count > rewarded) continue;
    await awardInTx(tx, {
      member: referrer,
      base: m.points,
      source: "referral",
      sourceId: `milestone:${m.count}`,
      reason: `Milestone: ${m.count} ${m.count === 1 ? "friend" : "friends"} joined through your invites`,
      key: `referral-milestone:${referrer.memberId}:${m.count}`,
      now,
    });
  }
}

/**
 * The friend did the qualifying action: both sides are paid once (the ledger keys make a retry a
 * replay). A flagged referral pays pending rows and waits for staff or `holdDays`. Runs in the caller's
 * transaction, which already holds the friend's balance lock; the referral row is locked next.
 */
export async function qualifyInTx(tx: Tx, referralId: string, now: Date): Promise<ReferralRow | undefined> {
  const r = await lockReferral(tx, referralId);
  if (r?.status !== "signed_up") return r;
  const s = await loadSettings(tx, r.brandId);
  const held = r.flags.length > 0;
  const friend = await memberOfRow(tx, r.friendMemberId);
  const referrer = await memberOfRow(tx, r.referrerMemberId);
  const friendHandle = await handleOf(tx, friend.memberId);
  const referrerHandle = await handleOf(tx, referrer.memberId);
  const common = { source: "referral" as const, sourceId: r.id, pending: held, now };
  const friendPaid =
    s.friendPoints > 0
      ? await awardInTx(tx, {
          ...common,
          member: friend,
          base: s.friendPoints,
          reason: `Welcome bonus: you joined through @${referrerHandle}'s invite`,
          key: `referral:${r.id}:friend`,
        })
      : null;
  const referrerPaid =
    s.referrerPoints > 0
      ? await awardInTx(tx, {
          ...common,
          member: referrer,
          base: s.referrerPoints,
          reason: `Your friend @${friendHandle} joined and got started`,
          key: `referral:${r.id}:referrer`,
        })
      : null;
  const [updated] = await tx
    .update(referrals)
    .set({
      status: held ? "held" : "rewarded",
      qualifiedAt: now,
      autoApproveAt: held ? new Date(now.getTime() + s.holdDays * DAY_MS) : null,
      rewardedAt: held ? null : now,
      friendLedgerId: friendPaid?.entry.id ?? null,
      referrerLedgerId: referrerPaid?.entry.id ?? null,
    })
    .where(eq(referrals.id, r.id))
    .returning();
  if (!updated) throw new Error("referral vanished");
  if (!held) await afterRewarded(tx, updated, s, now);
  await announceReferral(tx, updated);
  return updated;
}

/** The friend's signed-up referral in this brand, if the member was referred and has not qualified yet. */
export async function openReferralOf(tx: Tx, friendMemberId: string) {
  const [r] = await tx
    .select({ id: referrals.id, brandId: referrals.brandId })
    .from(referrals)
    .where(and(eq(referrals.friendMemberId, friendMemberId), eq(referrals.status, "signed_up")));
  return r;
}

export interface ReviewArgs {
  brandId: string;
  referralId: string;
  decision: "approve" | "reject";
  reason?: string;
  /** null: the hold ran out and the job approved it. */
  actorUserId: string | null;
  now?: Date;
}

function ledgerIds(r: ReferralRow): number[] {
  return [r.friendLedgerId, r.referrerLedgerId].filter((id): id is number => id !== null);
}

/**
 * Staff decide a held referral: approve vests both pending rows, reject reverses them and the reason is
 * shown to the referrer. The referral row lock makes two decisions at once one after the other: the
 * second finds it decided and gets CONFLICT. A flagged referral that has not qualified yet can be rejected
 * early, so it never pays.
 */
export async function reviewInTx(tx: Tx, a: ReviewArgs): Promise<ReferralRow> {
  const now = a.now ?? new Date();
  const [peek] = await tx
    .select({ friendMemberId: referrals.friendMemberId })
    .from(referrals)
    .where(and(eq(referrals.id, a.referralId), eq(referrals.brandId, a.brandId)));
  if (!peek) throw new DomainError("NOT_FOUND", "referrals.notFound");
  // Same lock order as a qualifying completion: the friend's balance, then the referral.
  await lockBalance(tx, a.brandId, peek.friendMemberId, now);
  const r = await lockReferral(tx, a.referralId);
  if (!r) throw new DomainError("NOT_FOUND", "referrals.notFound");
  const allowed = a.decision === "approve" ? r.status === "held" : r.status === "held" || r.status === "signed_up";
  if (!allowed) {
    const decided = r.status === "rewarded" || r.status === "rejected" || r.status === "blocked";
    throw new DomainError("CONFLICT", decided ? "referrals.alreadyDecided" : "referrals.notHeld");
  }
  const reason = a.reason?.trim() ?? "";
  if (a.decision === "reject" && reason.length < 3) {
    throw new DomainError("BAD_REQUEST", "referrals.reasonRequired", { reason: "referrals.reasonRequired" });
  }
  if (a.decision === "approve") {
    for (const id of ledgerIds(r)) await vestInTx(tx, { brandId: r.brandId, ledgerId: id, now });
  } else {
    for (const id of ledgerIds(r)) {
      await reverseInTx(tx, {
        brandId: r.brandId,
        ledgerId: id,
        reason: `Referral rejected: ${reason}`,
        key: `referral:${r.id}:reject:${id}`,
        actorUserId: a.actorUserId ?? undefined,
        now,
      });
    }
  }
  const [updated] = await tx
    .update(referrals)
    .set({
      status: a.decision === "approve" ? "rewarded" : "rejected",
      decidedAt: now,
      decidedBy: a.actorUserId,
      reason: a.decision === "reject" ? reason : null,
      rewardedAt: a.decision === "approve" ? now : null,
      autoApproveAt: null,
    })
    .where(eq(referrals.id, r.id))
    .returning();
  if (!updated) throw new Error("referral vanished");
  if (a.decision === "approve") await afterRewarded(tx, updated, await loadSettings(tx, r.brandId), now);
  await audit(tx, {
    brandId: r.brandId,
    actorUserId: a.actorUserId,
    action: a.actorUserId ? `referrals.${a.decision}` : "referrals.autoApprove",
    targetType: "referral",
    targetId: r.id,
    before: { status: r.status, flags: r.flags },
    after: { status: updated.status },
    reason: a.decision === "reject" ? reason : null,
  });
  await announceReferral(tx, updated);
  return updated;
}

export function reviewReferral(db: Db, a: ReviewArgs) {
  return inTransaction(db, (tx) => reviewInTx(tx, a));
}

/** Held referrals whose hold ran out are approved, as if staff had; each in its own transaction. */
export async function autoApproveDue(db: Db, now = new Date(), limit = 100): Promise<number> {
  const due = await db
    .select({ id: referrals.id, brandId: referrals.brandId })
    .from(referrals)
    .where(and(eq(referrals.status, "held"), lte(referrals.autoApproveAt, now)))
    .orderBy(asc(referrals.autoApproveAt))
    .limit(limit);
  let approved = 0;
  for (const d of due) {
    try {
      await reviewReferral(db, { brandId: d.brandId, referralId: d.id, decision: "approve", actorUserId: null, now });
      approved += 1;
    } catch (err) {
      // Staff decided it in the meantime (or another server's job did): nothing left to do.
      if (!(err instanceof DomainError)) throw err;
    }
  }
  return approved;
}

/** The points a referral brought the referrer, as far as they still stand (pending or vested). */
export async function referrerPointsOf(db: Db, ledgerIdsList: number[]): Promise<Map<number, number>> {
  if (ledgerIdsList.length === 0) return new Map();
  const rows = await db
    .select({ id: ledger.id, amount: ledger.amount, state: ledger.state })
    .from(ledger)
    .where(inArray(ledger.id, ledgerIdsList));
  return new Map(rows.map((r) => [r.id, r.state === "reversed" ? 0 : r.amount]));
}
