import { and, asc, desc, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { type QualifyingAction, type ReferralStatus, referralPath } from "@/lib/validation/referrals";
import type { Db } from "../../db/client";
import { memberships, referralCodes, referrals, referralVisits, users } from "../../db/schema";
import { DomainError } from "../errors";
import { afterCursor, keysetPage } from "../pagination";
import type { Member } from "../points/ledger";
import { codeFor, ownerOfCode } from "./codes";
import { maskEmail } from "./email";
import { referrerPointsOf } from "./payout";
import { loadSettings, type ReferralSettings } from "./settings";

export interface Offer {
  friendPoints: number;
  referrerPoints: number;
  qualifyingAction: QualifyingAction;
  welcomeText: string;
}

const offerOf = (s: ReferralSettings): Offer => ({
  friendPoints: s.friendPoints,
  referrerPoints: s.referrerPoints,
  qualifyingAction: s.qualifyingAction,
  welcomeText: s.welcomeText,
});

/** The public landing of /r/<code>: who invites, to which brand, and what both get. */
export async function landing(db: Db, rawCode: string) {
  const owner = await ownerOfCode(db, rawCode);
  if (!owner) throw new DomainError("NOT_FOUND", "referrals.notFound");
  const s = await loadSettings(db, owner.brandId);
  if (!s.enabled) throw new DomainError("NOT_FOUND", "referrals.notFound");
  const [user] = await db.select({ name: users.name }).from(users).where(eq(users.id, owner.userId));
  return {
    code: owner.code,
    brand: { slug: owner.brandSlug, name: owner.brandName },
    inviter: { handle: owner.handle, name: user?.name ?? owner.handle },
    offer: offerOf(s),
  };
}

const friends = alias(memberships, "friend");

/** The member's code, offer, milestones and the latest 500 friends who signed up with it, newest first. */
export async function mine(db: Db, member: Member) {
  const code = await codeFor(db, member);
  const s = await loadSettings(db, member.brandId);
  const rows = await db
    .select({
      id: referrals.id,
      friendHandle: friends.handle,
      status: referrals.status,
      reason: referrals.reason,
      blockedRule: referrals.blockedRule,
      createdAt: referrals.createdAt,
      qualifiedAt: referrals.qualifiedAt,
      referrerLedgerId: referrals.referrerLedgerId,
    })
    .from(referrals)
    .innerJoin(friends, eq(friends.id, referrals.friendMemberId))
    .where(eq(referrals.referrerMemberId, member.memberId))
    .orderBy(desc(referrals.createdAt), desc(referrals.id))
    .limit(500);
  const points = await referrerPointsOf(
    db,
    rows.flatMap((r) => (r.referrerLedgerId === null ? [] : [r.referrerLedgerId])),
  );
  const [rewarded] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(eq(referrals.referrerMemberId, member.memberId), eq(referrals.status, "rewarded")));
  const rewardedCount = rewarded?.n ?? 0;
  return {
    code,
    path: referralPath(code),
    /** Off: the link opens nothing and new sign-ups are not attached. */
    enabled: s.enabled,
    offer: offerOf(s),
    milestones: s.milestones.map((m) => ({ count: m.count, points: m.points, reached: rewardedCount >= m.count })),
    rewardedCount,
    referrals: rows.map((r) => ({
      id: r.id,
      friendHandle: r.friendHandle,
      status: r.status as ReferralStatus,
      reason: r.status === "rejected" ? r.reason : null,
      /** Why a blocked invite can never pay; the member's own invite, so telling them hides nothing. */
      blockedRule: r.status === "blocked" ? (r.blockedRule ?? null) : null,
      createdAt: r.createdAt.toISOString(),
      qualifiedAt: r.qualifiedAt?.toISOString() ?? null,
      points: r.referrerLedgerId === null ? 0 : (points.get(r.referrerLedgerId) ?? 0),
    })),
  };
}

/** The referrer's funnel: browsers that opened the link, sign-ups, and where those stand. */
export async function stats(db: Db, member: Member) {
  const [visits] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(referralVisits)
    .where(eq(referralVisits.memberId, member.memberId));
  const byStatus = await db
    .select({ status: referrals.status, n: sql<number>`count(*)::int`, qualified: sql<number>`count(${referrals.qualifiedAt})::int` })
    .from(referrals)
    .where(eq(referrals.referrerMemberId, member.memberId))
    .groupBy(referrals.status);
  const count = (s: ReferralStatus) => byStatus.find((r) => r.status === s)?.n ?? 0;
  return {
    visits: visits?.n ?? 0,
    signUps: byStatus.reduce((sum, r) => sum + r.n, 0),
    qualified: byStatus.reduce((sum, r) => sum + r.qualified, 0),
    rewarded: count("rewarded"),
    held: count("held"),
    rejected: count("rejected"),
    blocked: count("blocked"),
  };
}

const referrerM = alias(memberships, "referrer");
const friendM = alias(memberships, "friend_m");

/**
 * The staff queue. Held referrals come oldest first (the next to auto-approve on top); the other views
 * newest first. Friends' addresses are masked: staff need the pattern, not the address.
 */
export async function queue(
  db: Db,
  brandId: string,
  opts: { filter: "held" | "blocked" | "rejected" | "rewarded" | "all"; cursor?: string | null; limit: number },
) {
  const order = opts.filter === "held" ? "asc" : "desc";
  const rows = await db
    .select({
      id: referrals.id,
      referrerHandle: referrerM.handle,
      friendHandle: friendM.handle,
      friendEmail: users.email,
      status: referrals.status,
      flags: referrals.flags,
      blockedRule: referrals.blockedRule,
      createdAt: referrals.createdAt,
      qualifiedAt: referrals.qualifiedAt,
      autoApproveAt: referrals.autoApproveAt,
      decidedAt: referrals.decidedAt,
      reason: referrals.reason,
    })
    .from(referrals)
    .innerJoin(referrerM, eq(referrerM.id, referrals.referrerMemberId))
    .innerJoin(friendM, eq(friendM.id, referrals.friendMemberId))
    .innerJoin(users, eq(users.id, friendM.userId))
    .where(
      and(
        eq(referrals.brandId, brandId),
        opts.filter === "all" ? undefined : eq(referrals.status, opts.filter),
        afterCursor(referrals, { createdAt: referrals.createdAt, id: referrals.id }, opts.cursor, order),
      ),
    )
    .orderBy(...(order === "asc" ? [asc(referrals.createdAt), asc(referrals.id)] : [desc(referrals.createdAt), desc(referrals.id)]))
    .limit(opts.limit + 1);
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  return keysetPage(
    rows.map((r) => ({
      id: r.id,
      referrer: { handle: r.referrerHandle },
      friend: { handle: r.friendHandle, email: r.friendEmail ? maskEmail(r.friendEmail) : "" },
      status: r.status as ReferralStatus,
      flags: r.flags,
      blockedRule: r.blockedRule ?? null,
      createdAt: r.createdAt.toISOString(),
      qualifiedAt: iso(r.qualifiedAt),
      autoApproveAt: iso(r.autoApproveAt),
      decidedAt: iso(r.decidedAt),
      reason: r.reason,
    })),
    opts.limit,
  );
}

/** Codes for every member of a brand who has none yet (the demo seed shows codes from the start). */
export async function ensureCodes(db: Db, brandId: string) {
  const members = await db
    .select({ memberId: memberships.id })
    .from(memberships)
    .leftJoin(referralCodes, eq(referralCodes.memberId, memberships.id))
    .where(and(eq(memberships.brandId, brandId), sql`${referralCodes.code} is null`));
  for (const m of members) await codeFor(db, { brandId, memberId: m.memberId });
}
