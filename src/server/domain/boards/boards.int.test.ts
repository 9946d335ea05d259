import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "../../db/client";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { newQuest } from "../../test/quests";
import { award, reverse, vest } from "../points/ledger";
import { approve, complete, undo } from "../quests/completions";
import { boardDrift, exclude, recompute, setHidden } from "./admin";
import { periodKey } from "./boards";
import { me, since, top } from "./queries";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

const brandIn = (zone: string) => createBrand(h, `Boards ${uid()}`, zone);

interface Fact {
  memberId: string;
  amount: number;
  at: number;
  id: number;
}

/** The ranking rule, computed the slow way from the ledger: Σ counted earnings, ties by the latest counted row. */
async function bruteForce(brandId: string, period: "all" | "week", zone: string): Promise<string[]> {
  const rows = rowsOf<{ id: number | string; member_id: string; amount: number; settled_at: string | Date; reversed: boolean }>(
    await h.db.execute(sql`
      select l.id, l.member_id, l.amount, l.settled_at,
        exists (select 1 from ledger r where r.related_id = l.id and r.kind = 'reverse') as reversed
      from ledger l where l.brand_id = ${brandId} and l.kind = 'earn' and l.state = 'vested' and l.source_type <> 'league'`),
  );
  const now = periodKey(period, new Date(), zone);
  const facts: Fact[] = rows
    .filter((r) => !r.reversed)
    .map((r) => ({ memberId: r.member_id, amount: r.amount, at: new Date(r.settled_at).getTime(), id: Number(r.id) }))
    .filter((f) => periodKey(period, new Date(f.at), zone) === now);
  const per = new Map<string, { score: number; at: number }>();
  for (const f of facts) {
    const p = per.get(f.memberId) ?? { score: 0, at: 0 };
    per.set(f.memberId, { score: p.score + f.amount, at: Math.max(p.at, f.at) });
  }
  return [...per.entries()]
    .filter(([, v]) => v.score > 0)
    .sort(([ma, a], [mb, b]) => b.score - a.score || a.at - b.at || (ma < mb ? -1 : 1))
    .map(([m]) => m);
}

describe("boards", () => {
  it("rank every member exactly as a brute-force computation from the ledger (random awards, reversals, vests)", async () => {
    const zone = "Asia/Baku";
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            who: fc.integer({ min: 0, max: 7 }),
            base: fc.integer({ min: 1, max: 4 }).map((n) => n * 5),
            pending: fc.boolean(),
            undo: fc.integer({ min: 0, max: 4 }),
            minutesAgo: fc.integer({ min: 0, max: 60 * 24 * 10 }),
          }),
          { minLength: 1, maxLength: 25 },
        ),
        async (ops) => {
          const brand = await brandIn(zone);
          const members = await Promise.all(Array.from({ length: 8 }, (_, i) => newMember(h.db, brand.slug, `Racer ${i}`)));
          const ids: { id: number; pending: boolean }[] = [];
          for (const op of ops) {
            const member = members[op.who];
            if (!member) continue;
            // Times are whole seconds apart or equal, so ties on score and time happen and fall to member id.
            const now = new Date(Math.floor(Date.now() / 60_000) * 60_000 - op.minutesAgo * 60_000);
            const r = await award(h.db, {
              member,
              base: op.base,
              source: "quest",
              reason: "random",
              key: `p:${uid()}`,
              pending: op.pending,
              now,
            });
            ids.push({ id: r.entry.id, pending: op.pending });
            if (op.undo === 0) await reverse(h.db, { brandId: brand.id, ledgerId: r.entry.id, reason: "undo", key: `r:${uid()}` });
            else if (op.undo === 1 && op.pending) await vest(h.db, { brandId: brand.id, ledgerId: r.entry.id, now });
          }
          for (const period of ["all", "week"] as const) {
            const board = await top(h.db, brand.id, { board: "points", period, limit: 100 });
            expect(board.rows.map((r) => r.memberId)).toEqual(await bruteForce(brand.id, period, zone));
            expect(board.rows.map((r) => r.rank)).toEqual(board.rows.map((_, i) => i + 1));
          }
          await expectLedgerInvariants(h.db, brand.id);
        },
      ),
      { numRuns: 12 },
    );
  }, 120_000);

  it("weeks turn at Monday 00:00 in the brand's zone, not UTC", async () => {
    const zone = "Asia/Baku"; // UTC+4
    const brand = await brandIn(zone);
    const m = await newMember(h.db, brand.slug, "Late Sunday");
    // Sunday 2026-11-22 21:30 UTC is Monday 01:30 in Baku: the new week's board.
    const at = new Date("2026-11-22T21:30:00Z");
    await award(h.db, { member: m, base: 10, source: "quest", reason: "r", key: `w:${uid()}`, now: at });
    const rows = rowsOf<{ period: string }>(
      await h.db.execute(sql`select period from board_scores where member_id = ${m.memberId} and board = 'points' order by period`),
    );
    expect(rows.map((r) => r.period)).toEqual(["all", "m2026-11", "w2026-11-23"]);
    expect(periodKey("week", at, "UTC")).toBe("w2026-11-16");
  });

  it("private members see their own place; others never see them and their ranks skip them", async () => {
    const brand = await brandIn("UTC");
    const [a, b, c] = [
      await newMember(h.db, brand.slug, "Aysel"),
      await newMember(h.db, brand.slug, "Bora"),
      await newMember(h.db, brand.slug, "Cem"),
    ];
    const t0 = Date.now();
    await award(h.db, { member: a, base: 30, source: "quest", reason: "r", key: `a:${uid()}`, now: new Date(t0) });
    await award(h.db, { member: b, base: 20, source: "quest", reason: "r", key: `b:${uid()}`, now: new Date(t0 + 1) });
    await award(h.db, { member: c, base: 10, source: "quest", reason: "r", key: `c:${uid()}`, now: new Date(t0 + 2) });
    await setHidden(h.db, a, true);

    const seenByC = await top(h.db, brand.id, { board: "points", period: "all", limit: 10 });
    expect(seenByC.rows.map((r) => [r.handle, r.rank])).toEqual([
      [b.handle, 1],
      [c.handle, 2],
    ]);
    const cPlace = await me(h.db, c, { board: "points", period: "all" });
    expect(cPlace).toMatchObject({ rank: 2, points: 10, hidden: false, total: 2 });
    expect(cPlace.above.map((r) => r.handle)).toEqual([b.handle]);
    const aPlace = await me(h.db, a, { board: "points", period: "all" });
    expect(aPlace).toMatchObject({ rank: 1, points: 30, hidden: true, total: 3 });
    expect(aPlace.below.map((r) => [r.handle, r.rank])).toEqual([
      [b.handle, 1],
      [c.handle, 2],
    ]);
    // Events since the start name only visible members.
    const missed = await since(h.db, c, { board: "points", period: "all", seq: 0, limit: 10 });
    expect(missed.changed?.sort()).toEqual([b.memberId, c.memberId].sort());
    expect(JSON.stringify(missed)).not.toContain(a.memberId);
    expect(JSON.stringify(missed)).not.toContain(a.handle);

    await setHidden(h.db, a, false);
    expect((await top(h.db, brand.id, { board: "points", period: "all", limit: 10 })).rows.map((r) => r.handle)).toEqual([
      a.handle,
      b.handle,
      c.handle,
    ]);
  });

  it("staff exclusions take a member off every board, audited, and need a reason", async () => {
    const brand = await brandIn("UTC");
    const [staff, cheat] = [await newMember(h.db, brand.slug, "Staff"), await newMember(h.db, brand.slug, "Cheat")];
    await award(h.db, { member: cheat, base: 500, source: "quest", reason: "r", key: `x:${uid()}` });
    await expect(
      exclude(h.db, { brandId: brand.id, memberId: cheat.memberId, excluded: true, reason: " ", actorUserId: staff.userId }),
    ).rejects.toThrow("boards.reasonRequired");
    await exclude(h.db, { brandId: brand.id, memberId: cheat.memberId, excluded: true, reason: "bot farm", actorUserId: staff.userId });
    // Excluding again changes nothing: the first reason and audit entry stand.
    await exclude(h.db, { brandId: brand.id, memberId: cheat.memberId, excluded: true, reason: "again", actorUserId: staff.userId });
    expect((await top(h.db, brand.id, { board: "points", period: "all", limit: 10 })).rows).toEqual([]);
    expect(await me(h.db, cheat, { board: "points", period: "all" })).toMatchObject({ rank: null, excluded: true });
    const audit = rowsOf<{ action: string; reason: string }>(
      await h.db.execute(sql`select action, reason from audit_log where brand_id = ${brand.id} and target_id = ${cheat.memberId}`),
    );
    expect(audit).toEqual([{ action: "boards.exclude", reason: "bot farm" }]);
  });

  it("count boards follow approvals and undos; the streak board ranks the best streak", async () => {
    const brand = await brandIn("UTC");
    const habit = await newQuest(h.db, brand.id, { kind: "habit", cadence: "daily", basePoints: 5 });
    const review = await newQuest(h.db, brand.id, { kind: "review", cadence: "once", basePoints: 20, requiresApproval: true });
    const [a, b, staff] = [
      await newMember(h.db, brand.slug, "Runner"),
      await newMember(h.db, brand.slug, "Writer"),
      await newMember(h.db, brand.slug, "Mod"),
    ];
    const day = (n: number) => new Date(Date.now() - n * 86_400_000);
    for (const n of [3, 2, 1]) await complete(h.db, { member: a, questId: habit.id, key: `h:${uid()}`, source: "member", now: day(n) });
    const last = await complete(h.db, { member: b, questId: habit.id, key: `h:${uid()}`, source: "member" });
    const pending = await complete(h.db, { member: b, questId: review.id, key: `r:${uid()}`, source: "member" });
    expect((await top(h.db, brand.id, { board: "reviews", period: "all", limit: 5 })).rows).toEqual([]);
    await approve(h.db, { member: b, completionId: pending.completion.id, actorUserId: staff.userId });
    expect((await top(h.db, brand.id, { board: "reviews", period: "all", limit: 5 })).rows.map((r) => [r.handle, r.points])).toEqual([
      [b.handle, 1],
    ]);
    expect((await top(h.db, brand.id, { board: "checkins", period: "all", limit: 5 })).rows.map((r) => [r.handle, r.points])).toEqual([
      [a.handle, 3],
      [b.handle, 1],
    ]);
    expect((await top(h.db, brand.id, { board: "streak", period: "all", limit: 5 })).rows.map((r) => [r.handle, r.points])).toEqual([
      [a.handle, 3],
      [b.handle, 1],
    ]);
    await undo(h.db, { member: b, completionId: last.completion.id });
    expect((await top(h.db, brand.id, { board: "checkins", period: "all", limit: 5 })).rows.map((r) => r.handle)).toEqual([a.handle]);
    expect((await top(h.db, brand.id, { board: "streak", period: "all", limit: 5 })).rows.map((r) => r.handle)).toEqual([a.handle]);
    await expect(top(h.db, brand.id, { board: "streak", period: "week", limit: 5 })).rejects.toThrow("boards.noSuchPeriod");
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("recompute rebuilds a tampered board from the ledger and live boards reload", async () => {
    const brand = await brandIn("UTC");
    const [a, b, staff] = [
      await newMember(h.db, brand.slug, "A"),
      await newMember(h.db, brand.slug, "B"),
      await newMember(h.db, brand.slug, "S"),
    ];
    await award(h.db, { member: a, base: 10, source: "quest", reason: "r", key: `a:${uid()}` });
    await award(h.db, { member: b, base: 20, source: "quest", reason: "r", key: `b:${uid()}` });
    expect((await top(h.db, brand.id, { board: "points", period: "all", limit: 5 })).rows.map((r) => r.handle)).toEqual([
      b.handle,
      a.handle,
    ]);
    await h.db.execute(sql`update board_scores set score = 999 where member_id = ${a.memberId} and period = 'all'`);
    expect(await boardDrift(h.db, brand.id, "points")).toBe(2);
    const r = await recompute(h.db, { brandId: brand.id, board: "points", actorUserId: staff.userId });
    expect(r).toEqual({ board: "points", rows: 6, corrected: 2 });
    expect(await boardDrift(h.db, brand.id, "points")).toBe(0);
    const after = await top(h.db, brand.id, { board: "points", period: "all", limit: 5 });
    expect(after.rows.map((x) => [x.handle, x.points])).toEqual([
      [b.handle, 20],
      [a.handle, 10],
    ]);
  });

  it("parallel awards keep every board exact and the live board in step with the table", async () => {
    const brand = await brandIn("UTC");
    const members = await Promise.all(Array.from({ length: 10 }, (_, i) => newMember(h.db, brand.slug, `P${i}`)));
    await top(h.db, brand.id, { board: "points", period: "all", limit: 5 });
    await Promise.all(
      Array.from({ length: 60 }, (_, i) => {
        const member = members[i % members.length];
        if (!member) throw new Error("no member");
        return award(h.db, { member, base: 1 + (i % 7), source: "quest", reason: "r", key: `par:${uid()}` });
      }),
    );
    const live = await top(h.db, brand.id, { board: "points", period: "all", limit: 20 });
    expect(live.rows.map((r) => r.memberId)).toEqual(await bruteForce(brand.id, "all", "UTC"));
    // Σ (1 + i mod 7) for i < 60.
    expect(live.rows.reduce((s, r) => s + r.points, 0)).toBe(234);
    await expectLedgerInvariants(h.db, brand.id);
  });
});
