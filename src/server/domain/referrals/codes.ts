import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import { normalizeReferralCode, REFERRAL_ALPHABET, REFERRAL_CODE_LENGTH } from "@/lib/validation/referrals";
import type { DbOrTx } from "../../db/client";
import { brands, memberships, referralCodes } from "../../db/schema";

/** 8 characters of a 32-letter alphabet: 2^40 codes, so guessing one is hopeless and clashes are rare. */
export function newReferralCode(): string {
  let code = "";
  for (let i = 0; i < REFERRAL_CODE_LENGTH; i++) code += REFERRAL_ALPHABET[randomInt(REFERRAL_ALPHABET.length)];
  return code;
}

/**
 * The member's code, made on first need. Two requests racing both insert with ON CONFLICT and read back
 * the one that won; a clash with another member's code simply draws again.
 */
export async function codeFor(db: DbOrTx, member: { brandId: string; memberId: string }): Promise<string> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const [existing] = await db.select({ code: referralCodes.code }).from(referralCodes).where(eq(referralCodes.memberId, member.memberId));
    if (existing) return existing.code;
    await db
      .insert(referralCodes)
      .values({ memberId: member.memberId, brandId: member.brandId, code: newReferralCode() })
      .onConflictDoNothing();
  }
  throw new Error("could not allocate a referral code");
}

export interface CodeOwner {
  code: string;
  brandId: string;
  brandSlug: string;
  brandName: string;
  memberId: string;
  userId: string;
  handle: string;
}

/** Who owns a code, or undefined for anything that is not a live code. */
export async function ownerOfCode(db: DbOrTx, raw: unknown): Promise<CodeOwner | undefined> {
  const code = normalizeReferralCode(raw);
  if (!code) return undefined;
  const [row] = await db
    .select({
      code: referralCodes.code,
      brandId: referralCodes.brandId,
      brandSlug: brands.slug,
      brandName: brands.name,
      memberId: referralCodes.memberId,
      userId: memberships.userId,
      handle: memberships.handle,
    })
    .from(referralCodes)
    .innerJoin(memberships, eq(memberships.id, referralCodes.memberId))
    .innerJoin(brands, eq(brands.id, referralCodes.brandId))
    .where(eq(referralCodes.code, code));
  return row;
}
