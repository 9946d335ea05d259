import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "../../db/client";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { award, type Member } from "../points/ledger";
import { configure, join, leave, mine } from "./leagues";
import { outcomeAt, resetLeagues, settleWeek } from "./reset";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

const brandIn = (zone: string) => createBrand(h, `Leagues ${uid()}`, zone);

const earn = (member: Member, base: number, now: Date) =>
  award(h.db, { member, base, source: "quest", reason: "run", key: `l:${uid()}`, now });

async function cohortSizes(brandId: string, week: string) {
  return rowsOf<{ division: number; number: number; size: number; entries: number | string }>(
    await h.db.execute(sql`
      select c.division, c.number, c.size, (select count(*) from league_entries e where e.cohort_id = c.id) as entries
      from league_cohorts c where c.brand_id = ${brandId} and c.week = ${week} order by c.division, c.number`),
  ).map((c) => [c.division, c.number, c.size, Number(c.entries)]);
}

describe("leagues", () => {
  it("zones: top promote, bottom demote, promotion wins an overlap, no move past the ends", () => {
    const s = { promote: 7, demote: 5, divisions: [1, 2, 3, 4, 5] };
    expect(Array.from({ length: 30 }, (_, i) => outcomeAt(i + 1, 30, 2, s)).join(",")).toBe(
      [...Array(7).fill("promoted"), ...Array(18).fill("stayed"), ...Array(5).fill("demoted")].join(","),
    );
    expect(Array.from({ length: 9 }, (_, i) => outcomeAt(i + 1, 9, 2, s))).toEqual([...Array(7).fill("promoted"), "demoted", "demoted"]);
    expect(outcomeAt(1, 30, 4, s)).toBe("stayed");
    expect(outcomeAt(30, 30, 0, s)).toBe("stayed");
  });

  it("places members who earn in cohorts of 30 within their division", async () => {
    const brand = await brandIn("UTC");
    const monday = new Date("2026-11-16T10:00:00Z");
    const members = await Promise.all(Array.from({ length: 65 }, (_, i) => newMember(h.db, brand.slug, `L${i}`)));
    await Promise.all(members.map((m, i) => earn(m, 1 + i, monday)));
    // A second award the same week does not place anyone twice.
    await earn(members[0] as Member, 5, monday);
    expect(await cohortSizes(brand.id, "w2026-11-16")).toEqual([
      [0, 1, 30, 30],
      [0, 2, 30, 30],
      [0, 3, 5, 5],
    ]);
  });

  it("the weekly reset promotes, demotes and pays the top 3 exactly once, even run twice at once", async () => {
    const brand = await brandIn("UTC");
    await configure(h.db, {
      brandId: brand.id,
      actorUserId: (await newMember(h.db, brand.slug, "Admin")).userId,
      settings: { cohortSize: 10, promote: 3, demote: 2, prizes: [100, 50, 25], divisions: ["Bronze", "Silver", "Gold"] },
    });
    const week = new Date("2026-11-16T10:00:00Z");
    const members = await Promise.all(Array.from({ length: 10 }, (_, i) => newMember(h.db, brand.slug, `R${i}`)));
    // Member i earns 10*(i+1): member 9 is first.
    for (const [i, m] of members.entries()) await earn(m, 10 * (i + 1), week);
    const nextMonday = new Date("2026-11-23T00:00:01Z");
    const [r1, r2] = await Promise.all([settleWeek(h.db, brand.id, "w2026-11-16"), settleWeek(h.db, brand.id, "w2026-11-16")]);
    expect([r1.settled, r2.settled].sort()).toEqual([false, true]);
    expect(r1.settled ? r1 : r2).toEqual({ settled: true, cohorts: 1, promoted: 3, demoted: 0, prizesPaid: 175 });
    // And once more through the job, which finds nothing due.
    expect(await resetLeagues(h.db, brand.id, nextMonday)).toEqual([]);
    const prizes = rowsOf<{ member_id: string; amount: number }>(
      await h.db.execute(
        sql`select member_id, amount from ledger where brand_id = ${brand.id} and source_type = 'league' order by amount desc`,
      ),
    );
    expect(prizes).toEqual([
      { member_id: members[9]?.memberId, amount: 100 },
      { member_id: members[8]?.memberId, amount: 50 },
      { member_id: members[7]?.memberId, amount: 25 },
    ]);
    const divisions = rowsOf<{ member_id: string; division: number }>(
      await h.db.execute(sql`select member_id, division from league_members where brand_id = ${brand.id}`),
    );
    expect(
      divisions
        .filter((d) => d.division === 1)
        .map((d) => d.member_id)
        .sort(),
    ).toEqual([members[9], members[8], members[7]].map((m) => m?.memberId).sort());
    // Bronze is the bottom division: nobody falls out of it.
    expect(divisions.filter((d) => d.division === 0)).toHaveLength(7);

    // Next week the promoted meet in Silver; the week after, Silver's bottom two go back down.
    for (const [i, m] of members.entries()) await earn(m, 1 + i, new Date("2026-11-24T10:00:00Z"));
    expect(await cohortSizes(brand.id, "w2026-11-23")).toEqual([
      [0, 1, 7, 7],
      [1, 1, 3, 3],
    ]);
    const reports = await resetLeagues(h.db, brand.id, new Date("2026-11-30T00:00:01Z"));
    expect(reports).toEqual([{ settled: true, cohorts: 2, promoted: 6, demoted: 0, prizesPaid: 350 }]);
    const silver = rowsOf<{ member_id: string; outcome: string; final_rank: number }>(
      await h.db.execute(sql`
        select e.member_id, e.outcome, e.final_rank from league_entries e join league_cohorts c on c.id = e.cohort_id
        where c.brand_id = ${brand.id} and c.week = 'w2026-11-23' and c.division = 1 order by e.final_rank`),
    );
    // Three members with promote 3: all promoted, so nobody is demoted (promotion wins an overlap).
    expect(silver.map((s) => s.outcome)).toEqual(["promoted", "promoted", "promoted"]);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("the reset follows the brand's Monday midnight, not UTC's", async () => {
    const brand = await brandIn("America/New_York");
    const m = await newMember(h.db, brand.slug, "NY");
    // Sunday 2026-11-22 23:30 in New York is Monday 04:30 UTC: still the New York week of 11-16.
    await earn(m, 10, new Date("2026-11-23T04:30:00Z"));
    expect(await cohortSizes(brand.id, "w2026-11-16")).toEqual([[0, 1, 1, 1]]);
    // 04:59 UTC is 23:59 in New York: not due yet. 05:00 UTC is Monday 00:00 there: due.
    expect(await resetLeagues(h.db, brand.id, new Date("2026-11-23T04:59:00Z"))).toEqual([]);
    expect(await resetLeagues(h.db, brand.id, new Date("2026-11-23T05:00:00Z"))).toEqual([
      { settled: true, cohorts: 1, promoted: 1, demoted: 0, prizesPaid: 100 },
    ]);
  });

  it("a member placed in last week's league waits for the reset before joining this week's", async () => {
    const brand = await brandIn("UTC");
    const m = await newMember(h.db, brand.slug, "Early bird");
    await earn(m, 10, new Date("2026-11-20T10:00:00Z"));
    // Monday, before the reset job ran: points count, placement waits for the promotion decision.
    await earn(m, 10, new Date("2026-11-23T00:00:05Z"));
    expect(await cohortSizes(brand.id, "w2026-11-23")).toEqual([]);
    await resetLeagues(h.db, brand.id, new Date("2026-11-23T00:01:00Z"));
    // Alone in Bronze, first: promoted to Silver, and placed there.
    expect(await cohortSizes(brand.id, "w2026-11-23")).toEqual([[1, 1, 1, 1]]);
  });

  it("leave takes a member out of this week's cohort; join puts them back", async () => {
    const brand = await brandIn("UTC");
    const [a, b] = [await newMember(h.db, brand.slug, "Stay"), await newMember(h.db, brand.slug, "Go")];
    const now = new Date();
    await earn(a, 10, now);
    await earn(b, 20, now);
    expect((await mine(h.db, b, now)).rows.map((r) => [r.rank, r.me, r.zone])).toEqual([
      [1, true, "promote"],
      [2, false, "promote"],
    ]);
    await leave(h.db, b, now);
    const after = await mine(h.db, a, now);
    expect(after.rows.map((r) => r.handle)).toEqual([a.handle]);
    expect(await mine(h.db, b, now)).toMatchObject({ joined: false, placed: false });
    await earn(b, 5, now);
    expect(await mine(h.db, b, now)).toMatchObject({ joined: false, placed: false });
    expect(await join(h.db, b, now)).toEqual({ joined: true, placed: true });
    expect((await mine(h.db, a, now)).rows.map((r) => r.handle)).toEqual([b.handle, a.handle]);
  });
});
