import { EARLY_HOUR } from "@/lib/validation/surprises";
import type { Tx } from "../../db/client";
import type { Member } from "../points/ledger";
import type { ApprovedCompletion } from "../quests/hooks";
import { drawInTx } from "./draws";
import { activeTables, type SurpriseTable } from "./tables";

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour (0–23) on the member's clock at an instant. */
export function localHour(instant: Date, timeZone: string): number {
  let f = hourFormats.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone, hour: "2-digit", hourCycle: "h23" });
    hourFormats.set(timeZone, f);
  }
  return Number(f.formatToParts(instant).find((p) => p.type === "hour")?.value ?? "0");
}

function triggeredBy(table: SurpriseTable, e: ApprovedCompletion): boolean {
  if (table.questId && table.questId !== e.quest.id) return false;
  switch (table.trigger) {
    case "quest_completed":
      return true;
    case "streak_milestone":
      return e.milestone !== null;
    case "early_checkin":
      // Recorded, not approved: a check-in staff approve at noon was still made before nine.
      return e.quest.kind === "habit" && localHour(e.completion.createdAt, e.completion.timeZone) < EARLY_HOUR;
    default:
      return false;
  }
}

/** A completion may trigger draws: quest completed, streak milestone, check-in before 09:00 local. */
export async function surprisesOnCompletionApproved(tx: Tx, e: ApprovedCompletion): Promise<void> {
  const tables = await activeTables(tx, e.member.brandId, ["quest_completed", "streak_milestone", "early_checkin"]);
  for (const table of tables) {
    if (triggeredBy(table, e)) await drawInTx(tx, { table, member: e.member, triggerKey: `completion:${e.completion.id}`, now: e.now });
  }
}

/** An idea that ships may trigger a draw for its author. */
export async function surprisesOnIdeaShipped(tx: Tx, e: { ideaId: string; author: Member; now: Date }): Promise<void> {
  const tables = await activeTables(tx, e.author.brandId, ["idea_shipped"]);
  for (const table of tables) await drawInTx(tx, { table, member: e.author, triggerKey: `idea:${e.ideaId}`, now: e.now });
}
