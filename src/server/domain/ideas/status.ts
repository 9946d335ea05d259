import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { IdeaStatus, setStatusInput } from "@/lib/validation/ideas";
import type { Db } from "../../db/client";
import { ideaStatusChanges, ideas } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { inTransaction } from "../points/ledger";
import { type IdeaStaff, lockIdea } from "./access";
import { announceIdea } from "./live";
import { notifyIdea } from "./notify";
import { type Payoff, payStatus } from "./payoffs";

export type { Payoff } from "./payoffs";

/**
 * Moves a published idea to another status, under the idea lock: the history row, the payoffs of every
 * stage reached for the first time, the notices and the live update all commit together, so concurrent
 * or back-and-forth changes pay each stage once. A duplicate keeps its status until it is unmerged.
 */
export async function setStatus(
  db: Db,
  staff: IdeaStaff,
  input: z.infer<typeof setStatusInput>,
  now = new Date(),
): Promise<{ status: IdeaStatus; changed: boolean; payoffs: Payoff[] }> {
  return inTransaction(db, async (tx) => {
    const idea = await lockIdea(tx, staff.brandId, input.ideaId);
    if (idea.status === "duplicate") throw new DomainError("CONFLICT", "ideas.isDuplicate");
    // Statuses (and their payoffs) follow approval: a waiting or rejected idea is approved first.
    if (idea.state === "pending" || idea.state === "rejected") throw new DomainError("CONFLICT", "ideas.notPublished");
    if (idea.status === input.status) return { status: idea.status, changed: false, payoffs: [] };
    const note = input.note?.trim() || null;
    const [after] = await tx
      .update(ideas)
      .set({ status: input.status, statusNote: note, updatedAt: now })
      .where(eq(ideas.id, idea.id))
      .returning();
    if (!after) throw new DomainError("NOT_FOUND", "ideas.notFound");
    const [change] = await tx
      .insert(ideaStatusChanges)
      .values({ ideaId: idea.id, fromStatus: idea.status, toStatus: input.status, note, actorUserId: staff.userId, createdAt: now })
      .returning({ id: ideaStatusChanges.id });
    const payoffs = await payStatus(tx, after, input.status, now);
    await notifyIdea(tx, {
      idea: after,
      kind: "idea.status",
      payload: { from: idea.status, to: input.status, note, title: after.title },
      dedupeKey: `status:${change?.id}`,
      actorUserId: staff.userId,
      now,
    });
    await audit(tx, {
      brandId: staff.brandId,
      actorUserId: staff.userId,
      action: "idea.status",
      targetType: "idea",
      targetId: idea.id,
      before: { status: idea.status, statusNote: idea.statusNote },
      after: { status: after.status, statusNote: after.statusNote, payoffs },
      reason: note,
    });
    await announceIdea(tx, after, { wasVisible: idea.state === "published" });
    return { status: after.status, changed: true, payoffs };
  });
}
