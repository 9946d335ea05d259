import type { Tx } from "../../db/client";
import type { Member } from "../points/ledger";
import { referralsOnCompletionApproved } from "../referrals/hooks";
import { surprisesOnCompletionApproved } from "../surprises/hooks";
import type { CompletionRow, QuestRow } from "./completions";

/** A completion that counts: approved at once, or approved later by staff. */
export interface ApprovedCompletion {
  member: Member;
  quest: QuestRow;
  completion: CompletionRow;
  /** The streak milestone this completion reached (7, 30, 100), or null. */
  milestone: number | null;
  now: Date;
}

/**
 * Runs inside the completion's transaction once it counts, so what it starts (a referral qualifying,
 * a surprise draw) commits or rolls back with it. The member's balance row is already locked.
 */
export async function afterCompletionApproved(tx: Tx, e: ApprovedCompletion): Promise<void> {
  await referralsOnCompletionApproved(tx, e);
  await surprisesOnCompletionApproved(tx, e);
}
