import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, ne, sql } from "drizzle-orm";
import type { Db, Tx } from "../../db/client";
import { brands, healthConsents, ledger, questCompletions, quests, streaks, surpriseDraws, users } from "../../db/schema";
import { countCompletion, streakChanged, uncountCompletion } from "../boards/scores";
import { DomainError } from "../errors";
import { emitEvent } from "../events/outbox";
import { payloadHash } from "../fingerprint";
import { awardInTx, inTransaction, lockBalance, type Member, reverseInTx, vestInTx } from "../points/ledger";
import { afterCompletionApproved } from "./hooks";
import {
  addDays,
  type Cadence,
  endOfDay,
  localDay,
  monthStartOf,
  nextMonthStart,
  periodTarget,
  slotOf,
  streakPeriod,
  weekStart,
} from "./periods";
import { computeStreak, freezeEvery, MILESTONE_BONUS, milestoneReached, type StreakState } from "./streaks";

export type QuestRow = typeof quests.$inferSelect;
export type CompletionRow = typeof questCompletions.$inferSelect;
export type CompletionSource = CompletionRow["source"];

/** How long a member may take back a check-in. */
export const UNDO_WINDOW_MS = 10 * 60_000;

const LIVE = ["pending", "approved"] as const;

export interface CompleteArgs {
  member: Member;
  questId: string;
  /** Unique per member: a retry with the same key returns the first completion. */
  key: string;
  source: CompletionSource;
  value?: string;
  note?: string;
  link?: string;
  photoId?: string;
  /** Always wait for staff (reviews), whatever the quest says. */
  pending?: boolean;
  /** Kinds this path may complete (a member's check-in button completes habits only). */
  onlyKinds?: QuestRow["kind"][];
  now?: Date;
}

export interface CompletionResult {
  completion: CompletionRow;
  replayed: boolean;
  /** Points of the completion itself (0 when a cap or the budget was reached). */
  points: number;
  /** Bonus for a streak milestone reached by this completion. */
  bonus: number;
  milestone: number | null;
  capped: boolean;
  streak: StreakState | null;
}

/** The zone a member's days are counted in: their own, else the brand's. */
export async function memberTimeZone(tx: Tx | Db, member: Member): Promise<string> {
  const [row] = await tx
    .select({ user: users.timeZone, brand: brands.timeZone })
    .from(users)
    .innerJoin(brands, eq(brands.id, member.brandId))
    .where(eq(users.id, member.userId));
  return row?.user ?? row?.brand ?? "UTC";
}

export function anchorDay(quest: Pick<QuestRow, "startsAt" | "createdAt">): string {
  return (quest.startsAt ?? quest.createdAt).toISOString().slice(0, 10);
}

export async function hasHealthConsent(tx: Tx | Db, memberId: string): Promise<boolean> {
  const [row] = await tx
    .select({ id: healthConsents.id })
    .from(healthConsents)
    .where(and(eq(healthConsents.memberId, memberId), isNull(healthConsents.withdrawnAt)));
  return !!row;
}

/** Why a quest cannot be completed now, or null when it can. */
export function availability(quest: QuestRow, now: Date): string | null {
  if (quest.archivedAt) return "quests.archived";
  if (quest.startsAt && now < quest.startsAt) return "quests.notStarted";
  if (quest.endsAt && now >= quest.endsAt) return "quests.ended";
  return null;
}

function firstNumber(value: string | undefined): number | null {
  if (!value) return null;
  const n = Number.parseFloat(value.split("/")[0] ?? "");
  return Number.isFinite(n) ? n : null;
}

async function pointsSince(tx: Tx, member: Member, questId: string, fromDay: string, toDay: string) {
  const [row] = await tx
    .select({ n: sql<number>`coalesce(sum(${questCompletions.points}), 0)::int` })
    .from(questCompletions)
    .where(
      and(
        eq(questCompletions.memberId, member.memberId),
        eq(questCompletions.questId, questId),
        inArray(questCompletions.state, [...LIVE]),
        gte(questCompletions.localDay, fromDay),
        lt(questCompletions.localDay, toDay),
      ),
    );
  return row?.n ?? 0;
}

/** Points the member may still earn from the quest in the day, week and month of `day`. */
async function capRoom(tx: Tx, member: Member, quest: QuestRow, day: string): Promise<number> {
  let room = Number.POSITIVE_INFINITY;
  const monday = weekStart(day);
  const checks: [number | null, string, string][] = [
    [quest.capDay, day, addDays(day, 1)],
    [quest.capWeek, monday, addDays(monday, 7)],
    [quest.capMonth, monthStartOf(day), nextMonthStart(day)],
  ];
  for (const [cap, from, to] of checks) {
    if (cap !== null) room = Math.min(room, cap - (await pointsSince(tx, member, quest.id, from, to)));
  }
  return room;
}

/** Completion counts per streak period, from the member's live completions of the quest. */
/** The member's streak on a quest as of their local day `today`. */
export async function streakOf(tx: Tx | Db, member: Member, quest: QuestRow, today: string): Promise<StreakState> {
  const rows = await tx
    .select({ day: questCompletions.localDay })
    .from(questCompletions)
    .where(
      and(
        eq(questCompletions.memberId, member.memberId),
        eq(questCompletions.questId, quest.id),
        inArray(questCompletions.state, [...LIVE]),
      ),
    );
  const anchor = anchorDay(quest);
  const cadence = quest.cadence as Cadence;
  const counts = new Map<number, number>();
  for (const r of rows) {
    const p = streakPeriod(cadence, quest.cadenceN, r.day, anchor);
    counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  const won = await tx
    .select({ day: surpriseDraws.freezeDay })
    .from(surpriseDraws)
    .where(and(eq(surpriseDraws.memberId, member.memberId), eq(surpriseDraws.freezeQuestId, quest.id)));
  const bonusFreezes = new Map<number, number>();
  for (const w of won) {
    if (!w.day) continue;
    const p = streakPeriod(cadence, quest.cadenceN, w.day, anchor);
    bonusFreezes.set(p, (bonusFreezes.get(p) ?? 0) + 1);
  }
  return computeStreak({
    counts,
    current: streakPeriod(cadence, quest.cadenceN, today, anchor),
    target: periodTarget(cadence, quest.cadenceN),
    freezeEvery: freezeEvery(cadence, quest.cadenceN),
    bonusFreezes,
  });
}

/** Repeating quests track progress per period; only habits keep streaks (with freezes and milestones). */
function repeats(quest: Pick<QuestRow, "cadence">) {
  return quest.cadence !== "once";
}

export function hasStreak(quest: Pick<QuestRow, "cadence" | "kind">) {
  return quest.kind === "habit" && repeats(quest);
}

export async function saveStreak(tx: Tx, member: Member, quest: QuestRow, state: StreakState, now: Date) {
  const [old] = await tx
    .select({ best: streaks.best })
    .from(streaks)
    .where(and(eq(streaks.memberId, member.memberId), eq(streaks.questId, quest.id)));
  const bestChanged = (old?.best ?? 0) !== state.best;
  await tx
    .insert(streaks)
    .values({
      memberId: member.memberId,
      questId: quest.id,
      brandId: member.brandId,
      current: state.current,
      best: state.best,
      bestAt: now,
      freezes: state.freezes,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [streaks.memberId, streaks.questId],
      set: { current: state.current, best: state.best, freezes: state.freezes, updatedAt: now, ...(bestChanged ? { bestAt: now } : {}) },
    });
  if (bestChanged) await streakChanged(tx, member.brandId, member.memberId);
  await emitEvent(tx, `user:${member.userId}`, "streak:changed", {
    brandId: member.brandId,
    questId: quest.id,
    current: state.current,
    best: state.best,
    freezes: state.freezes,
    done: state.done,
    target: state.target,
  });
}

async function announceProgress(tx: Tx, member: Member, quest: QuestRow, c: CompletionRow, streak: StreakState | null) {
  // Points and progress only: a health value never leaves the member's own screens.
  await emitEvent(tx, `user:${member.userId}`, "quest:progress", {
    brandId: member.brandId,
    questId: quest.id,
    completionId: c.id,
    state: c.state,
    points: c.points,
    localDay: c.localDay,
    done: streak?.done ?? null,
    target: streak?.target ?? null,
  });
}

/** Locks the quest row (budget) after the member's balance: every path takes the two in this order. */
async function lockQuest(tx: Tx, brandId: string, questId: string): Promise<QuestRow> {
  const [quest] = await tx
    .select()
    .from(quests)
    .where(and(eq(quests.id, questId), eq(quests.brandId, brandId)))
    .for("update");
  if (!quest) throw new DomainError("NOT_FOUND", "quests.notFound");
  return quest;
}

async function payFromQuest(tx: Tx, questId: string, amount: number) {
  if (amount !== 0) {
    await tx
      .update(quests)
      .set({ pointsPaid: sql`${quests.pointsPaid} + ${amount}` })
      .where(eq(quests.id, questId));
  }
}

/**
 * Records a completion and pays for it, in one transaction: the member's balance row is locked first,
 * so a member's completions are serial; the quest row next, so its budget is never overspent. Caps and
 * the budget lower the award instead of refusing it, so a habit check-in still counts for the streak.
 */
export async function complete(db: Db, a: CompleteArgs): Promise<CompletionResult> {
  const now = a.now ?? new Date();
  const fingerprint = payloadHash({
    quest: a.questId,
    source: a.source,
    value: a.value ?? null,
    note: a.note ?? null,
    link: a.link ?? null,
    photo: a.photoId ?? null,
  });
  return inTransaction(db, async (tx) => {
    const balance = await lockBalance(tx, a.member.brandId, a.member.memberId, now);
    const [prior] = await tx
      .select()
      .from(questCompletions)
      .where(and(eq(questCompletions.memberId, a.member.memberId), eq(questCompletions.idempotencyKey, a.key)));
    if (prior) {
      if (prior.payloadHash !== fingerprint) throw new DomainError("CONFLICT", "points.keyReused");
      return { completion: prior, replayed: true, points: prior.points, bonus: 0, milestone: null, capped: false, streak: null };
    }
    const quest = await lockQuest(tx, a.member.brandId, a.questId);
    if (a.onlyKinds && !a.onlyKinds.includes(quest.kind)) throw new DomainError("BAD_REQUEST", "quests.notCheckIn");
    const unavailable = availability(quest, now);
    if (unavailable) throw new DomainError("BAD_REQUEST", unavailable);
    await checkEligibility(tx, a, quest, balance.tierRank);

    const timeZone = await memberTimeZone(tx, a.member);
    const day = localDay(now, timeZone);
    const cadence = quest.cadence as Cadence;
    // A period already used, counted in whichever zone it was recorded, stays used until it ends.
    const [open] = await tx
      .select({ endsAt: questCompletions.periodEndsAt })
      .from(questCompletions)
      .where(
        and(
          eq(questCompletions.memberId, a.member.memberId),
          eq(questCompletions.questId, quest.id),
          inArray(questCompletions.state, ["pending", "approved", "removed"]),
          cadence === "once" ? undefined : gt(questCompletions.periodEndsAt, now),
        ),
      )
      .orderBy(desc(questCompletions.periodEndsAt))
      .limit(1);
    if (open) {
      const key = cadence === "once" ? "quests.alreadyDone" : "quests.alreadyThisPeriod";
      throw new DomainError("CONFLICT", key, { nextAt: open.endsAt.toISOString() });
    }
    const before = repeats(quest) ? await streakOf(tx, a.member, quest, day) : null;
    if (cadence === "times_per_week" && before && before.done >= before.target) {
      throw new DomainError("CONFLICT", "quests.weekComplete", { nextAt: endOfDay(addDays(weekStart(day), 6), timeZone).toISOString() });
    }
    const slot = slotOf(cadence, quest.cadenceN, day, anchorDay(quest));
    const pending = !!a.pending || quest.requiresApproval;
    const [completion] = await tx
      .insert(questCompletions)
      .values({
        brandId: a.member.brandId,
        questId: quest.id,
        memberId: a.member.memberId,
        source: a.source,
        periodKey: slot.key,
        localDay: day,
        timeZone,
        periodEndsAt: cadence === "once" ? new Date("9999-12-31T00:00:00Z") : endOfDay(slot.lastDay, timeZone),
        state: pending ? "pending" : "approved",
        value: a.value ?? null,
        unit: a.value ? quest.unit : null,
        note: a.note ?? null,
        link: a.link ?? null,
        photoId: a.photoId ?? null,
        idempotencyKey: a.key,
        payloadHash: fingerprint,
        createdAt: now,
      })
      .returning();
    if (!completion) throw new Error("completion insert returned nothing");

    const perUnit = quest.pointsPerUnit !== null ? firstNumber(a.value) : null;
    const base = perUnit !== null && quest.pointsPerUnit !== null ? Math.floor(perUnit * quest.pointsPerUnit) : quest.basePoints;
    const room = Math.min(
      await capRoom(tx, a.member, quest, day),
      quest.budget === null ? Number.POSITIVE_INFINITY : quest.budget - quest.pointsPaid,
    );
    let points = 0;
    let row = completion;
    if (base > 0 && room > 0) {
      const paid = await awardInTx(tx, {
        member: a.member,
        base,
        source: quest.kind === "review" ? "review" : "quest",
        sourceId: completion.id,
        reason: quest.title,
        key: `quest:${completion.id}`,
        pending,
        now,
        ...(Number.isFinite(room) ? { maxAmount: room } : {}),
      });
      if (paid) {
        points = paid.entry.amount;
        await payFromQuest(tx, quest.id, points);
        const [updated] = await tx
          .update(questCompletions)
          .set({ points, ledgerId: paid.entry.id })
          .where(eq(questCompletions.id, completion.id))
          .returning();
        row = updated ?? completion;
      }
    }
    const capped = points < base;
    if (!pending) await countCompletion(tx, a.member, quest.kind, now);

    let streak: StreakState | null = null;
    let bonus = 0;
    let milestone: number | null = null;
    if (before) {
      streak = await streakOf(tx, a.member, quest, day);
      if (hasStreak(quest)) {
        milestone = milestoneReached(before, streak);
        if (milestone !== null && streak.runStart !== null) {
          bonus = await payMilestone(tx, a.member, quest, completion.id, milestone, streak.runStart, pending, now);
        }
        await saveStreak(tx, a.member, quest, streak, now);
      }
    }
    await announceProgress(tx, a.member, quest, row, streak);
    if (!pending) await afterCompletionApproved(tx, { member: a.member, quest, completion: row, milestone, now });
    return { completion: row, replayed: false, points, bonus, milestone, capped, streak };
  });
}

async function checkEligibility(tx: Tx, a: CompleteArgs, quest: QuestRow, tierRank: number) {
  if (quest.minTierRank !== null && tierRank < quest.minTierRank) throw new DomainError("FORBIDDEN", "quests.tierTooLow");
  if (quest.evidence === "value" && !a.value)
    throw new DomainError("BAD_REQUEST", "quests.valueRequired", { value: "quests.valueRequired" });
  if (quest.evidence === "photo" && !a.photoId)
    throw new DomainError("BAD_REQUEST", "quests.photoRequired", { photoId: "quests.photoRequired" });
  if (quest.evidence === "link" && !a.link) throw new DomainError("BAD_REQUEST", "quests.linkRequired", { link: "quests.linkRequired" });
  if (quest.health && !(await hasHealthConsent(tx, a.member.memberId))) {
    throw new DomainError("FORBIDDEN", "quests.consentRequired");
  }
}

/** A streak milestone pays once per run (the run's first period is part of the key). */
async function payMilestone(
  tx: Tx,
  member: Member,
  quest: QuestRow,
  completionId: string,
  milestone: number,
  runStart: number,
  pending: boolean,
  now: Date,
): Promise<number> {
  const base = quest.basePoints * (MILESTONE_BONUS[milestone as keyof typeof MILESTONE_BONUS] ?? 0);
  const [fresh] = await tx.select({ paid: quests.pointsPaid }).from(quests).where(eq(quests.id, quest.id));
  const room = quest.budget === null ? Number.POSITIVE_INFINITY : quest.budget - (fresh?.paid ?? quest.pointsPaid);
  if (base <= 0 || room <= 0) return 0;
  const paid = await awardInTx(tx, {
    member,
    base,
    source: "quest",
    sourceId: completionId,
    reason: `${quest.title} · ${milestone}`,
    key: `streak:${quest.id}:${member.memberId}:${runStart}:${milestone}`,
    pending,
    now,
    ...(Number.isFinite(room) ? { maxAmount: room } : {}),
  });
  if (!paid || paid.replayed) return 0;
  await payFromQuest(tx, quest.id, paid.entry.amount);
  return paid.entry.amount;
}

/** Reverses every award made for a completion (its points and any milestone bonus) and frees the budget. */
async function unpay(tx: Tx, c: CompletionRow, reason: string, actorUserId: string | undefined, now: Date) {
  const rows = await tx
    .select()
    .from(ledger)
    .where(and(eq(ledger.brandId, c.brandId), eq(ledger.sourceId, c.id), eq(ledger.kind, "earn"), ne(ledger.state, "reversed")));
  let freed = 0;
  for (const row of rows) {
    const done = await reverseInTx(tx, {
      brandId: c.brandId,
      ledgerId: row.id,
      reason,
      key: `undo:${row.id}`,
      ...(actorUserId ? { actorUserId } : {}),
      now,
    });
    if (!done.replayed) freed += row.amount;
  }
  await payFromQuest(tx, c.questId, -freed);
}

async function loadCompletion(tx: Tx, brandId: string, completionId: string): Promise<CompletionRow> {
  const [c] = await tx
    .select()
    .from(questCompletions)
    .where(and(eq(questCompletions.id, completionId), eq(questCompletions.brandId, brandId)));
  if (!c) throw new DomainError("NOT_FOUND", "quests.completionNotFound");
  return c;
}

async function refreshStreak(tx: Tx, member: Member, questId: string, now: Date) {
  const [quest] = await tx.select().from(quests).where(eq(quests.id, questId));
  if (!quest || !repeats(quest)) return null;
  const state = await streakOf(tx, member, quest, localDay(now, await memberTimeZone(tx, member)));
  if (hasStreak(quest)) await saveStreak(tx, member, quest, state, now);
  return { quest, state };
}

/**
 * Moves a completion to a final state and settles its points. Every transition locks the member's balance,
 * then the completion, so concurrent staff decisions and a member's undo cannot both apply.
 */
async function transition(
  db: Db,
  args: {
    member: Member;
    completionId: string;
    from: CompletionRow["state"][];
    to: CompletionRow["state"];
    reason: string;
    actorUserId?: string;
    now?: Date;
  },
  check?: (c: CompletionRow, now: Date) => void,
) {
  const now = args.now ?? new Date();
  return inTransaction(db, async (tx) => {
    await lockBalance(tx, args.member.brandId, args.member.memberId, now);
    const c = await loadCompletion(tx, args.member.brandId, args.completionId);
    if (c.memberId !== args.member.memberId) throw new DomainError("NOT_FOUND", "quests.completionNotFound");
    if (c.state === args.to) return { completion: c, changed: false };
    if (!args.from.includes(c.state)) throw new DomainError("CONFLICT", "quests.alreadyDecided");
    check?.(c, now);
    const quest = await lockQuest(tx, c.brandId, c.questId);
    if (args.to === "approved") {
      const rows = await tx
        .select({ id: ledger.id })
        .from(ledger)
        .where(and(eq(ledger.brandId, c.brandId), eq(ledger.sourceId, c.id), eq(ledger.state, "pending")))
        .orderBy(asc(ledger.id));
      for (const r of rows) await vestInTx(tx, { brandId: c.brandId, ledgerId: r.id, now });
    } else {
      await unpay(tx, c, args.reason, args.actorUserId, now);
    }
    const [updated] = await tx
      .update(questCompletions)
      .set({
        state: args.to,
        ...(args.to === "undone" ? { undoneAt: now } : { decidedAt: now, decidedBy: args.actorUserId ?? null }),
        ...(args.to === "approved" ? {} : { reason: args.reason }),
      })
      .where(eq(questCompletions.id, c.id))
      .returning();
    if (!updated) throw new Error("completion vanished");
    if (args.to === "approved") await countCompletion(tx, c, quest.kind, now);
    else if (c.state === "approved") await uncountCompletion(tx, c, quest.kind);
    const refreshed = await refreshStreak(tx, args.member, c.questId, now);
    if (refreshed) await announceProgress(tx, args.member, refreshed.quest, updated, refreshed.state);
    if (args.to === "approved")
      await afterCompletionApproved(tx, { member: args.member, quest, completion: updated, milestone: null, now });
    return { completion: updated, changed: true };
  });
}

/** The member takes back their own check-in within 10 minutes; its points (and any bonus) are reversed. */
export function undo(db: Db, a: { member: Member; completionId: string; now?: Date }) {
  return transition(
    db,
    {
      member: a.member,
      completionId: a.completionId,
      from: ["pending", "approved"],
      to: "undone",
      reason: "undo",
      ...(a.now ? { now: a.now } : {}),
    },
    (c, now) => {
      if (c.source !== "member") throw new DomainError("BAD_REQUEST", "quests.cannotUndo");
      if (now.getTime() - c.createdAt.getTime() > UNDO_WINDOW_MS) throw new DomainError("BAD_REQUEST", "quests.undoExpired");
    },
  );
}

export interface Decision {
  member: Member;
  completionId: string;
  actorUserId: string;
  reason?: string;
  now?: Date;
}

/** Staff approve a pending completion: its points vest. */
export function approve(db: Db, d: Decision) {
  return transition(db, { ...d, from: ["pending"], to: "approved", reason: d.reason ?? "" });
}

/** Staff reject a pending completion: its pending points are dropped and the member sees the reason. */
export function reject(db: Db, d: Decision & { reason: string }) {
  return transition(db, { ...d, from: ["pending"], to: "rejected" });
}

/** Staff remove an approved completion later: its points are reversed. */
export function remove(db: Db, d: Decision & { reason: string }) {
  return transition(db, { ...d, from: ["approved"], to: "removed" });
}
