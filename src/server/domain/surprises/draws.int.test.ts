import { createHash, randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyDraw } from "@/lib/surprises/verify";
import { type TableInput, tableInput } from "@/lib/validation/surprises";
import { type DbHandle, rowsOf } from "../../db/client";
import { events, ledger, surpriseDraws, surpriseTables } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { bulkMembers } from "../ideas/test-fixtures";
import type { Member } from "../points/ledger";
import { draw } from "./draws";
import { commitSeeds, nextPeriod, periodOf } from "./seeds";
import { createTable, type SurpriseTable } from "./tables";

let h: DbHandle;
let brand: { id: string; slug: string };
let admin: Member;

// Migrating a fresh PGlite on a loaded two-core machine can take longer than the default hook timeout.
beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Surprise draws brand");
  admin = await newMember(h.db, brand.slug, "Admin");
}, 180_000);
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await h.close();
}, 180_000);

type PrizeSpec = Partial<TableInput["prizes"][number]> & Pick<TableInput["prizes"][number], "kind" | "label" | "weight">;

async function table(prizes: PrizeSpec[], over: Partial<Omit<TableInput, "prizes">> = {}): Promise<SurpriseTable> {
  const input = tableInput.parse({
    name: `Table ${randomUUID().slice(0, 6)}`,
    trigger: { kind: "quest_completed" },
    prizes,
    dailyBudget: 1_000_000,
    totalBudget: 10_000_000,
    ...over,
  });
  const row = await createTable(h.db, brand.id, admin.userId, input);
  const [fresh] = await h.db.select().from(surpriseTables).where(eq(surpriseTables.id, row.id));
  if (!fresh) throw new Error("table vanished");
  return fresh;
}

async function surprisePaid(tableId: string) {
  const [row] = rowsOf<{ n: number; rows: number }>(
    await h.db.execute(sql`
      select coalesce(sum(l.amount), 0)::int as n, count(*)::int as rows from ledger l
      join surprise_draws d on l.idempotency_key = 'surprise:' || d.id::text and l.brand_id = d.brand_id
      where d.table_id = ${tableId}`),
  );
  return row ?? { n: 0, rows: 0 };
}

describe("odds", () => {
  it("1,000 draws land within the chi-square bound (p = 0.001) and ±4.5 points of 50/30/15/5", async () => {
    const t = await table([
      { kind: "nothing", label: "Nothing", weight: 50 },
      { kind: "points", label: "10 points", weight: 30, points: 10 },
      { kind: "points", label: "20 points", weight: 15, points: 20 },
      { kind: "points", label: "50 points", weight: 5, points: 50 },
    ]);
    const people = await bulkMembers(h.db, brand.id, 20);
    const now = new Date();
    const counts = new Map<string, number>();
    for (let i = 0; i < 1000; i++) {
      const member = people[i % people.length] as Member;
      const { draw: d } = await draw(h.db, { table: t, member, triggerKey: `odds:${i}`, now });
      counts.set(d.rolledPrizeId, (counts.get(d.rolledPrizeId) ?? 0) + 1);
      expect(d.budgetLimited).toBe(false);
      expect(d.outcomePrizeId).toBe(d.rolledPrizeId);
    }
    const expected = [500, 300, 150, 50];
    let chi = 0;
    t.prizes.forEach((p, i) => {
      const observed = counts.get(p.id) ?? 0;
      const e = expected[i] ?? 0;
      chi += (observed - e) ** 2 / e;
      expect(Math.abs(observed / 10 - e / 10)).toBeLessThanOrEqual(4.5);
    });
    // 3 degrees of freedom: P(χ² > 16.27) = 0.001 for a fair draw.
    expect(chi).toBeLessThan(16.27);
    const paid = await surprisePaid(t.id);
    const [sumPoints] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select coalesce(sum(outcome_points), 0)::int as n from surprise_draws where table_id = ${t.id}`),
    );
    expect(paid.n).toBe(sumPoints?.n);
    expect(paid.rows).toBe(1000 - (counts.get(t.prizes[0]?.id ?? "") ?? 0));
  }, 240_000);
});

describe("pity", () => {
  it("never lets a member lose more than pityAfter draws in a row", async () => {
    const t = await table(
      [
        { kind: "nothing", label: "Nothing", weight: 99 },
        { kind: "points", label: "5 points", weight: 1, points: 5 },
      ],
      { pityAfter: 3 },
    );
    const [m] = await bulkMembers(h.db, brand.id, 1);
    const member = m as Member;
    let run = 0;
    let longest = 0;
    let pityWins = 0;
    for (let i = 0; i < 40; i++) {
      const { draw: d } = await draw(h.db, { table: t, member, triggerKey: `pity:${i}`, now: new Date() });
      // Pity applies exactly when the dry spell reached 3, and then the member wins.
      expect(d.pityApplied).toBe(run >= 3);
      if (d.outcomeKind === "nothing") run += 1;
      else {
        if (d.pityApplied) pityWins += 1;
        run = 0;
      }
      longest = Math.max(longest, run);
    }
    expect(longest).toBe(3);
    expect(pityWins).toBeGreaterThanOrEqual(8);
    const caller = callerFor(h.db, admin.userId);
    await h.db.execute(sql`update memberships set role = 'admin' where id = ${admin.memberId}`);
    const stats = await caller.surprises.stats({ brandSlug: brand.slug, tableId: t.id });
    expect(stats.draws).toBe(40);
    expect(stats.pityWins).toBe(pityWins);
  });
});

describe("budgets under load", () => {
  it("100 parallel triggers never pay past the total budget", async () => {
    const t = await table([{ kind: "points", label: "10 points", weight: 1, points: 10 }], { dailyBudget: 250, totalBudget: 250 });
    const people = await bulkMembers(h.db, brand.id, 100);
    const now = new Date();
    const results = await Promise.all(people.map((member, i) => draw(h.db, { table: t, member, triggerKey: `load:${i}`, now })));
    const wins = results.filter((r) => r.draw.outcomeKind === "points");
    const limited = results.filter((r) => r.draw.budgetLimited);
    expect(wins).toHaveLength(25);
    expect(limited).toHaveLength(75);
    expect(
      limited.every((r) => r.draw.outcomeKind === "nothing" && r.draw.outcomePrizeId === null && r.draw.rolledPrizeId === t.prizes[0]?.id),
    ).toBe(true);
    expect(await surprisePaid(t.id)).toEqual({ n: 250, rows: 25 });
    const [after] = await h.db.select().from(surpriseTables).where(eq(surpriseTables.id, t.id));
    expect(after?.spentTotal).toBe(250);
    await expectLedgerInvariants(h.db, brand.id);
  }, 120_000);

  it("100 parallel triggers never pay past the daily budget, and a new day has its own", async () => {
    const t = await table([{ kind: "points", label: "10 points", weight: 1, points: 10 }], { dailyBudget: 100, totalBudget: 150 });
    const people = await bulkMembers(h.db, brand.id, 100);
    const day1 = new Date("2026-02-01T12:00:00Z");
    const first = await Promise.all(people.map((member, i) => draw(h.db, { table: t, member, triggerKey: `day:${i}`, now: day1 })));
    expect(first.filter((r) => r.draw.outcomeKind === "points")).toHaveLength(10);
    const day2 = new Date("2026-02-02T12:00:00Z");
    const second = await Promise.all(people.map((member, i) => draw(h.db, { table: t, member, triggerKey: `day2:${i}`, now: day2 })));
    // The day allows 100 more, but only 50 of the total is left.
    expect(second.filter((r) => r.draw.outcomeKind === "points")).toHaveLength(5);
    expect(await surprisePaid(t.id)).toEqual({ n: 150, rows: 15 });
    await expectLedgerInvariants(h.db, brand.id);
  }, 120_000);

  it("the same trigger retried 50 times in parallel draws and pays once", async () => {
    const t = await table([{ kind: "points", label: "7 points", weight: 1, points: 7 }]);
    const [m] = await bulkMembers(h.db, brand.id, 1);
    const member = m as Member;
    const now = new Date();
    const results = await Promise.all(
      Array.from({ length: 50 }, () => draw(h.db, { table: t, member, triggerKey: "completion:same", now })),
    );
    expect(new Set(results.map((r) => r.draw.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    const rows = await h.db.select().from(surpriseDraws).where(eq(surpriseDraws.tableId, t.id));
    expect(rows).toHaveLength(1);
    expect(await surprisePaid(t.id)).toEqual({ n: 7, rows: 1 });
    const won = await h.db
      .select()
      .from(events)
      .where(and(eq(events.topic, `user:${member.userId}`), eq(events.type, "surprise:won")));
    expect(won).toHaveLength(1);
    expect(won[0]?.payload).toEqual({
      brandId: brand.id,
      drawId: rows[0]?.id,
      tableId: t.id,
      tableName: t.name,
      outcome: { kind: "points", label: "7 points", points: 7 },
    });
    const [entry] = await h.db
      .select()
      .from(ledger)
      .where(eq(ledger.idempotencyKey, `surprise:${rows[0]?.id}`));
    expect(entry).toMatchObject({ sourceType: "surprise", amount: 7, reason: `Surprise: ${t.name} — 7 points` });
  });
});

describe("commit–reveal", () => {
  it("reproduces every draw of a revealed period from its seed, and catches tampering", async () => {
    const t = await table(
      [
        { kind: "nothing", label: "Nothing", weight: 6 },
        { kind: "points", label: "3 points", weight: 3, points: 3 },
        { kind: "points", label: "9 points", weight: 1, points: 9 },
      ],
      { pityAfter: 2, dailyBudget: 40, totalBudget: 40 },
    );
    const people = await bulkMembers(h.db, brand.id, 4);
    const past = new Date("2026-03-03T10:00:00Z");
    for (let i = 0; i < 60; i++) await draw(h.db, { table: t, member: people[i % 4] as Member, triggerKey: `reveal:${i}`, now: past });
    const anon = callerFor(h.db, null);
    const period = await anon.surprises.period({ brandSlug: brand.slug, period: "2026-03-03" });
    const mine = period.draws.filter((d) => d.tableName === t.name);
    expect(mine).toHaveLength(60);
    expect(period.seed).toMatch(/^[0-9a-f]{64}$/);
    const seed = period.seed ?? "";
    const commitment = period.commitment ?? "";
    // The budget ran out part-way, and pity fired: both paths are covered by the recomputation.
    expect(mine.some((d) => d.budgetLimited)).toBe(true);
    expect(mine.some((d) => d.pityApplied)).toBe(true);
    for (const d of mine) {
      const result = await verifyDraw(d, seed, commitment);
      expect(result).toEqual({ ok: true, reasons: [], expectedPrizeId: d.rolledPrizeId });
    }
    const sample = mine[0];
    if (!sample) throw new Error("no draw");
    const other = sample.snapshot.find((p) => p.id !== sample.outcomePrizeId)?.id ?? null;
    expect((await verifyDraw({ ...sample, outcomePrizeId: other, budgetLimited: false }, seed, commitment)).ok).toBe(false);
    const tamperedSeed = `${seed[0] === "0" ? "1" : "0"}${seed.slice(1)}`;
    expect((await verifyDraw(sample, tamperedSeed, commitment)).reasons).toContain("commitmentMismatch");
    const one = await anon.surprises.verify({ drawId: sample.drawId });
    expect(one.seed).toBe(seed);
    expect(one.serverCheck).toEqual({ ok: true, reasons: [] });
    expect(JSON.stringify(one)).not.toContain(people[0]?.memberId ?? "-");
  });

  it("shows only the commitment until the period ends", async () => {
    const t = await table([
      { kind: "nothing", label: "Nothing", weight: 1 },
      { kind: "points", label: "1 point", weight: 1, points: 1 },
    ]);
    const member = await newMember(h.db, brand.slug, "Today");
    const now = new Date();
    const { draw: d } = await draw(h.db, { table: t, member, triggerKey: "today:1", now });
    const [seedRow] = rowsOf<{ seed: string; commitment: string }>(
      await h.db.execute(sql`select seed, commitment from surprise_seeds where brand_id = ${brand.id} and period = ${periodOf(now)}`),
    );
    const seed = seedRow?.seed ?? "missing";
    const anon = callerFor(h.db, null);
    const me = callerFor(h.db, member.userId);
    const seen = [
      await anon.surprises.verify({ drawId: d.id }),
      await anon.surprises.tables({ brandSlug: brand.slug }),
      await me.surprises.tables({ brandSlug: brand.slug }),
      await me.surprises.mine({ brandSlug: brand.slug }),
    ];
    for (const out of seen) expect(JSON.stringify(out)).not.toContain(seed);
    const v = seen[0] as Awaited<ReturnType<typeof anon.surprises.verify>>;
    expect(v.seed).toBeNull();
    expect(v.serverCheck).toBeNull();
    expect(v.commitment).toBe(seedRow?.commitment);
    const tables = seen[1] as Awaited<ReturnType<typeof anon.surprises.tables>>;
    expect(tables.commitment).toEqual({ period: periodOf(now), hash: seedRow?.commitment });
    // Tomorrow's seed is committed ahead too, and stays secret.
    const [nextRow] = rowsOf<{ seed: string; commitment: string }>(
      await h.db.execute(
        sql`select seed, commitment from surprise_seeds where brand_id = ${brand.id} and period = ${nextPeriod(periodOf(now))}`,
      ),
    );
    expect(tables.next).toEqual({ period: nextPeriod(periodOf(now)), hash: nextRow?.commitment });
    for (const out of seen) expect(JSON.stringify(out)).not.toContain(nextRow?.seed ?? "missing");
    const refused = await anon.surprises.period({ brandSlug: brand.slug, period: periodOf(now) }).then(
      () => null,
      (e: { code?: string; message?: string }) => e,
    );
    expect(refused).toMatchObject({ code: "FORBIDDEN", message: "surprises.notRevealed" });
    expect(await anon.surprises.verify({ drawId: randomUUID() }).catch((e: { code?: string; message?: string }) => e)).toMatchObject({
      code: "NOT_FOUND",
      message: "surprises.drawNotFound",
    });
  });
});

describe("seed commitments", () => {
  it("the scheduled job commits today's and tomorrow's seeds for every brand, once", async () => {
    const fresh = await createBrand(h, "Seedless brand");
    const at = new Date("2026-09-30T23:59:00Z");
    await Promise.all([commitSeeds(h.db, at), commitSeeds(h.db, at)]);
    const rows = rowsOf<{ period: string; commitment: string; seed: string }>(
      await h.db.execute(
        sql`select period::text as period, commitment, seed from surprise_seeds where brand_id = ${fresh.id} order by period`,
      ),
    );
    expect(rows.map((r) => r.period)).toEqual(["2026-09-30", "2026-10-01"]);
    for (const r of rows) expect(createHash("sha256").update(Buffer.from(r.seed, "hex")).digest("hex")).toBe(r.commitment);
  });
});
