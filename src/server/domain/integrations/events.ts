import { and, eq, isNull, sql } from "drizzle-orm";
import type { EventBody } from "@/lib/validation/integrations";
import type { Db } from "../../db/client";
import { externalEvents, memberships, questCompletions, quests, users } from "../../db/schema";
import { DomainError } from "../errors";
import { payloadHash } from "../fingerprint";
import type { Member } from "../points/ledger";
import { availability, complete } from "../quests/completions";
import { ApiError } from "./api-error";

export interface EventAnswer {
  status: 200 | 201;
  body: { completionId: string; points: number; capped: boolean; state: string; replayed: boolean };
}

/** A fingerprint of what the event asks for, so a key reused for a different event is caught. */
export function eventHash(body: EventBody): string {
  const member = "email" in body.member ? { email: body.member.email } : { externalId: body.member.externalId };
  return payloadHash({ quest: body.quest, member, occurredAt: body.occurredAt ? new Date(body.occurredAt).toISOString() : null });
}

function whoIs(member: EventBody["member"]): string {
  return "email" in member ? `e-mail ${member.email}` : `external id "${member.externalId}"`;
}

async function findMember(db: Db, brandId: string, who: EventBody["member"]): Promise<Member | undefined> {
  const cols = { brandId: memberships.brandId, memberId: memberships.id, userId: memberships.userId };
  if ("email" in who) {
    const [row] = await db
      .select(cols)
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.brandId, brandId), eq(users.email, who.email)));
    return row;
  }
  const [row] = await db
    .select(cols)
    .from(memberships)
    .where(and(eq(memberships.brandId, brandId), eq(memberships.externalId, who.externalId)));
  return row;
}

const questNotFound = (questId: string) =>
  new ApiError(
    404,
    "quest_not_found",
    `No active custom quest ${questId} in this brand. Use the id of a quest of kind "custom" that has started, has not ended and is not archived (listed on the staff integrations page).`,
  );

/** The completion core's refusals as API answers: a clear 4xx, never a 500. */
function refusal(err: DomainError, questId: string): ApiError {
  const nextAt = err.fields?.nextAt ? { nextAt: err.fields.nextAt } : {};
  switch (err.key) {
    case "quests.alreadyThisPeriod":
      return new ApiError(409, "already_completed_this_period", "The member already completed this quest in the current period.", nextAt);
    case "quests.weekComplete":
      return new ApiError(
        409,
        "already_completed_this_period",
        "The member already completed this quest as often as it allows this week.",
        nextAt,
      );
    case "quests.alreadyDone":
      return new ApiError(409, "already_completed", "The member already completed this quest, which can be completed only once.");
    case "points.keyReused":
      return new ApiError(409, "idempotency_key_reused", "This idempotencyKey was already used for a different event.");
    case "quests.notFound":
    case "quests.archived":
    case "quests.notStarted":
    case "quests.ended":
      return questNotFound(questId);
    case "quests.tierTooLow":
      return new ApiError(422, "tier_too_low", "The member's status tier is below the quest's minimum tier.");
    case "quests.valueRequired":
    case "quests.photoRequired":
    case "quests.linkRequired":
      return new ApiError(422, "evidence_required", 'The quest asks for evidence, which events cannot carry; set its evidence to "none".');
    default:
      return new ApiError(422, "not_completed", `The quest was not completed (${err.key}).`);
  }
}

async function replay(db: Db, completionId: string, points: number): Promise<EventAnswer> {
  const [row] = await db
    .select({ state: questCompletions.state, base: quests.basePoints })
    .from(questCompletions)
    .innerJoin(quests, eq(quests.id, questCompletions.questId))
    .where(eq(questCompletions.id, completionId));
  return {
    status: 200,
    body: { completionId, points, capped: points < (row?.base ?? points), state: row?.state ?? "removed", replayed: true },
  };
}

/**
 * Completes a custom quest for a member on behalf of the brand's own systems. The key is claimed in
 * `external_events` before the award, so one key can only ever mean one event: the same body again
 * returns the first answer and changes nothing, a different body is refused. Requests with the same
 * body that race each other all reach `complete`, whose own idempotency lets exactly one award through.
 * A refused event releases its claim, so nothing of it remains.
 */
export async function acceptEvent(db: Db, args: { brandId: string; body: EventBody; now?: Date }): Promise<EventAnswer> {
  const { brandId, body } = args;
  const hash = eventHash(body);
  const reused = () =>
    new ApiError(409, "idempotency_key_reused", `idempotencyKey "${body.idempotencyKey}" was already used for a different event.`);

  const [prior] = await db
    .select()
    .from(externalEvents)
    .where(and(eq(externalEvents.brandId, brandId), eq(externalEvents.idempotencyKey, body.idempotencyKey)));
  if (prior) {
    if (prior.bodyHash !== hash) throw reused();
    if (prior.completionId) return replay(db, prior.completionId, prior.points);
  }

  const now = args.now ?? new Date();
  const [quest] = await db
    .select()
    .from(quests)
    .where(and(eq(quests.id, body.quest), eq(quests.brandId, brandId), eq(quests.kind, "custom")));
  if (!quest || availability(quest, now) !== null) throw questNotFound(body.quest);
  const member = await findMember(db, brandId, body.member);
  if (!member) {
    throw new ApiError(
      404,
      "member_not_found",
      `No member of this brand with ${whoIs(body.member)}. Members are matched by the e-mail of their Sadiq account, or by the external id staff linked to them.`,
    );
  }

  const [claim] = await db
    .insert(externalEvents)
    .values({ brandId, idempotencyKey: body.idempotencyKey, bodyHash: hash, questId: quest.id, memberId: member.memberId })
    .onConflictDoNothing()
    .returning({ id: externalEvents.id });
  if (!claim) {
    const [raced] = await db
      .select({ bodyHash: externalEvents.bodyHash })
      .from(externalEvents)
      .where(and(eq(externalEvents.brandId, brandId), eq(externalEvents.idempotencyKey, body.idempotencyKey)));
    if (raced && raced.bodyHash !== hash) throw reused();
  }

  let result: Awaited<ReturnType<typeof complete>>;
  try {
    result = await complete(db, { member, questId: quest.id, key: `event:${body.idempotencyKey}`, source: "event", now });
  } catch (err) {
    if (claim) await db.delete(externalEvents).where(and(eq(externalEvents.id, claim.id), isNull(externalEvents.completionId)));
    if (err instanceof DomainError) throw refusal(err, quest.id);
    throw err;
  }

  // Written whoever claimed the key, so the answer is kept even if the claimer went away mid-request.
  await db
    .insert(externalEvents)
    .values({
      brandId,
      idempotencyKey: body.idempotencyKey,
      bodyHash: hash,
      questId: quest.id,
      memberId: member.memberId,
      completionId: result.completion.id,
      points: result.completion.points,
    })
    .onConflictDoUpdate({
      target: [externalEvents.brandId, externalEvents.idempotencyKey],
      set: { completionId: result.completion.id, points: result.completion.points },
      setWhere: sql`${externalEvents.completionId} is null and ${externalEvents.bodyHash} = ${hash}`,
    });

  return {
    status: result.replayed ? 200 : 201,
    body: {
      completionId: result.completion.id,
      points: result.completion.points,
      capped: result.replayed ? result.completion.points < quest.basePoints : result.capped,
      state: result.completion.state,
      replayed: result.replayed,
    },
  };
}
