import type { Tx } from "../../db/client";
import type { ApprovedCompletion } from "../quests/hooks";
import { openReferralOf, qualifyInTx } from "./payout";
import { loadSettings } from "./settings";

/** A referred member's completion may be the qualifying action of their referral. */
export async function referralsOnCompletionApproved(tx: Tx, e: ApprovedCompletion): Promise<void> {
  const open = await openReferralOf(tx, e.member.memberId);
  if (!open) return;
  const s = await loadSettings(tx, open.brandId);
  // "signup" referrals qualified when they were made; one still open (the setting changed since) counts now.
  if (s.qualifyingAction === "first_review" && e.quest.kind !== "review") return;
  await qualifyInTx(tx, open.id, e.now);
}
