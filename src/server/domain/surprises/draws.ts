import { createHmac, randomUUID } from "node:crypto";
import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { pickPrize, type SnapshotPrize, verifyDraw } from "@/lib/surprises/verify";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { brands, ledger, quests, redemptions, rewards, streaks, surpriseBudgetDays, surpriseDraws, surpriseTables } from "../../db/schema";
import { DomainError } from "../errors";
import { emitEvent } from "../events/outbox";
import { payloadHash } from "../fingerprint";
import { pageBy } from "../pagination";
import { announceBalance, awardInTx, inTransaction, lockBalance, type Member } from "../points/ledger";
import { voucherCode } from "../points/rewards";
import { memberTimeZone, type QuestRow, saveStreak, streakOf } from "../quests/completions";
import { localDay } from "../quests/periods";
import { MAX_FREEZES } from "../quests/streaks";
import { isRevealed, periodOf, revealsAt, type Seed, seedFor, storedSeed } from "./seeds";
import type { SurpriseTable } from "./tables";

export type DrawRow = typeof surpriseDraws.$inferSelect;

export interface DrawArgs {
  table: SurpriseTable;
  member: Member;
  /** What caused the draw: the same key on the same table never draws twice. */
  triggerKey: string;
  now: Date;
}

/** Consecutive draws on the table since the member last won something. */
export async function drySpell(db: DbOrTx, tableId: string, memberId: string): Promise<number> {
  const [row] = await db
    .select({ n: sql<number>`count(*)::int` })
    .from(surpriseDraws)
    .where(
      and(
        eq(surpriseDraws.tableId, tableId),
        eq(surpriseDraws.memberId, memberId),
        gt(
          surpriseDraws.seq,
          sql`coalesce((select max(w.seq) from surprise_draws w
            where w.table_id = ${tableId} and w.member_id = ${memberId} and w.outcome_kind <> 'nothing'), 0)`,
        ),
      ),
    );
  return row?.n ?? 0;
}

/** The prizes as drawn: positions fixed, a reward's cost read from the catalog now. */
async function snapshotOf(tx: Tx, table: SurpriseTable): Promise<SnapshotPrize[]> {
  const rewardIds = table.prizes.flatMap((p) => (p.rewardId ? [p.rewardId] : []));
  const costs = new Map<string, number>();
  if (rewardIds.length > 0) {
    const rows = await tx
      .select({ id: rewards.id, cost: rewards.cost })
      .from(rewards)
      .where(and(eq(rewards.brandId, table.brandId), inArray(rewards.id, rewardIds)));
    for (const r of rows) costs.set(r.id, r.cost);
  }
  return table.prizes.map((p, position) => ({
    id: p.id,
    kind: p.kind,
    label: p.label,
    points: p.kind === "points" ? (p.points ?? 0) : 0,
    weight: p.weight,
    position,
    rewardId: p.rewardId,
    cost:
      p.kind === "points"
        ? (p.points ?? 0)
        : p.kind === "reward"
          ? (costs.get(p.rewardId ?? "") ?? 0)
          : p.kind === "streak_freeze"
            ? p.freezeValue
            : 0,
  }));
}

/** Same bytes as verify.ts's WebCrypto roll, with Node's synchronous HMAC. */
function roll(seedHex: string, drawId: string): bigint {
  return createHmac("sha256", Buffer.from(seedHex, "hex")).update(drawId).digest().readBigUInt64BE(0);
}

/**
 * Takes `cost` from the table's total and daily budgets with conditional updates, so parallel draws can
 * never spend past either; a refusal gives back what was taken. Rows are locked table first, then day.
 */
async function takeBudget(tx: Tx, table: SurpriseTable, day: string, cost: number): Promise<boolean> {
  if (cost === 0) return true;
  const total = await tx
    .update(surpriseTables)
    .set({ spentTotal: sql`${surpriseTables.spentTotal} + ${cost}` })
    .where(and(eq(surpriseTables.id, table.id), sql`${surpriseTables.spentTotal} + ${cost} <= ${surpriseTables.totalBudget}`))
    .returning({ id: surpriseTables.id });
  if (total.length === 0) return false;
  await tx.insert(surpriseBudgetDays).values({ tableId: table.id, day, spent: 0 }).onConflictDoNothing();
  const daily = await tx
    .update(surpriseBudgetDays)
    .set({ spent: sql`${surpriseBudgetDays.spent} + ${cost}` })
    .where(
      and(
        eq(surpriseBudgetDays.tableId, table.id),
        eq(surpriseBudgetDays.day, day),
        sql`${surpriseBudgetDays.spent} + ${cost} <= ${table.dailyBudget}`,
      ),
    )
    .returning({ spent: surpriseBudgetDays.spent });
  if (daily.length > 0) return true;
  await tx
    .update(surpriseTables)
    .set({ spentTotal: sql`${surpriseTables.spentTotal} - ${cost}` })
    .where(eq(surpriseTables.id, table.id));
  return false;
}

/**
 * The member's habit streak with the longest run alive today (recomputed, not the cached row, which may
 * predate a missed day) that can still hold another freeze. The freeze is counted from today's period.
 */
async function freezableStreak(tx: Tx, member: Member, now: Date) {
  const candidates = await tx
    .select({ quest: quests })
    .from(streaks)
    .innerJoin(quests, eq(quests.id, streaks.questId))
    .where(and(eq(streaks.memberId, member.memberId), eq(quests.kind, "habit"), gt(streaks.current, 0)))
    .orderBy(desc(streaks.current), quests.id);
  const today = localDay(now, await memberTimeZone(tx, member));
  let best: { quest: QuestRow; day: string; current: number } | null = null;
  for (const { quest } of candidates) {
    const state = await streakOf(tx, member, quest, today);
    if (state.current > 0 && state.freezes < MAX_FREEZES && state.current > (best?.current ?? 0))
      best = { quest, day: today, current: state.current };
  }
  return best;
}

/** A catalog reward can be given when it is still offered and in stock; stock is taken conditionally. */
async function takeReward(tx: Tx, brandId: string, rewardId: string, now: Date) {
  const [reward] = await tx
    .update(rewards)
    .set({ stock: sql`case when ${rewards.stock} is null then null else ${rewards.stock} - 1 end` })
    .where(
      and(
        eq(rewards.id, rewardId),
        eq(rewards.brandId, brandId),
        isNull(rewards.archivedAt),
        or(isNull(rewards.stock), gt(rewards.stock, 0)),
        or(isNull(rewards.startsAt), lt(rewards.startsAt, now)),
        or(isNull(rewards.endsAt), gt(rewards.endsAt, now)),
      ),
    )
    .returning({ id: rewards.id, title: rewards.title });
  return reward ?? null;
}

/** Gives the won reward as a free redemption; a zero-point ledger row puts it in the points history. */
async function giveReward(tx: Tx, a: DrawArgs, drawId: string, reward: { id: string; title: string }) {
  const key = `surprise:${drawId}`;
  const reason = `Surprise: ${a.table.name} — ${reward.title}`;
  const [entry] = await tx
    .insert(ledger)
    .values({
      brandId: a.member.brandId,
      memberId: a.member.memberId,
      amount: 0,
      kind: "redeem",
      sourceType: "surprise",
      sourceId: drawId,
      reason,
      state: "vested",
      idempotencyKey: key,
      payloadHash: payloadHash({ op: "surprise-reward", draw: drawId, reward: reward.id }),
      createdAt: a.now,
      settledAt: a.now,
    })
    .returning();
  if (!entry) throw new Error("surprise ledger insert returned nothing");
  const [redemption] = await tx
    .insert(redemptions)
    .values({
      brandId: a.member.brandId,
      rewardId: reward.id,
      memberId: a.member.memberId,
      ledgerId: entry.id,
      cost: 0,
      voucherCode: voucherCode(),
      idempotencyKey: key,
      createdAt: a.now,
    })
    .returning({ id: redemptions.id });
  await announceBalance(tx, a.member, entry, a.now);
  return { ledgerId: entry.id, redemptionId: redemption?.id ?? null };
}

/**
 * Draws once for a trigger inside the trigger's transaction, before anything is shown: the member's
 * balance is locked first (the order every points transaction uses), a draw already made for the key is
 * returned as it was, otherwise the roll, the budget and the payment are recorded together.
 */
export async function drawInTx(tx: Tx, a: DrawArgs): Promise<{ draw: DrawRow; replayed: boolean }> {
  await lockBalance(tx, a.member.brandId, a.member.memberId, a.now);
  const [prior] = await tx
    .select()
    .from(surpriseDraws)
    .where(and(eq(surpriseDraws.tableId, a.table.id), eq(surpriseDraws.triggerKey, a.triggerKey)));
  if (prior) return { draw: prior, replayed: true };

  const period = periodOf(a.now);
  const seed = await seedFor(tx, a.table.brandId, period);
  const drawId = randomUUID();
  const snapshot = await snapshotOf(tx, a.table);
  const dry = await drySpell(tx, a.table.id, a.member.memberId);
  const pityApplied = a.table.pityAfter !== null && dry >= a.table.pityAfter;
  const rolled = pickPrize(snapshot, pityApplied, roll(seed.seed, drawId));
  if (!rolled) throw new Error(`surprise table ${a.table.id} has no prize to draw`);

  let outcome: SnapshotPrize | null = rolled;
  // A prize that cannot be delivered (its reward gone or out of stock, no streak to freeze) is treated
  // like one the budget cannot pay: the member gets nothing and the draw says it was limited.
  const freezeQuest = rolled.kind === "streak_freeze" ? await freezableStreak(tx, a.member, a.now) : null;
  if (rolled.kind === "streak_freeze" && !freezeQuest) outcome = null;
  const reward = outcome?.kind === "reward" && rolled.rewardId ? await takeReward(tx, a.table.brandId, rolled.rewardId, a.now) : null;
  if (outcome?.kind === "reward" && !reward) outcome = null;
  if (outcome && !(await takeBudget(tx, a.table, period, rolled.cost))) {
    outcome = null;
    if (reward)
      await tx
        .update(rewards)
        .set({ stock: sql`${rewards.stock} + 1` })
        .where(and(eq(rewards.id, reward.id), sql`${rewards.stock} is not null`));
  }

  let paid: { points: number; ledgerId: number | null; redemptionId: string | null } = { points: 0, ledgerId: null, redemptionId: null };
  if (outcome?.kind === "points") {
    // The prize is an exact number of points: the tier multiplier may not push it past what the budget paid.
    const award = await awardInTx(tx, {
      member: a.member,
      base: outcome.points,
      maxAmount: outcome.points,
      source: "surprise",
      sourceId: drawId,
      reason: `Surprise: ${a.table.name} — ${outcome.label}`,
      key: `surprise:${drawId}`,
      now: a.now,
    });
    paid = { points: award?.entry.amount ?? 0, ledgerId: award?.entry.id ?? null, redemptionId: null };
  } else if (outcome?.kind === "reward" && reward) {
    paid = { points: 0, ...(await giveReward(tx, a, drawId, reward)) };
  }
  const freeze = outcome?.kind === "streak_freeze" ? freezeQuest : null;
  const [final] = await tx
    .insert(surpriseDraws)
    .values({
      id: drawId,
      brandId: a.table.brandId,
      tableId: a.table.id,
      tableName: a.table.name,
      memberId: a.member.memberId,
      triggerKey: a.triggerKey,
      period,
      snapshot,
      pityApplied,
      rolledPrizeId: rolled.id,
      outcomePrizeId: outcome?.id ?? null,
      budgetLimited: outcome === null,
      outcomeKind: outcome?.kind ?? "nothing",
      outcomeLabel: outcome?.label ?? "",
      outcomePoints: paid.points,
      cost: outcome ? rolled.cost : 0,
      ledgerId: paid.ledgerId,
      redemptionId: paid.redemptionId,
      freezeQuestId: freeze?.quest.id ?? null,
      freezeDay: freeze?.day ?? null,
      createdAt: a.now,
    })
    .returning();
  if (!final) throw new Error("surprise draw insert returned nothing");
  if (freeze) {
    // Recomputed from history, which now holds the won freeze, so later check-ins keep it too.
    await saveStreak(tx, a.member, freeze.quest, await streakOf(tx, a.member, freeze.quest, freeze.day), a.now);
  }
  if (final.outcomeKind !== "nothing") {
    await emitEvent(tx, `user:${a.member.userId}`, "surprise:won", {
      brandId: a.member.brandId,
      drawId,
      tableId: a.table.id,
      tableName: a.table.name,
      outcome: outcomeOf(final),
    });
  }
  return { draw: final, replayed: false };
}

/** One draw in its own transaction (tests and callers without a trigger transaction). */
export function draw(db: Db, a: DrawArgs) {
  return inTransaction(db, (tx) => drawInTx(tx, a));
}

export function outcomeOf(d: Pick<DrawRow, "outcomeKind" | "outcomeLabel" | "outcomePoints">) {
  return { kind: d.outcomeKind, label: d.outcomeLabel, points: d.outcomePoints };
}

/** A member's draws in one brand, newest first. */
export async function myDraws(db: DbOrTx, memberId: string, cursor: number | null | undefined, now = new Date(), limit = 20) {
  const rows = await db
    .select()
    .from(surpriseDraws)
    .where(and(eq(surpriseDraws.memberId, memberId), cursor ? lt(surpriseDraws.seq, cursor) : undefined))
    .orderBy(desc(surpriseDraws.seq))
    .limit(limit + 1);
  const page = pageBy(rows, limit, (d) => d.seq);
  return {
    items: page.items.map((d) => ({
      drawId: d.id,
      tableId: d.tableId,
      tableName: d.tableName,
      createdAt: d.createdAt,
      period: d.period,
      outcome: outcomeOf(d),
      pityApplied: d.pityApplied,
      budgetLimited: d.budgetLimited,
      revealed: isRevealed(d.period, now),
    })),
    nextCursor: page.nextCursor ?? null,
  };
}

/** What anyone may see of a draw: no member, only what is needed to recompute it. */
export function publicDraw(d: DrawRow) {
  return {
    drawId: d.id,
    tableName: d.tableName,
    period: d.period,
    createdAt: d.createdAt,
    snapshot: d.snapshot,
    pityApplied: d.pityApplied,
    rolledPrizeId: d.rolledPrizeId,
    outcomePrizeId: d.outcomePrizeId,
    budgetLimited: d.budgetLimited,
    outcome: outcomeOf(d),
  };
}

async function checked(d: DrawRow, seed: Seed) {
  const result = await verifyDraw(
    {
      drawId: d.id,
      snapshot: d.snapshot,
      pityApplied: d.pityApplied,
      rolledPrizeId: d.rolledPrizeId,
      outcomePrizeId: d.outcomePrizeId,
      budgetLimited: d.budgetLimited,
    },
    seed.seed,
    seed.commitment,
  );
  return { ok: result.ok, reasons: result.reasons };
}

/** One draw with its period's commitment; the seed and the server's own check only after the reveal. */
export async function verifyOne(db: DbOrTx, drawId: string, now = new Date()) {
  const [d] = await db.select().from(surpriseDraws).where(eq(surpriseDraws.id, drawId));
  if (!d) throw new DomainError("NOT_FOUND", "surprises.drawNotFound");
  const seed = await storedSeed(db, d.brandId, d.period);
  if (!seed) throw new Error("a draw without its period's seed");
  const revealed = isRevealed(d.period, now);
  return {
    draw: publicDraw(d),
    commitment: seed.commitment,
    seed: revealed ? seed.seed : null,
    revealsAt: revealsAt(d.period),
    serverCheck: revealed ? await checked(d, seed) : null,
  };
}

const PERIOD_PAGE = 1000;

/** Every draw of a brand's revealed period, so anyone can recompute them all; refused before the reveal. */
export async function periodDraws(db: DbOrTx, brandSlug: string, period: string, cursor: number | null | undefined, now = new Date()) {
  const [brand] = await db.select({ id: brands.id }).from(brands).where(eq(brands.slug, brandSlug));
  if (!brand) throw new DomainError("NOT_FOUND", "brand.notFound");
  if (!isRevealed(period, now)) throw new DomainError("FORBIDDEN", "surprises.notRevealed");
  const seed = await storedSeed(db, brand.id, period);
  const rows = seed
    ? await db
        .select()
        .from(surpriseDraws)
        .where(
          and(eq(surpriseDraws.brandId, brand.id), eq(surpriseDraws.period, period), cursor ? gt(surpriseDraws.seq, cursor) : undefined),
        )
        .orderBy(surpriseDraws.seq)
        .limit(PERIOD_PAGE + 1)
    : [];
  const page = pageBy(rows, PERIOD_PAGE, (d) => d.seq);
  return {
    period,
    commitment: seed?.commitment ?? null,
    seed: seed?.seed ?? null,
    draws: page.items.map(publicDraw),
    nextCursor: page.nextCursor ?? null,
  };
}
