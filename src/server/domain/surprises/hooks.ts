import type { Tx } from "../../db/client";
import type { Member } from "../points/ledger";
import type { ApprovedCompletion } from "../quests/hooks";

/** A completion may trigger draws: quest completed, streak milestone, check-in before 09:00 local. */
export async function surprisesOnCompletionApproved(_tx: Tx, _e: ApprovedCompletion): Promise<void> {}

/** An idea that ships may trigger a draw for its author. */
export async function surprisesOnIdeaShipped(_tx: Tx, _e: { ideaId: string; author: Member; now: Date }): Promise<void> {}
