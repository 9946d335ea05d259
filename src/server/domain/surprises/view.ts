import { inArray } from "drizzle-orm";
import { SURPRISE_TRIGGERS } from "@/lib/validation/surprises";
import type { DbOrTx } from "../../db/client";
import { quests, rewards } from "../../db/schema";
import { drySpell } from "./draws";
import { nextPeriod, periodOf, previousPeriod, seedFor, storedSeed } from "./seeds";
import { activeTables, budgetOf, spentOn } from "./tables";

/**
 * The brand's active tables as members see them before playing: every prize's odds, the pity rule and
 * the budget left, with today's commitment and yesterday's revealed seed.
 */
export async function publicTables(db: DbOrTx, viewer: { brandId: string; memberId: string | null }, now = new Date()) {
  const tables = await activeTables(db, viewer.brandId, [...SURPRISE_TRIGGERS]);
  const questIds = [...new Set(tables.flatMap((t) => (t.questId ? [t.questId] : [])))];
  const rewardIds = [...new Set(tables.flatMap((t) => t.prizes.flatMap((p) => (p.rewardId ? [p.rewardId] : []))))];
  const questTitles = new Map(
    questIds.length
      ? (await db.select({ id: quests.id, title: quests.title }).from(quests).where(inArray(quests.id, questIds))).map((q) => [
          q.id,
          q.title,
        ])
      : [],
  );
  const rewardTitles = new Map(
    rewardIds.length
      ? (await db.select({ id: rewards.id, title: rewards.title }).from(rewards).where(inArray(rewards.id, rewardIds))).map((r) => [
          r.id,
          r.title,
        ])
      : [],
  );
  const today = periodOf(now);
  const spent = await spentOn(
    db,
    tables.map((t) => t.id),
    today,
  );
  const out = [];
  for (const t of tables) {
    const totalWeight = t.prizes.reduce((s, p) => s + p.weight, 0);
    out.push({
      id: t.id,
      name: t.name,
      description: t.description,
      trigger: { kind: t.trigger, questId: t.questId, questTitle: t.questId ? (questTitles.get(t.questId) ?? null) : null },
      prizes: t.prizes.map((p) => ({
        id: p.id,
        kind: p.kind,
        label: p.label,
        points: p.kind === "points" ? p.points : null,
        rewardTitle: p.rewardId ? (rewardTitles.get(p.rewardId) ?? null) : null,
        weight: p.weight,
        odds: p.weight / totalWeight,
        percent: Math.round((p.weight / totalWeight) * 10_000) / 100,
      })),
      totalWeight,
      pityAfter: t.pityAfter,
      budget: budgetOf(t, spent.get(t.id) ?? 0),
      myDrySpell: viewer.memberId ? await drySpell(db, t.id, viewer.memberId) : null,
    });
  }
  // Publishing today's commitment before any draw is what makes the seed binding.
  const current = await seedFor(db, viewer.brandId, today);
  const next = await seedFor(db, viewer.brandId, nextPeriod(today));
  const previous = await storedSeed(db, viewer.brandId, previousPeriod(today));
  return {
    tables: out,
    commitment: { period: current.period, hash: current.commitment },
    next: { period: next.period, hash: next.commitment },
    previous: previous ? { period: previous.period, hash: previous.commitment, seed: previous.seed } : null,
  };
}
