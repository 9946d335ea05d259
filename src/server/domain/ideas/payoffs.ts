import { and, asc, eq, ne } from "drizzle-orm";
import type { Tx } from "../../db/client";
import { ideaPayoffs, ideaVotes } from "../../db/schema";
import { awardInTx, memberOfRow } from "../points/ledger";
import { surprisesOnIdeaShipped } from "../surprises/hooks";
import type { IdeaRow } from "./access";
import { ideaSettingsOf } from "./settings";

export type PayoffStage = "approved" | "planned" | "shipped";

/**
 * One group of members paid by a stage, each the same base amount (before the tier multiplier).
 * Shipping yields two groups: the author and the first voters.
 */
export interface Payoff {
  stage: PayoffStage;
  members: number;
  points: number;
}

/** The stages an idea has reached by entering this status, earliest first (each pays once, ever). */
export function stagesReachedBy(status: IdeaRow["status"]): PayoffStage[] {
  switch (status) {
    case "under_review":
      return ["approved"];
    case "planned":
    case "in_progress":
      return ["approved", "planned"];
    case "shipped":
      return ["approved", "planned", "shipped"];
    default:
      return [];
  }
}

export const paidTotal = (payoffs: Payoff[]) => payoffs.reduce((sum, p) => sum + p.members * p.points, 0);

/**
 * Pays a stage the first time the idea reaches it. The idea_payoffs row is the once-only guard (the
 * caller holds the idea lock, and the primary key settles any race that bypasses it); the ledger keys
 * `idea:<idea>:<stage>:<member>` make a replay impossible even then. Balances are locked after the idea
 * row. Returns null when the stage had been paid before; an empty list when it pays nothing (zero points).
 */
export async function payStage(tx: Tx, idea: IdeaRow, stage: PayoffStage, now: Date): Promise<Payoff[] | null> {
  const [claimed] = await tx
    .insert(ideaPayoffs)
    .values({ ideaId: idea.id, stage, paidAt: now })
    .onConflictDoNothing()
    .returning({ stage: ideaPayoffs.stage });
  if (!claimed) return null;
  const s = await ideaSettingsOf(tx, idea.brandId);
  const groups: { points: number; memberIds: string[] }[] = [];
  if (stage === "approved") groups.push({ points: s.approvePoints, memberIds: [idea.authorId] });
  if (stage === "planned") groups.push({ points: s.plannedPoints, memberIds: [idea.authorId] });
  if (stage === "shipped") {
    groups.push({ points: s.shipAuthorPoints, memberIds: [idea.authorId] });
    const first =
      s.shipVoterPoints > 0 && s.shipVoterCount > 0
        ? await tx
            .select({ memberId: ideaVotes.memberId })
            .from(ideaVotes)
            .where(and(eq(ideaVotes.ideaId, idea.id), ne(ideaVotes.memberId, idea.authorId)))
            .orderBy(asc(ideaVotes.createdAt), asc(ideaVotes.memberId))
            .limit(s.shipVoterCount)
        : [];
    groups.push({ points: s.shipVoterPoints, memberIds: first.map((v) => v.memberId) });
  }
  // One pass over every recipient in member id order keeps the balance lock order stable.
  const paid = groups
    .filter((g) => g.points > 0)
    .flatMap((g) => g.memberIds.map((memberId) => ({ memberId, points: g.points })))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
  for (const p of paid) {
    await awardInTx(tx, {
      member: await memberOfRow(tx, p.memberId),
      base: p.points,
      source: "idea",
      sourceId: idea.id,
      reason: `Idea ${stage}: ${idea.title}`,
      key: `idea:${idea.id}:${stage}:${p.memberId}`,
      now,
    });
  }
  if (stage === "shipped") await surprisesOnIdeaShipped(tx, { ideaId: idea.id, author: await memberOfRow(tx, idea.authorId), now });
  const payoffs = groups
    .filter((g) => g.points > 0 && g.memberIds.length > 0)
    .map((g) => ({ stage, members: g.memberIds.length, points: g.points }));
  await tx
    .update(ideaPayoffs)
    .set({ detail: { paid } })
    .where(and(eq(ideaPayoffs.ideaId, idea.id), eq(ideaPayoffs.stage, stage)));
  return payoffs;
}

/** Pays every stage this status reaches that was not paid yet. */
export async function payStatus(tx: Tx, idea: IdeaRow, status: IdeaRow["status"], now: Date): Promise<Payoff[]> {
  const payoffs: Payoff[] = [];
  for (const stage of stagesReachedBy(status)) payoffs.push(...((await payStage(tx, idea, stage, now)) ?? []));
  return payoffs;
}
