import type { Db } from "../../db/client";
import { referrals } from "../../db/schema";
import { countReferral } from "../boards/scores";
import { inTransaction } from "../points/ledger";
import { codeFor } from "./codes";
import { ensureCodes } from "./views";

/**
 * Demo history: every member has a code, the first member invited the second (rewarded) and the third
 * (signed up, not yet qualified). History pays nobody; only the referrers' board counts it.
 */
export async function seedDemoReferrals(db: Db, brandId: string, members: ReadonlyArray<{ memberId: string }>) {
  await ensureCodes(db, brandId);
  const [referrer, rewardedFriend, newFriend] = members;
  if (!referrer || !rewardedFriend || !newFriend) return;
  await inTransaction(db, async (tx) => {
    const code = await codeFor(tx, { brandId, memberId: referrer.memberId });
    const now = new Date();
    const base = { brandId, referrerMemberId: referrer.memberId, code };
    const [rewarded] = await tx
      .insert(referrals)
      .values({ ...base, friendMemberId: rewardedFriend.memberId, status: "rewarded", createdAt: now, qualifiedAt: now, rewardedAt: now })
      .onConflictDoNothing()
      .returning();
    if (rewarded) await countReferral(tx, brandId, referrer.memberId, now);
    await tx
      .insert(referrals)
      .values({ ...base, friendMemberId: newFriend.memberId, status: "signed_up", createdAt: now })
      .onConflictDoNothing();
  });
}
