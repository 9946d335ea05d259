import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { candidates } from "@/lib/surprises/verify";
import type { TableInput } from "@/lib/validation/surprises";
import type { Db, DbOrTx } from "../../db/client";
import { quests, rewards, type StoredPrize, surpriseBudgetDays, surpriseDraws, surpriseTables } from "../../db/schema";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { periodOf } from "./seeds";

export type SurpriseTable = typeof surpriseTables.$inferSelect;

/** Quest and rewards named by a table must belong to the brand; rewards must still be in the catalog. */
async function checkReferences(db: DbOrTx, brandId: string, input: TableInput) {
  if (input.trigger.questId) {
    const [q] = await db
      .select({ id: quests.id })
      .from(quests)
      .where(and(eq(quests.id, input.trigger.questId), eq(quests.brandId, brandId)));
    if (!q) throw new DomainError("BAD_REQUEST", "surprisesStaff.badQuest", { questId: "surprisesStaff.badQuest" });
  }
  const rewardIds = [...new Set(input.prizes.flatMap((p) => (p.rewardId ? [p.rewardId] : [])))];
  if (rewardIds.length > 0) {
    const found = await db
      .select({ id: rewards.id })
      .from(rewards)
      .where(and(eq(rewards.brandId, brandId), inArray(rewards.id, rewardIds), isNull(rewards.archivedAt)));
    if (found.length !== rewardIds.length)
      throw new DomainError("BAD_REQUEST", "surprisesStaff.badReward", { prizes: "surprisesStaff.badReward" });
  }
}

/** Prizes keep their ids across edits (so statistics follow them); new ones get fresh ids. */
function storedPrizes(input: TableInput, existing: StoredPrize[] = []): StoredPrize[] {
  const known = new Set(existing.map((p) => p.id));
  return input.prizes.map((p) => {
    if (p.id && !known.has(p.id)) throw new DomainError("BAD_REQUEST", "surprisesStaff.badPrize", { prizes: "surprisesStaff.badPrize" });
    return {
      id: p.id ?? randomUUID(),
      kind: p.kind,
      label: p.label,
      weight: p.weight,
      points: p.points,
      rewardId: p.rewardId,
      freezeValue: p.freezeValue,
    };
  });
}

function columns(input: TableInput) {
  return {
    name: input.name,
    description: input.description,
    trigger: input.trigger.kind,
    questId: input.trigger.questId,
    dailyBudget: input.dailyBudget,
    totalBudget: input.totalBudget,
    pityAfter: input.pityAfter,
  };
}

export async function createTable(db: Db, brandId: string, actorUserId: string, input: TableInput) {
  return db.transaction(async (tx) => {
    await checkReferences(tx, brandId, input);
    const [row] = await tx
      .insert(surpriseTables)
      .values({ ...columns(input), brandId, prizes: storedPrizes(input), createdBy: actorUserId })
      .returning();
    if (!row) throw new Error("surprise table insert returned nothing");
    await audit(tx, { brandId, actorUserId, action: "surprise.create", targetType: "surprise_table", targetId: row.id, after: row });
    return row;
  });
}

/** Replaces a table's configuration; draws already made keep the snapshot they were drawn from. */
export async function updateTable(db: Db, brandId: string, actorUserId: string, tableId: string, input: TableInput) {
  return db.transaction(async (tx) => {
    const [before] = await tx
      .select()
      .from(surpriseTables)
      .where(and(eq(surpriseTables.id, tableId), eq(surpriseTables.brandId, brandId)))
      .for("update");
    if (!before) throw new DomainError("NOT_FOUND", "surprisesStaff.notFound");
    await checkReferences(tx, brandId, input);
    if (input.totalBudget < before.spentTotal) {
      throw new DomainError("BAD_REQUEST", "surprisesStaff.budgetBelowSpent", { totalBudget: "surprisesStaff.budgetBelowSpent" });
    }
    const [after] = await tx
      .update(surpriseTables)
      .set({ ...columns(input), prizes: storedPrizes(input, before.prizes), updatedAt: new Date() })
      .where(eq(surpriseTables.id, tableId))
      .returning();
    await audit(tx, { brandId, actorUserId, action: "surprise.update", targetType: "surprise_table", targetId: tableId, before, after });
    return after;
  });
}

export async function archiveTable(db: Db, brandId: string, actorUserId: string, tableId: string) {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [after] = await tx
      .update(surpriseTables)
      .set({ archivedAt: now, updatedAt: now })
      .where(and(eq(surpriseTables.id, tableId), eq(surpriseTables.brandId, brandId), isNull(surpriseTables.archivedAt)))
      .returning();
    if (!after) throw new DomainError("NOT_FOUND", "surprisesStaff.notFound");
    await audit(tx, {
      brandId,
      actorUserId,
      action: "surprise.archive",
      targetType: "surprise_table",
      targetId: tableId,
      after: { archivedAt: now },
    });
    return after;
  });
}

/** Points each table spent on a UTC day. */
export async function spentOn(db: DbOrTx, tableIds: string[], day: string): Promise<Map<string, number>> {
  if (tableIds.length === 0) return new Map();
  const rows = await db
    .select({ tableId: surpriseBudgetDays.tableId, spent: surpriseBudgetDays.spent })
    .from(surpriseBudgetDays)
    .where(and(inArray(surpriseBudgetDays.tableId, tableIds), eq(surpriseBudgetDays.day, day)));
  return new Map(rows.map((r) => [r.tableId, r.spent]));
}

export function budgetOf(t: SurpriseTable, spentToday: number) {
  const totalLeft = Math.max(0, t.totalBudget - t.spentTotal);
  return {
    daily: t.dailyBudget,
    dailyLeft: Math.min(totalLeft, Math.max(0, t.dailyBudget - spentToday)),
    total: t.totalBudget,
    totalLeft,
  };
}

/** Every table of the brand, archived ones too, with the full configuration (staff). */
export async function listTables(db: DbOrTx, brandId: string, now = new Date()) {
  const rows = await db
    .select({ table: surpriseTables, questTitle: quests.title })
    .from(surpriseTables)
    .leftJoin(quests, eq(quests.id, surpriseTables.questId))
    .where(eq(surpriseTables.brandId, brandId))
    .orderBy(asc(surpriseTables.createdAt), asc(surpriseTables.id));
  const today = await spentOn(
    db,
    rows.map((r) => r.table.id),
    periodOf(now),
  );
  return rows.map(({ table, questTitle }) => ({
    id: table.id,
    name: table.name,
    description: table.description,
    trigger: { kind: table.trigger, questId: table.questId, questTitle },
    prizes: table.prizes,
    dailyBudget: table.dailyBudget,
    totalBudget: table.totalBudget,
    pityAfter: table.pityAfter,
    spentToday: today.get(table.id) ?? 0,
    spentTotal: table.spentTotal,
    archived: table.archivedAt !== null,
    archivedAt: table.archivedAt,
    createdAt: table.createdAt,
    updatedAt: table.updatedAt,
  }));
}

/** What the draws of a table came to, against what their odds predicted. */
export async function tableStats(db: DbOrTx, brandId: string, tableId: string, now = new Date()) {
  const [table] = await db
    .select()
    .from(surpriseTables)
    .where(and(eq(surpriseTables.id, tableId), eq(surpriseTables.brandId, brandId)));
  if (!table) throw new DomainError("NOT_FOUND", "surprisesStaff.notFound");
  const draws = await db
    .select({
      snapshot: surpriseDraws.snapshot,
      pityApplied: surpriseDraws.pityApplied,
      rolledPrizeId: surpriseDraws.rolledPrizeId,
      outcomePrizeId: surpriseDraws.outcomePrizeId,
      outcomeKind: surpriseDraws.outcomeKind,
      outcomePoints: surpriseDraws.outcomePoints,
      budgetLimited: surpriseDraws.budgetLimited,
    })
    .from(surpriseDraws)
    .where(eq(surpriseDraws.tableId, tableId));
  const byPrize = new Map<string, { prizeId: string; label: string; count: number; awarded: number; expected: number }>();
  const entry = (id: string, label: string) => {
    let e = byPrize.get(id);
    if (!e) {
      e = { prizeId: id, label, count: 0, awarded: 0, expected: 0 };
      byPrize.set(id, e);
    }
    return e;
  };
  for (const p of table.prizes) entry(p.id, p.label);
  let wins = 0;
  let pityWins = 0;
  let budgetLimited = 0;
  let pointsPaid = 0;
  for (const d of draws) {
    const pool = candidates(d.snapshot, d.pityApplied);
    const total = pool.reduce((s, p) => s + p.weight, 0);
    for (const p of pool) entry(p.id, p.label).expected += p.weight / total;
    const rolled = d.snapshot.find((p) => p.id === d.rolledPrizeId);
    entry(d.rolledPrizeId, rolled?.label ?? "").count += 1;
    if (d.outcomePrizeId) entry(d.outcomePrizeId, rolled?.label ?? "").awarded += 1;
    if (d.outcomeKind !== "nothing") {
      wins += 1;
      if (d.pityApplied) pityWins += 1;
    }
    if (d.budgetLimited) budgetLimited += 1;
    pointsPaid += d.outcomePoints;
  }
  const today = await spentOn(db, [tableId], periodOf(now));
  return {
    draws: draws.length,
    wins,
    pityWins,
    budgetLimited,
    pointsPaid,
    byPrize: [...byPrize.values()].map((e) => ({ ...e, expected: Math.round(e.expected * 100) / 100 })),
    spentToday: today.get(tableId) ?? 0,
    spentTotal: table.spentTotal,
  };
}

/** Active tables a trigger may draw from, in id order so transactions take budget locks in one order. */
export async function activeTables(db: DbOrTx, brandId: string, triggers: SurpriseTable["trigger"][]) {
  return db
    .select()
    .from(surpriseTables)
    .where(and(eq(surpriseTables.brandId, brandId), isNull(surpriseTables.archivedAt), inArray(surpriseTables.trigger, triggers)))
    .orderBy(asc(surpriseTables.id));
}
