import type { Tx } from "../../db/client";
import type { ApprovedCompletion } from "../quests/hooks";

/** A referred member's completion may be the qualifying action of their referral. */
export async function referralsOnCompletionApproved(_tx: Tx, _e: ApprovedCompletion): Promise<void> {}
