import { and, eq, gt, ne, sql } from "drizzle-orm";
import type { BlockRule } from "@/lib/validation/referrals";
import { rowsOf, type Tx } from "../../db/client";
import { memberships, type ReferralFlag, referralCodes, referrals, users } from "../../db/schema";
import { ensureMembership } from "../accounts/members";
import { ownerOfCode } from "./codes";
import { disposableDomain, normalizeEmail } from "./email";
import { announceReferral, qualifyInTx } from "./payout";
import { deviceKey, hashIp, type SignUpSource } from "./request";
import { loadSettings } from "./settings";

export type ReferralRow = typeof referrals.$inferSelect;

export interface AttachArgs {
  userId: string;
  email: string | null;
  /** The name a membership of the code's brand gets if the sign-up did not make one there. */
  name: string;
  source: SignUpSource;
  now?: Date;
}

const HOUR_MS = 3_600_000;

/** Whether `memberId` referred `referrerMemberId`, directly or up the chain of who referred whom. */
async function referredUpTheChain(tx: Tx, referrerMemberId: string, memberId: string): Promise<boolean> {
  const rows = rowsOf(
    await tx.execute(sql`
      with recursive up(member_id, depth) as (
        select referrer_member_id, 1 from referrals where friend_member_id = ${referrerMemberId} and status <> 'blocked'
        union all
        select r.referrer_member_id, up.depth + 1 from referrals r join up on r.friend_member_id = up.member_id
        where r.status <> 'blocked' and up.depth < 100
      )
      select 1 from up where member_id = ${memberId} limit 1`),
  );
  return rows.length > 0;
}

async function blockRule(
  tx: Tx,
  a: AttachArgs,
  owner: { userId: string; memberId: string },
  friend: { id: string; fresh: boolean },
): Promise<BlockRule | null> {
  if (owner.userId === a.userId) return "self";
  const [referrer] = await tx.select({ email: users.email }).from(users).where(eq(users.id, owner.userId));
  if (a.email && referrer?.email && normalizeEmail(a.email) === normalizeEmail(referrer.email)) return "same_email";
  if (await referredUpTheChain(tx, owner.memberId, friend.id)) return "cycle";
  if (!friend.fresh) return "existing_member";
  const [earlier] = await tx
    .select({ id: referrals.id })
    .from(referrals)
    .where(and(eq(referrals.friendMemberId, friend.id), ne(referrals.status, "blocked")));
  return earlier ? "existing_member" : null;
}

async function countSince(tx: Tx, referrerMemberId: string, since: Date, extra?: ReturnType<typeof eq>) {
  const [row] = await tx
    .select({ n: sql<number>`count(*)::int` })
    .from(referrals)
    .where(and(eq(referrals.referrerMemberId, referrerMemberId), gt(referrals.createdAt, since), extra));
  return row?.n ?? 0;
}

/** The reasons to hold this referral's rewards for review; counts include this sign-up. */
async function flagsFor(
  tx: Tx,
  a: AttachArgs,
  referrerMemberId: string,
  s: { sameSourceLimit: number; velocityPerHour: number; extraDisposableDomains: string[] },
  hashes: { ip: string; device: string },
  now: Date,
): Promise<ReferralFlag[]> {
  const flags: ReferralFlag[] = [];
  const day = new Date(now.getTime() - 24 * HOUR_MS);
  const sameIp = (await countSince(tx, referrerMemberId, day, eq(referrals.ipHash, hashes.ip))) + 1;
  if (sameIp > s.sameSourceLimit) flags.push({ rule: "ip", detail: `${sameIp} sign-ups from one address in 24 h` });
  const sameDevice = (await countSince(tx, referrerMemberId, day, eq(referrals.deviceHash, hashes.device))) + 1;
  if (sameDevice > s.sameSourceLimit) flags.push({ rule: "device", detail: `${sameDevice} sign-ups from one device in 24 h` });
  const disposable = a.email ? disposableDomain(a.email, s.extraDisposableDomains) : null;
  if (disposable) flags.push({ rule: "disposable", detail: disposable });
  const lastHour = (await countSince(tx, referrerMemberId, new Date(now.getTime() - HOUR_MS))) + 1;
  if (lastHour > s.velocityPerHour) flags.push({ rule: "velocity", detail: `${lastHour} sign-ups in one hour` });
  return flags;
}

/**
 * Records the referral of a user who just signed up, inside the sign-up's transaction: a failed sign-up
 * leaves no referral, and a code that is unknown, garbled or of a brand with referrals off is ignored.
 * Refused referrals are kept as `blocked` with their rule and never pay. The user joins the code's brand
 * if the sign-up made them a member of another one.
 */
export async function attachReferral(tx: Tx, a: AttachArgs): Promise<ReferralRow | null> {
  const now = a.now ?? new Date();
  const owner = await ownerOfCode(tx, a.source.code);
  if (!owner) return null;
  const settings = await loadSettings(tx, owner.brandId);
  if (!settings.enabled) return null;
  // One sign-up at a time per referrer, so the counts behind the flags see each other.
  await tx.select({ id: referralCodes.memberId }).from(referralCodes).where(eq(referralCodes.memberId, owner.memberId)).for("update");

  const [had] = await tx
    .select({ id: memberships.id, fresh: sql<boolean>`${memberships.joinedAt} >= now()` })
    .from(memberships)
    .where(and(eq(memberships.brandId, owner.brandId), eq(memberships.userId, a.userId)));
  // A membership made earlier in this transaction is part of this sign-up (now() is the transaction's start).
  const friend = had ?? { id: (await ensureMembership(tx, { userId: a.userId, brandId: owner.brandId, name: a.name })).id, fresh: true };

  const rule = await blockRule(tx, a, owner, friend);
  const hashes = { ip: hashIp(a.source.ip), device: deviceKey(a.source) };
  const flags = rule ? [] : await flagsFor(tx, a, owner.memberId, settings, hashes, now);
  const [row] = await tx
    .insert(referrals)
    .values({
      brandId: owner.brandId,
      referrerMemberId: owner.memberId,
      friendMemberId: friend.id,
      code: owner.code,
      status: rule ? "blocked" : "signed_up",
      blockedRule: rule,
      flags,
      ipHash: hashes.ip,
      deviceHash: hashes.device,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning();
  // Another sign-up of the same member got there first: theirs stands.
  if (!row) return null;
  await announceReferral(tx, row);
  if (row.status === "signed_up" && settings.qualifyingAction === "signup") return (await qualifyInTx(tx, row.id, now)) ?? row;
  return row;
}
