import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tableInput as tableSchema } from "@/lib/validation/surprises";
import type { DbHandle } from "../../db/client";
import { auditLog, ledger, redemptions, rewards, streaks, surpriseDraws, surpriseTables } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb } from "../../test/db";
import { newStaff, seedIdea } from "../../test/ideas-seed";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { newQuest, setTimeZone } from "../../test/quests";
import { setStatus } from "../ideas/status";
import type { Member } from "../points/ledger";
import { complete } from "../quests/completions";
import { seedDemoSurprises } from "./demo";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let admin: Member;
let otherAdmin: Member;

// Migrating a fresh PGlite on a loaded two-core machine can take longer than the default hook timeout.
beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Surprises brand");
  other = await createBrand(h, "Other surprises brand");
  admin = await newStaff(h.db, brand.slug, "admin", "Admin");
  otherAdmin = await newStaff(h.db, other.slug, "admin", "Other admin");
}, 180_000);
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await h.close();
}, 180_000);

const failure = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: { code?: string; message?: string }) => ({ code: e.code, message: e.message }),
  );

function tableInput(over: Record<string, unknown> = {}) {
  return {
    name: `Lucky ${randomUUID().slice(0, 6)}`,
    description: "A small thank-you",
    trigger: { kind: "quest_completed" as const, questId: null },
    prizes: [{ kind: "points" as const, label: "15 points", weight: 1, points: 15 }],
    dailyBudget: 1000,
    totalBudget: 5000,
    pityAfter: null,
    ...over,
  };
}

const checkIn = (member: Member, questId: string, now: Date) =>
  complete(h.db, { member, questId, key: `k-${randomUUID()}`, source: "member", now });

async function drawsOf(tableId: string) {
  return h.db.select().from(surpriseDraws).where(eq(surpriseDraws.tableId, tableId));
}

describe("authorization", () => {
  it("lets only admins of the brand create, update, archive and read stats", async () => {
    const member = await newMember(h.db, brand.slug, "Plain");
    const moderator = await newStaff(h.db, brand.slug, "moderator", "Mod");
    const created = await callerFor(h.db, admin.userId).surprises.create({ brandSlug: brand.slug, table: tableInput() });
    const forbidden = { code: "FORBIDDEN", message: "errors.forbidden" };
    for (const who of [member, moderator, otherAdmin]) {
      const c = callerFor(h.db, who.userId);
      expect(await failure(c.surprises.create({ brandSlug: brand.slug, table: tableInput() }))).toEqual(forbidden);
      expect(await failure(c.surprises.update({ brandSlug: brand.slug, tableId: created.id, table: tableInput() }))).toEqual(forbidden);
      expect(await failure(c.surprises.archive({ brandSlug: brand.slug, tableId: created.id }))).toEqual(forbidden);
      expect(await failure(c.surprises.stats({ brandSlug: brand.slug, tableId: created.id }))).toEqual(forbidden);
      expect(await failure(c.surprises.list({ brandSlug: brand.slug }))).toEqual(forbidden);
    }
    // Brand B's admin naming their own brand cannot reach brand A's table by its id.
    const b = callerFor(h.db, otherAdmin.userId);
    const notFound = { code: "NOT_FOUND", message: "surprisesStaff.notFound" };
    expect(await failure(b.surprises.update({ brandSlug: other.slug, tableId: created.id, table: tableInput() }))).toEqual(notFound);
    expect(await failure(b.surprises.archive({ brandSlug: other.slug, tableId: created.id }))).toEqual(notFound);
    expect(await failure(b.surprises.stats({ brandSlug: other.slug, tableId: created.id }))).toEqual(notFound);
    expect((await b.surprises.list({ brandSlug: other.slug })).map((t) => t.id)).not.toContain(created.id);
    expect(await failure(callerFor(h.db, null).surprises.mine({ brandSlug: brand.slug }))).toEqual({
      code: "UNAUTHORIZED",
      message: "errors.signInRequired",
    });
    await callerFor(h.db, admin.userId).surprises.archive({ brandSlug: brand.slug, tableId: created.id });
  });

  it("refuses another brand's quest or reward, and bad configurations, with field keys", async () => {
    const c = callerFor(h.db, admin.userId);
    const foreignQuest = await newQuest(h.db, other.id);
    expect(
      await failure(
        c.surprises.create({
          brandSlug: brand.slug,
          table: tableInput({ trigger: { kind: "quest_completed", questId: foreignQuest.id } }),
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", message: "surprisesStaff.badQuest" });
    const [foreignReward] = await h.db
      .insert(rewards)
      .values({ brandId: other.id, title: "Mug", cost: 100, kind: "free_item" })
      .returning();
    expect(
      await failure(
        c.surprises.create({
          brandSlug: brand.slug,
          table: tableInput({ prizes: [{ kind: "reward", label: "Mug", weight: 1, rewardId: foreignReward?.id }] }),
        }),
      ),
    ).toEqual({ code: "BAD_REQUEST", message: "surprisesStaff.badReward" });
    expect(
      await failure(
        c.surprises.create({ brandSlug: brand.slug, table: tableInput({ prizes: [{ kind: "nothing", label: "Nope", weight: 1 }] }) }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("surprisesStaff.needsAWinningPrize") });
    expect(
      await failure(
        c.surprises.create({
          brandSlug: brand.slug,
          table: tableInput({ prizes: [{ kind: "points", label: "x", weight: 0, points: 5 }] }),
        }),
      ),
    ).toMatchObject({ code: "BAD_REQUEST", message: expect.stringContaining("surprisesStaff.badWeight") });
  });
});

describe("staff configuration", () => {
  it("shows odds and budgets, keeps recorded draws when prizes change, and audits every change", async () => {
    const c = callerFor(h.db, admin.userId);
    const quest = await newQuest(h.db, brand.id, { title: "Odds quest", kind: "custom", cadence: "daily" });
    const created = await c.surprises.create({
      brandSlug: brand.slug,
      table: tableInput({
        trigger: { kind: "quest_completed", questId: quest.id },
        prizes: [
          { kind: "nothing", label: "Not this time", weight: 3 },
          { kind: "points", label: "20 points", weight: 1, points: 20 },
        ],
        pityAfter: 1,
        dailyBudget: 100,
        totalBudget: 500,
      }),
    });
    const member = await newMember(h.db, brand.slug, "Odds");
    const view = await callerFor(h.db, member.userId).surprises.tables({ brandSlug: brand.slug });
    const mine = view.tables.find((t) => t.id === created.id);
    expect(mine).toMatchObject({
      name: created.name,
      trigger: { kind: "quest_completed", questId: quest.id, questTitle: "Odds quest" },
      totalWeight: 4,
      pityAfter: 1,
      budget: { daily: 100, dailyLeft: 100, total: 500, totalLeft: 500 },
      myDrySpell: 0,
    });
    expect(mine?.prizes.map((p) => [p.label, p.weight, p.odds, p.percent])).toEqual([
      ["Not this time", 3, 0.75, 75],
      ["20 points", 1, 0.25, 25],
    ]);
    expect(view.commitment.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(
      (await callerFor(h.db, null).surprises.tables({ brandSlug: brand.slug })).tables.find((t) => t.id === created.id)?.myDrySpell,
    ).toBeNull();

    // Two completions: pityAfter 1 means the second draw wins if the first did not.
    await checkIn(member, quest.id, new Date("2026-04-01T12:00:00Z"));
    await checkIn(member, quest.id, new Date("2026-04-02T12:00:00Z"));
    const before = await drawsOf(created.id);
    expect(before).toHaveLength(2);
    expect(before.some((d) => d.outcomeKind === "points")).toBe(true);
    const prizeIds = created.prizes.map((p) => p.id);
    const updated = await c.surprises.update({
      brandSlug: brand.slug,
      tableId: created.id,
      table: tableInput({
        name: "Renamed",
        trigger: { kind: "quest_completed", questId: quest.id },
        prizes: [
          { id: prizeIds[1], kind: "points", label: "30 points", weight: 2, points: 30 },
          { kind: "nothing", label: "Maybe next time", weight: 5 },
        ],
        dailyBudget: 100,
        totalBudget: 500,
      }),
    });
    expect(updated?.prizes[0]?.id).toBe(prizeIds[1]);
    expect(updated?.prizes[1]?.id).not.toBe(prizeIds[0]);
    const after = await drawsOf(created.id);
    expect(after.map((d) => [d.id, d.snapshot, d.tableName, d.outcomeLabel])).toEqual(
      before.map((d) => [d.id, d.snapshot, d.tableName, d.outcomeLabel]),
    );
    expect(
      await failure(
        c.surprises.update({
          brandSlug: brand.slug,
          tableId: created.id,
          table: tableInput({ prizes: [{ id: randomUUID(), kind: "points", label: "x", weight: 1, points: 1 }] }),
        }),
      ),
    ).toEqual({
      code: "BAD_REQUEST",
      message: "surprisesStaff.badPrize",
    });
    const stats = await c.surprises.stats({ brandSlug: brand.slug, tableId: created.id });
    expect(stats.draws).toBe(2);
    expect(stats.pointsPaid).toBe(stats.spentTotal);
    expect(stats.byPrize.reduce((s, p) => s + p.count, 0)).toBe(2);
    await c.surprises.archive({ brandSlug: brand.slug, tableId: created.id });
    expect(await failure(c.surprises.archive({ brandSlug: brand.slug, tableId: created.id }))).toEqual({
      code: "NOT_FOUND",
      message: "surprisesStaff.notFound",
    });
    expect((await c.surprises.tables({ brandSlug: brand.slug })).tables.map((t) => t.id)).not.toContain(created.id);
    expect((await c.surprises.list({ brandSlug: brand.slug })).find((t) => t.id === created.id)).toMatchObject({
      archived: true,
      name: "Renamed",
    });
    const actions = await h.db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.targetId, created.id));
    expect(actions.map((a) => a.action).sort()).toEqual(["surprise.archive", "surprise.create", "surprise.update"]);
  });
});

describe("triggers", () => {
  it("a quest completion draws once, and a replayed completion does not draw again", async () => {
    const c = callerFor(h.db, admin.userId);
    const quest = await newQuest(h.db, brand.id, { title: "Once quest", kind: "custom", cadence: "daily" });
    const t = await c.surprises.create({
      brandSlug: brand.slug,
      table: tableInput({ trigger: { kind: "quest_completed", questId: quest.id } }),
    });
    const member = await newMember(h.db, brand.slug, "Completer");
    const now = new Date("2026-05-05T12:00:00Z");
    const first = await complete(h.db, { member, questId: quest.id, key: "same-key", source: "member", now });
    const again = await complete(h.db, { member, questId: quest.id, key: "same-key", source: "member", now });
    expect(again.replayed).toBe(true);
    const draws = await drawsOf(t.id);
    expect(draws).toHaveLength(1);
    expect(draws[0]).toMatchObject({
      triggerKey: `completion:${first.completion.id}`,
      memberId: member.memberId,
      outcomeKind: "points",
      outcomePoints: 15,
    });
    const mine = await callerFor(h.db, member.userId).surprises.mine({ brandSlug: brand.slug });
    expect(mine.items).toHaveLength(1);
    expect(mine.items[0]).toMatchObject({
      drawId: draws[0]?.id,
      tableName: t.name,
      outcome: { kind: "points", label: "15 points", points: 15 },
      revealed: true,
    });
    // Another quest does not trigger this table.
    const otherQuest = await newQuest(h.db, brand.id, { title: "Other quest", kind: "custom", cadence: "daily" });
    await checkIn(member, otherQuest.id, now);
    expect(await drawsOf(t.id)).toHaveLength(1);
    await c.surprises.archive({ brandSlug: brand.slug, tableId: t.id });
  });

  it("an early check-in draws only before 09:00 on the member's clock", async () => {
    const c = callerFor(h.db, admin.userId);
    const habit = await newQuest(h.db, brand.id, { title: "Sunrise walk" });
    const t = await c.surprises.create({ brandSlug: brand.slug, table: tableInput({ trigger: { kind: "early_checkin", questId: null } }) });
    const member = await newMember(h.db, brand.slug, "Early");
    await setTimeZone(h.db, member.userId, "Asia/Baku");
    // 08:59 in Baku (UTC+4) draws; 09:00 the next day does not; nor does 06:00 UTC = 10:00 in Baku.
    await checkIn(member, habit.id, new Date("2026-06-10T04:59:00Z"));
    await checkIn(member, habit.id, new Date("2026-06-11T05:00:00Z"));
    await checkIn(member, habit.id, new Date("2026-06-12T06:00:00Z"));
    const draws = await drawsOf(t.id);
    expect(draws).toHaveLength(1);
    expect(draws[0]?.period).toBe("2026-06-10");
    await c.surprises.archive({ brandSlug: brand.slug, tableId: t.id });
  });

  it("a streak milestone draws on the seventh day only, and a won freeze covers a missed day like an earned one", async () => {
    const c = callerFor(h.db, admin.userId);
    const habit = await newQuest(h.db, brand.id, { title: "Stretch" });
    const t = await c.surprises.create({
      brandSlug: brand.slug,
      table: tableInput({
        trigger: { kind: "streak_milestone", questId: habit.id },
        prizes: [{ kind: "streak_freeze", label: "A freeze", weight: 1, freezeValue: 25 }],
      }),
    });
    const member = await newMember(h.db, brand.slug, "Streaker");
    const streak = async () =>
      (
        await h.db
          .select()
          .from(streaks)
          .where(and(eq(streaks.memberId, member.memberId), eq(streaks.questId, habit.id)))
      )[0];
    for (let d = 1; d <= 6; d++) await checkIn(member, habit.id, new Date(`2026-07-0${d}T12:00:00Z`));
    expect(await drawsOf(t.id)).toHaveLength(0);
    // Day 7 earns the streak's own first freeze; the surprise adds a second (the cap is 2).
    await checkIn(member, habit.id, new Date("2026-07-07T12:00:00Z"));
    expect(await streak()).toMatchObject({ current: 7, freezes: 2 });
    await checkIn(member, habit.id, new Date("2026-07-08T12:00:00Z"));
    expect(await streak()).toMatchObject({ current: 8, freezes: 2 });
    const draws = await drawsOf(t.id);
    expect(draws).toHaveLength(1);
    expect(draws[0]).toMatchObject({
      period: "2026-07-07",
      outcomeKind: "streak_freeze",
      cost: 25,
      budgetLimited: false,
      freezeQuestId: habit.id,
      freezeDay: "2026-07-07",
    });
    // 9 and 10 July missed: two freezes keep the run alive; with the earned one alone it would have ended.
    await checkIn(member, habit.id, new Date("2026-07-11T12:00:00Z"));
    expect(await streak()).toMatchObject({ current: 9, freezes: 0 });
    const stats = await c.surprises.stats({ brandSlug: brand.slug, tableId: t.id });
    expect(stats.spentTotal).toBe(25);
    await c.surprises.archive({ brandSlug: brand.slug, tableId: t.id });
  });

  it("a freeze prize with no live streak to hold it is recorded as limited and costs nothing", async () => {
    const c = callerFor(h.db, admin.userId);
    const quest = await newQuest(h.db, brand.id, { title: "Custom once", kind: "custom", cadence: "daily" });
    const t = await c.surprises.create({
      brandSlug: brand.slug,
      table: tableInput({
        trigger: { kind: "quest_completed", questId: quest.id },
        prizes: [{ kind: "streak_freeze", label: "A freeze", weight: 1, freezeValue: 5 }],
      }),
    });
    const member = await newMember(h.db, brand.slug, "No streak");
    await checkIn(member, quest.id, new Date("2026-08-01T12:00:00Z"));
    const [d] = await drawsOf(t.id);
    expect(d).toMatchObject({ outcomeKind: "nothing", outcomePrizeId: null, budgetLimited: true, cost: 0, freezeQuestId: null });
    expect((await c.surprises.stats({ brandSlug: brand.slug, tableId: t.id })).spentTotal).toBe(0);
    await c.surprises.archive({ brandSlug: brand.slug, tableId: t.id });
  });

  it("a shipped idea draws for its author, once, and a reward prize becomes a free voucher", async () => {
    const c = callerFor(h.db, admin.userId);
    const [reward] = await h.db
      .insert(rewards)
      .values({ brandId: brand.id, title: "Free coffee", cost: 300, stock: 5, kind: "free_item" })
      .returning();
    const t = await c.surprises.create({
      brandSlug: brand.slug,
      table: tableInput({
        trigger: { kind: "idea_shipped", questId: null },
        prizes: [{ kind: "reward", label: "A coffee on us", weight: 1, rewardId: reward?.id }],
      }),
    });
    const author = await newMember(h.db, brand.slug, "Author");
    const idea = await seedIdea(h.db, author);
    const staff = { brandId: admin.brandId, memberId: admin.memberId, userId: admin.userId };
    await setStatus(h.db, staff, { ideaId: idea.id, status: "shipped" });
    await setStatus(h.db, staff, { ideaId: idea.id, status: "planned" });
    await setStatus(h.db, staff, { ideaId: idea.id, status: "shipped" });
    const draws = await drawsOf(t.id);
    expect(draws).toHaveLength(1);
    expect(draws[0]).toMatchObject({ triggerKey: `idea:${idea.id}`, memberId: author.memberId, outcomeKind: "reward", cost: 300 });
    const [voucher] = await h.db
      .select()
      .from(redemptions)
      .where(eq(redemptions.id, draws[0]?.redemptionId ?? randomUUID()));
    expect(voucher).toMatchObject({ memberId: author.memberId, rewardId: reward?.id, cost: 0, status: "awaiting_fulfilment" });
    const [entry] = await h.db
      .select()
      .from(ledger)
      .where(eq(ledger.id, voucher?.ledgerId ?? 0));
    expect(entry).toMatchObject({ amount: 0, sourceType: "surprise", reason: `Surprise: ${t.name} — Free coffee` });
    const [stock] = await h.db
      .select({ stock: rewards.stock })
      .from(rewards)
      .where(eq(rewards.id, reward?.id ?? ""));
    expect(stock?.stock).toBe(4);
    await c.surprises.archive({ brandSlug: brand.slug, tableId: t.id });
  });
});

describe("demo data", () => {
  it("seeds a table staff could have written through the form", async () => {
    const demo = await createBrand(h, "Demo surprises brand");
    await seedDemoSurprises(h.db, demo.id);
    const [t] = await h.db.select().from(surpriseTables).where(eq(surpriseTables.brandId, demo.id));
    const parsed = tableSchema.safeParse({
      name: t?.name,
      description: t?.description,
      trigger: { kind: t?.trigger, questId: t?.questId },
      prizes: t?.prizes,
      dailyBudget: t?.dailyBudget,
      totalBudget: t?.totalBudget,
      pityAfter: t?.pityAfter,
    });
    expect(parsed.success).toBe(true);
    expect(t).toMatchObject({ trigger: "early_checkin", pityAfter: 5 });
  });
});
