import { and, asc, eq, ne } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { memberships, questCompletions, quests } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { afterCursor, keysetPage } from "../pagination";
import { inTransaction, lockBalance, memberOfRow } from "../points/ledger";
import { approve, reject } from "../quests/completions";
import type { Staff } from "./reviews";

const nested = (tx: Tx): Db => tx;

/**
 * Completions waiting for staff (quests that require approval, e.g. photo evidence), oldest first.
 * Reviews have their own queue. Staff see what they need to judge: who, which quest, when and the
 * evidence — except for health quests, whose values, notes and photos never leave the member.
 */
export async function approvalsQueue(db: Db, brandId: string, opts: { limit: number; cursor?: string | null }) {
  const rows = await db
    .select({
      id: questCompletions.id,
      createdAt: questCompletions.createdAt,
      localDay: questCompletions.localDay,
      points: questCompletions.points,
      value: questCompletions.value,
      unit: questCompletions.unit,
      link: questCompletions.link,
      photoId: questCompletions.photoId,
      questId: quests.id,
      questTitle: quests.title,
      evidence: quests.evidence,
      health: quests.health,
      handle: memberships.handle,
    })
    .from(questCompletions)
    .innerJoin(quests, eq(quests.id, questCompletions.questId))
    .innerJoin(memberships, eq(memberships.id, questCompletions.memberId))
    .where(
      and(
        eq(questCompletions.brandId, brandId),
        eq(questCompletions.state, "pending"),
        ne(questCompletions.source, "review"),
        afterCursor(questCompletions, { createdAt: questCompletions.createdAt, id: questCompletions.id }, opts.cursor, "asc"),
      ),
    )
    .orderBy(asc(questCompletions.createdAt), asc(questCompletions.id))
    .limit(opts.limit + 1);
  return keysetPage(
    rows.map((r) => ({
      id: r.id,
      questId: r.questId,
      questTitle: r.questTitle,
      handle: r.handle,
      createdAt: r.createdAt.toISOString(),
      localDay: r.localDay,
      points: r.points,
      evidence: r.evidence,
      health: r.health,
      ...(r.health
        ? { value: null, unit: null, link: null, photoId: null }
        : { value: r.value, unit: r.unit, link: r.link, photoId: r.photoId }),
    })),
    opts.limit,
  );
}
export type ApprovalItem = Awaited<ReturnType<typeof approvalsQueue>>["items"][number];

/** Staff approve (points vest) or reject (pending points dropped, reason shown to the member) a completion. */
export async function decideCompletion(
  db: Db,
  staff: Staff,
  args: { completionId: string; decision: "approve" | "reject"; reason?: string | undefined },
  now = new Date(),
) {
  const reason = args.reason?.trim() ?? "";
  if (args.decision === "reject" && reason.length < 3) {
    throw new DomainError("BAD_REQUEST", "reviews.reasonRequired", { reason: "reviews.reasonRequired" });
  }
  return inTransaction(db, async (tx) => {
    const [c] = await tx
      .select({ memberId: questCompletions.memberId, source: questCompletions.source, state: questCompletions.state })
      .from(questCompletions)
      .where(and(eq(questCompletions.id, args.completionId), eq(questCompletions.brandId, staff.brandId)));
    if (!c) throw new DomainError("NOT_FOUND", "reviews.completionNotFound");
    // A review's completion follows its review; deciding it here would leave the two apart.
    if (c.source === "review") throw new DomainError("BAD_REQUEST", "reviews.useReviewQueue");
    const member = await memberOfRow(tx, c.memberId);
    if (member.userId === staff.userId) throw new DomainError("FORBIDDEN", "reviews.ownCompletion");
    await lockBalance(tx, member.brandId, member.memberId, now);
    const decision = { member, completionId: args.completionId, actorUserId: staff.userId, now };
    const result =
      args.decision === "approve"
        ? await approve(nested(tx), reason ? { ...decision, reason } : decision)
        : await reject(nested(tx), { ...decision, reason });
    if (result.changed) {
      await audit(tx, {
        brandId: staff.brandId,
        actorUserId: staff.userId,
        action: `completion.${args.decision}`,
        targetType: "completion",
        targetId: args.completionId,
        before: { state: c.state },
        after: { state: result.completion.state, points: result.completion.points },
        reason: reason || null,
      });
    }
    return { id: result.completion.id, state: result.completion.state, changed: result.changed };
  });
}
