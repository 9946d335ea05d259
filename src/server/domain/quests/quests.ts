import { and, asc, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import type { QuestInput } from "@/lib/validation/quests";
import type { Db } from "../../db/client";
import { balances, memberships, questCompletions, quests } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { availability, type CompletionRow, hasStreak, memberTimeZone, type QuestRow, streakOf, UNDO_WINDOW_MS } from "./completions";
import { addDays, type Cadence, endOfDay, localDay, monthStartOf, weekStart } from "./periods";

export type QuestStatus = "active" | "scheduled" | "ended" | "archived";

export function questStatus(q: QuestRow, now = new Date()): QuestStatus {
  if (q.archivedAt) return "archived";
  if (q.startsAt && now < q.startsAt) return "scheduled";
  if (q.endsAt && now >= q.endsAt) return "ended";
  return "active";
}

const iso = (d: Date | null) => (d ? d.toISOString() : null);

export function staffQuest(q: QuestRow, now = new Date()) {
  return {
    ...q,
    startsAt: iso(q.startsAt),
    endsAt: iso(q.endsAt),
    createdAt: q.createdAt.toISOString(),
    updatedAt: q.updatedAt.toISOString(),
    archivedAt: iso(q.archivedAt),
    status: questStatus(q, now),
  };
}
export type StaffQuest = ReturnType<typeof staffQuest>;

function columns(input: QuestInput) {
  return {
    ...input,
    // Fields that do not apply to the chosen kind or cadence are cleared, so stale settings never apply.
    cadenceN: input.cadence === "times_per_week" || input.cadence === "every_n_days" ? input.cadenceN : null,
    // Only habits are checked in by hand; a review, a visit or an event can carry no evidence.
    evidence: input.kind === "habit" ? input.evidence : ("none" as const),
    unit: input.kind === "habit" && input.evidence === "value" ? input.unit : null,
    pointsPerUnit: input.kind === "habit" && input.evidence === "value" ? input.pointsPerUnit : null,
    health: input.kind === "habit" && input.health,
    shareTarget: input.kind === "share" ? input.shareTarget : null,
    shareTargetId: input.kind === "share" ? input.shareTargetId : null,
  };
}

async function findQuest(db: Db, brandId: string, questId: string): Promise<QuestRow> {
  const [q] = await db
    .select()
    .from(quests)
    .where(and(eq(quests.id, questId), eq(quests.brandId, brandId)));
  if (!q) throw new DomainError("NOT_FOUND", "quests.notFound");
  return q;
}

export async function createQuest(db: Db, brandId: string, actorUserId: string, input: QuestInput) {
  return db.transaction(async (tx) => {
    const [q] = await tx
      .insert(quests)
      .values({ ...columns(input), brandId, createdBy: actorUserId })
      .returning();
    if (!q) throw new Error("quest insert returned nothing");
    await audit(tx, { brandId, actorUserId, action: "quest.create", targetType: "quest", targetId: q.id, after: input });
    return staffQuest(q);
  });
}

export async function updateQuest(db: Db, brandId: string, actorUserId: string, questId: string, input: QuestInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(quests)
      .where(and(eq(quests.id, questId), eq(quests.brandId, brandId)))
      .for("update");
    if (!before) throw new DomainError("NOT_FOUND", "quests.notFound");
    // A budget below what was already paid would make the quest's own check constraint fail.
    if (input.budget !== null && input.budget < before.pointsPaid) {
      throw new DomainError("BAD_REQUEST", "quests.budgetBelowPaid", { budget: "quests.budgetBelowPaid" });
    }
    // Periods already recorded were counted with the old cadence; changing it would corrupt streaks.
    if ((input.cadence !== before.cadence || (input.cadenceN ?? null) !== before.cadenceN) && (await hasCompletions(tx, questId))) {
      throw new DomainError("BAD_REQUEST", "quests.cadenceLocked", { cadence: "quests.cadenceLocked" });
    }
    const [q] = await tx
      .update(quests)
      .set({ ...columns(input), updatedAt: new Date() })
      .where(eq(quests.id, questId))
      .returning();
    if (!q) throw new Error("quest vanished");
    await audit(tx, { brandId, actorUserId, action: "quest.update", targetType: "quest", targetId: q.id, before, after: input });
    return staffQuest(q);
  });
}

async function hasCompletions(tx: Pick<Db, "select">, questId: string) {
  const [row] = await tx.select({ id: questCompletions.id }).from(questCompletions).where(eq(questCompletions.questId, questId)).limit(1);
  return !!row;
}

export async function setArchived(db: Db, brandId: string, actorUserId: string, questId: string, archived: boolean) {
  return db.transaction(async (tx) => {
    const [q] = await tx
      .update(quests)
      .set({ archivedAt: archived ? new Date() : null, updatedAt: new Date() })
      .where(and(eq(quests.id, questId), eq(quests.brandId, brandId)))
      .returning();
    if (!q) throw new DomainError("NOT_FOUND", "quests.notFound");
    await audit(tx, { brandId, actorUserId, action: archived ? "quest.archive" : "quest.restore", targetType: "quest", targetId: q.id });
    return staffQuest(q);
  });
}

export async function adminList(db: Db, brandId: string, includeArchived: boolean) {
  const rows = await db
    .select()
    .from(quests)
    .where(and(eq(quests.brandId, brandId), includeArchived ? undefined : isNull(quests.archivedAt)))
    .orderBy(desc(quests.createdAt));
  const now = new Date();
  return rows.map((q) => staffQuest(q, now));
}

/** Aggregates only: staff never see a member's health values here. */
export async function questStats(db: Db, brandId: string, questId: string, now = new Date()) {
  const quest = await findQuest(db, brandId, questId);
  const [agg] = await db
    .select({
      completions: sql<number>`count(*) filter (where ${questCompletions.state} = 'approved')::int`,
      pending: sql<number>`count(*) filter (where ${questCompletions.state} = 'pending')::int`,
      rejected: sql<number>`count(*) filter (where ${questCompletions.state} = 'rejected')::int`,
      uniqueMembers: sql<number>`count(distinct ${questCompletions.memberId}) filter (where ${questCompletions.state} in ('approved', 'pending'))::int`,
    })
    .from(questCompletions)
    .where(eq(questCompletions.questId, questId));
  const [members] = await db.select({ n: sql<number>`count(*)::int` }).from(memberships).where(eq(memberships.brandId, brandId));
  const since = addDays(now.toISOString().slice(0, 10), -29);
  const days = await db
    .select({ day: questCompletions.localDay, n: sql<number>`count(*)::int` })
    .from(questCompletions)
    .where(and(eq(questCompletions.questId, questId), eq(questCompletions.state, "approved"), gte(questCompletions.localDay, since)))
    .groupBy(questCompletions.localDay);
  const byDayMap = new Map(days.map((d) => [d.day, d.n]));
  const memberCount = members?.n ?? 0;
  const unique = agg?.uniqueMembers ?? 0;
  return {
    completions: agg?.completions ?? 0,
    uniqueMembers: unique,
    members: memberCount,
    completionRate: memberCount === 0 ? 0 : unique / memberCount,
    pointsPaid: quest.pointsPaid,
    budget: quest.budget,
    pending: agg?.pending ?? 0,
    rejected: agg?.rejected ?? 0,
    byDay: Array.from({ length: 30 }, (_, i) => {
      const day = addDays(since, i);
      return { day, completions: byDayMap.get(day) ?? 0 };
    }),
  };
}

const CHECK_IN_BY = { habit: "member", review: "review", share: "share", custom: "event" } as const;

function groupOf(q: QuestRow): "today" | "week" | "ongoing" {
  if (q.cadence === "daily") return "today";
  if (q.cadence === "weekly" || q.cadence === "times_per_week") return "week";
  return "ongoing";
}

export function publicCompletion(c: CompletionRow, now = new Date()) {
  const undoUntil = new Date(c.createdAt.getTime() + UNDO_WINDOW_MS);
  return {
    id: c.id,
    state: c.state,
    points: c.points,
    localDay: c.localDay,
    createdAt: c.createdAt.toISOString(),
    value: c.value,
    unit: c.unit,
    note: c.note,
    link: c.link,
    reason: c.reason,
    source: c.source,
    undoUntil:
      c.source === "member" && (c.state === "approved" || c.state === "pending") && undoUntil > now ? undoUntil.toISOString() : null,
  };
}
export type PublicCompletion = ReturnType<typeof publicCompletion>;

async function memberQuest(db: Db, member: Member, q: QuestRow, ctx: { timeZone: string; today: string; tierRank: number; now: Date }) {
  const cadence = q.cadence as Cadence;
  const live = await db
    .select({
      day: questCompletions.localDay,
      endsAt: questCompletions.periodEndsAt,
      points: questCompletions.points,
      state: questCompletions.state,
    })
    .from(questCompletions)
    .where(
      and(
        eq(questCompletions.memberId, member.memberId),
        eq(questCompletions.questId, q.id),
        inArray(questCompletions.state, ["pending", "approved", "removed"]),
        gte(questCompletions.localDay, addDays(monthStartOf(ctx.today), -7)),
      ),
    );
  const openUntil = live
    .filter((c) => (cadence === "once" ? true : c.endsAt > ctx.now))
    .map((c) => c.endsAt)
    .sort((a, b) => b.getTime() - a.getTime())[0];
  const streak = hasStreak(q) ? await streakOf(db, member, q, ctx.today) : null;
  const monday = weekStart(ctx.today);
  const weekDone = live.filter((c) => c.state !== "removed" && c.day >= monday && c.day <= addDays(monday, 6)).length;
  let doneThisPeriod = !!openUntil;
  let nextAt = openUntil && cadence !== "once" ? openUntil.toISOString() : null;
  if (cadence === "times_per_week" && q.cadenceN && weekDone >= q.cadenceN) {
    doneThisPeriod = true;
    nextAt = endOfDay(addDays(monday, 6), ctx.timeZone).toISOString();
  }
  const progress =
    cadence === "times_per_week"
      ? { done: weekDone, target: q.cadenceN ?? 1 }
      : cadence === "once"
        ? { done: live.some((c) => c.state !== "removed") ? 1 : 0, target: 1 }
        : { done: doneThisPeriod ? 1 : 0, target: 1 };
  const tierLocked = q.minTierRank !== null && ctx.tierRank < q.minTierRank;
  const firstOfMonth = monthStartOf(ctx.today);
  return {
    id: q.id,
    kind: q.kind,
    title: q.title,
    description: q.description,
    icon: q.icon,
    basePoints: q.basePoints,
    pointsPerUnit: q.pointsPerUnit,
    cadence: q.cadence,
    cadenceN: q.cadenceN,
    startsAt: iso(q.startsAt),
    endsAt: iso(q.endsAt),
    evidence: q.evidence,
    unit: q.unit,
    health: q.health,
    requiresApproval: q.requiresApproval,
    shareTarget: q.shareTarget,
    shareTargetId: q.shareTargetId,
    minTierRank: q.minTierRank,
    group: groupOf(q),
    unavailable: availability(q, ctx.now) ?? (tierLocked ? "quests.tierTooLow" : null),
    doneThisPeriod,
    nextAt,
    progress,
    streak: streak ? { current: streak.current, best: streak.best, freezes: streak.freezes } : null,
    caps: { day: q.capDay, week: q.capWeek, month: q.capMonth },
    pointsThisMonth: live.filter((c) => c.day >= firstOfMonth && c.state !== "removed").reduce((s, c) => s + c.points, 0),
    checkInBy: CHECK_IN_BY[q.kind],
  };
}
export type MemberQuest = Awaited<ReturnType<typeof memberQuest>>;

async function viewContext(db: Db, member: Member, now: Date) {
  const timeZone = await memberTimeZone(db, member);
  const [balance] = await db.select({ tierRank: balances.tierRank }).from(balances).where(eq(balances.memberId, member.memberId));
  return { timeZone, today: localDay(now, timeZone), tierRank: balance?.tierRank ?? 0, now };
}

/** Quests a member can see: not archived, and not ended more than a week ago. */
export async function listForMember(db: Db, member: Member, now = new Date()) {
  const ctx = await viewContext(db, member, now);
  const rows = await db
    .select()
    .from(quests)
    .where(and(eq(quests.brandId, member.brandId), isNull(quests.archivedAt)))
    .orderBy(asc(quests.createdAt));
  const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
  const visible = rows.filter((q) => !q.endsAt || q.endsAt > weekAgo);
  const items = [];
  for (const q of visible) items.push(await memberQuest(db, member, q, ctx));
  return { timeZone: ctx.timeZone, today: ctx.today, quests: items };
}

export async function getForMember(db: Db, member: Member, questId: string, now = new Date()) {
  const q = await findQuest(db, member.brandId, questId);
  if (q.archivedAt) throw new DomainError("NOT_FOUND", "quests.notFound");
  const ctx = await viewContext(db, member, now);
  const history = await db
    .select()
    .from(questCompletions)
    .where(and(eq(questCompletions.memberId, member.memberId), eq(questCompletions.questId, questId)))
    .orderBy(desc(questCompletions.createdAt))
    .limit(60);
  return {
    ...(await memberQuest(db, member, q, ctx)),
    timeZone: ctx.timeZone,
    today: ctx.today,
    history: history.map((c) => publicCompletion(c, now)),
  };
}

export async function streaksOf(db: Db, member: Member, now = new Date()) {
  const rows = await db
    .select()
    .from(quests)
    .where(and(eq(quests.brandId, member.brandId), isNull(quests.archivedAt), eq(quests.kind, "habit"), sql`${quests.cadence} <> 'once'`))
    .orderBy(asc(quests.createdAt));
  const today = localDay(now, await memberTimeZone(db, member));
  const out = [];
  for (const q of rows) {
    const s = await streakOf(db, member, q, today);
    out.push({
      questId: q.id,
      title: q.title,
      icon: q.icon,
      cadence: q.cadence,
      cadenceN: q.cadenceN,
      current: s.current,
      best: s.best,
      freezes: s.freezes,
      done: s.done,
      target: s.target,
    });
  }
  return out;
}
