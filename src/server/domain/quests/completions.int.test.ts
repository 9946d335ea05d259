import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, rowsOf } from "../../db/client";
import { balances, events, ledger, memberships, questCompletions, quests, streaks } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { newQuest, setTimeZone } from "../../test/quests";
import type { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { complete, undo } from "./completions";
import { deleteHabitData, exportHabits, grantConsent, withdrawConsent } from "./habits";
import { getForMember, questStats } from "./quests";

let h: DbHandle;
let brand: { id: string; slug: string };

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Quest brand");
});
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await h.close();
});

const settle = <T>(p: Promise<T>) =>
  p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );

const checkIn = (member: Member, questId: string, now: Date, extra: { value?: string; key?: string } = {}) =>
  complete(h.db, {
    member,
    questId,
    key: extra.key ?? `k-${uid()}`,
    source: "member",
    now,
    ...(extra.value ? { value: extra.value } : {}),
  });

async function refusal(p: Promise<unknown>) {
  const r = await settle(p);
  expect(r.ok).toBe(false);
  return r.ok ? null : (r.e as DomainError);
}

async function available(memberId: string) {
  const [b] = await h.db.select().from(balances).where(eq(balances.memberId, memberId));
  return b?.available ?? 0;
}

async function liveCompletions(memberId: string, questId: string) {
  return h.db
    .select()
    .from(questCompletions)
    .where(and(eq(questCompletions.memberId, memberId), eq(questCompletions.questId, questId), sql`state in ('pending','approved')`));
}

describe("day boundaries", () => {
  it("counts New York days across the spring-forward switch", async () => {
    const m = await newMember(h.db, brand.slug);
    await setTimeZone(h.db, m.userId, "America/New_York");
    const q = await newQuest(h.db, brand.id);
    // 23:30 EST on Saturday 7 March, then 00:10 on Sunday 8 March: two days.
    expect((await checkIn(m, q.id, new Date("2026-03-08T04:30:00Z"))).completion.localDay).toBe("2026-03-07");
    expect((await checkIn(m, q.id, new Date("2026-03-08T05:10:00Z"))).completion.localDay).toBe("2026-03-08");
    // 23:30 EDT on Sunday 8 March is still the 23-hour Sunday.
    const again = await refusal(checkIn(m, q.id, new Date("2026-03-09T03:30:00Z")));
    expect(again?.key).toBe("quests.alreadyThisPeriod");
    expect(again?.fields?.nextAt).toBe("2026-03-09T04:00:00.000Z");
    const monday = await checkIn(m, q.id, new Date("2026-03-09T04:00:00Z"));
    expect(monday.completion.localDay).toBe("2026-03-09");
    expect(monday.streak).toMatchObject({ current: 3 });
  });

  it("counts New York days across the fall-back switch (a 25-hour day)", async () => {
    const m = await newMember(h.db, brand.slug);
    await setTimeZone(h.db, m.userId, "America/New_York");
    const q = await newQuest(h.db, brand.id);
    // 00:30 EDT on Sunday 1 November; 23:30 EST the same Sunday is 24 hours later and still that day.
    await checkIn(m, q.id, new Date("2026-11-01T04:30:00Z"));
    expect((await refusal(checkIn(m, q.id, new Date("2026-11-02T04:30:00Z"))))?.key).toBe("quests.alreadyThisPeriod");
    expect((await checkIn(m, q.id, new Date("2026-11-02T05:00:00Z"))).completion.localDay).toBe("2026-11-02");
  });

  it("counts Baku and Tbilisi days at their own midnight", async () => {
    for (const zone of ["Asia/Baku", "Asia/Tbilisi"]) {
      const m = await newMember(h.db, brand.slug);
      await setTimeZone(h.db, m.userId, zone);
      const q = await newQuest(h.db, brand.id);
      expect((await checkIn(m, q.id, new Date("2026-06-14T19:59:00Z"))).completion.localDay).toBe("2026-06-14");
      expect((await checkIn(m, q.id, new Date("2026-06-14T20:00:00Z"))).completion.localDay).toBe("2026-06-15");
      expect((await refusal(checkIn(m, q.id, new Date("2026-06-15T19:59:00Z"))))?.key).toBe("quests.alreadyThisPeriod");
    }
  });

  it("never grants a second check-in for the same real day after a time-zone change", async () => {
    // Westward: 22:00 in Baku, then New York, where it is 14:00 of the same date.
    const west = await newMember(h.db, brand.slug);
    await setTimeZone(h.db, west.userId, "Asia/Baku");
    const q = await newQuest(h.db, brand.id);
    await checkIn(west, q.id, new Date("2026-06-15T18:00:00Z"));
    await setTimeZone(h.db, west.userId, "America/New_York");
    expect((await refusal(checkIn(west, q.id, new Date("2026-06-15T18:05:00Z"))))?.key).toBe("quests.alreadyThisPeriod");

    // Eastward: 22:00 in New York, then Baku, where it is already 06:00 of the next date. The New York
    // day is still running, so the next check-in waits for it to end.
    const east = await newMember(h.db, brand.slug);
    await setTimeZone(h.db, east.userId, "America/New_York");
    await checkIn(east, q.id, new Date("2026-06-16T02:00:00Z"));
    await setTimeZone(h.db, east.userId, "Asia/Baku");
    const early = await refusal(checkIn(east, q.id, new Date("2026-06-16T02:05:00Z")));
    expect(early?.key).toBe("quests.alreadyThisPeriod");
    expect(early?.fields?.nextAt).toBe("2026-06-16T04:00:00.000Z");
    const later = await checkIn(east, q.id, new Date("2026-06-16T04:00:00Z"));
    expect(later.completion.localDay).toBe("2026-06-16");
    expect(later.completion.timeZone).toBe("Asia/Baku");
    expect(await liveCompletions(east.memberId, q.id)).toHaveLength(2);
  });
});

describe("check-ins under load", () => {
  it("50 parallel check-ins of one habit on one day give one completion and one award", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { basePoints: 15 });
    const now = new Date("2026-07-01T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 50 }, () => settle(checkIn(m, q.id, now))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect((r.e as DomainError).key).toBe("quests.alreadyThisPeriod");
    expect(await liveCompletions(m.memberId, q.id)).toHaveLength(1);
    const rows = await h.db.select().from(ledger).where(eq(ledger.memberId, m.memberId));
    expect(rows.map((r) => r.amount)).toEqual([15]);
    expect(await available(m.memberId)).toBe(15);
  });

  it("a retry with the same key returns the first completion and changes nothing", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id);
    const now = new Date("2026-07-01T10:00:00Z");
    const results = await Promise.all(Array.from({ length: 20 }, () => checkIn(m, q.id, now, { key: "same-key-1" })));
    expect(new Set(results.map((r) => r.completion.id)).size).toBe(1);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await available(m.memberId)).toBe(10);
  });

  it("holds the quest budget when many members check in at once", async () => {
    const q = await newQuest(h.db, brand.id, { basePoints: 30, budget: 100 });
    const members = await Promise.all(Array.from({ length: 12 }, () => newMember(h.db, brand.slug)));
    const now = new Date("2026-07-02T10:00:00Z");
    const results = await Promise.all(members.map((m) => settle(checkIn(m, q.id, now))));
    expect(results.every((r) => r.ok)).toBe(true);
    const [after] = await h.db.select().from(quests).where(eq(quests.id, q.id));
    expect(after?.pointsPaid).toBe(100);
    const [paid] = rowsOf<{ n: number }>(
      await h.db.execute(sql`select coalesce(sum(amount), 0)::int as n from ledger where source_id in
        (select id::text from quest_completions where quest_id = ${q.id})`),
    );
    expect(paid?.n).toBe(100);
    const amounts = results.map((r) => (r.ok ? r.v.points : -1)).sort((a, b) => b - a);
    expect(amounts).toEqual([30, 30, 30, 10, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it("lowers awards to a member's monthly cap, and opens it again next month", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { basePoints: 20, capMonth: 50 });
    const results = [];
    for (const d of ["03", "04", "05", "06"]) results.push(await checkIn(m, q.id, new Date(`2026-08-${d}T12:00:00Z`)));
    expect(results.map((r) => r.points)).toEqual([20, 20, 10, 0]);
    expect(results.map((r) => r.capped)).toEqual([false, false, true, true]);
    expect(await available(m.memberId)).toBe(50);
    expect((await checkIn(m, q.id, new Date("2026-09-01T12:00:00Z"))).points).toBe(20);
    const view = await getForMember(h.db, m, q.id, new Date("2026-09-01T12:30:00Z"));
    expect(view).toMatchObject({ caps: { day: null, week: null, month: 50 }, pointsThisMonth: 20, doneThisPeriod: true });
  });

  it("holds the cap when one member's check-ins race", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { basePoints: 20, capMonth: 50 });
    const days = Array.from({ length: 8 }, (_, i) => new Date(`2026-08-1${i}T12:00:00Z`));
    const results = await Promise.all(days.map((d) => settle(checkIn(m, q.id, d))));
    const accepted = results.flatMap((r) => (r.ok ? [r.v.points] : []));
    // A check-in that lands after a later day's is refused: that day's period is still open.
    for (const r of results) if (!r.ok) expect((r.e as DomainError).key).toBe("quests.alreadyThisPeriod");
    expect(accepted.reduce((a, b) => a + b, 0)).toBe(Math.min(50, accepted.length * 20));
    // A 7-day run reached along the way pays its milestone bonus on top: bonuses are not capped.
    const bonuses = results.reduce((sum, r) => sum + (r.ok ? r.v.bonus : 0), 0);
    expect(bonuses % 60).toBe(0);
    expect(await available(m.memberId)).toBe(Math.min(50, accepted.length * 20) + bonuses);
  });

  it("pays per unit of the logged value", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { evidence: "value", unit: "km", pointsPerUnit: 20 });
    expect((await checkIn(m, q.id, new Date("2026-07-03T12:00:00Z"), { value: "3.5" })).points).toBe(70);
    expect((await refusal(checkIn(m, q.id, new Date("2026-07-04T12:00:00Z"))))?.key).toBe("quests.valueRequired");
  });
});

describe("streaks and cadences", () => {
  it("times per week: N check-ins complete the week, the streak counts weeks", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { cadence: "times_per_week", cadenceN: 3 });
    // Week of Monday 5 October 2026.
    for (const d of ["05", "06"]) await checkIn(m, q.id, new Date(`2026-10-${d}T12:00:00Z`));
    const third = await checkIn(m, q.id, new Date("2026-10-07T12:00:00Z"));
    expect(third.streak).toMatchObject({ current: 1, done: 3, target: 3 });
    const fourth = await refusal(checkIn(m, q.id, new Date("2026-10-08T12:00:00Z")));
    expect(fourth?.key).toBe("quests.weekComplete");
    expect(fourth?.fields?.nextAt).toBe("2026-10-12T00:00:00.000Z");
    // Next week: two check-ins do not extend the streak yet; the third does.
    for (const d of ["12", "14"]) await checkIn(m, q.id, new Date(`2026-10-${d}T12:00:00Z`));
    expect((await checkIn(m, q.id, new Date("2026-10-18T12:00:00Z"))).streak).toMatchObject({ current: 2, best: 2, freezes: 2 });
  });

  it("earns a freeze at 7 days, spends it on a missed day, and pays the 7-day milestone once", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { basePoints: 10 });
    let last = null;
    for (let d = 1; d <= 7; d++) last = await checkIn(m, q.id, new Date(`2026-05-0${d}T12:00:00Z`));
    expect(last?.streak).toMatchObject({ current: 7, freezes: 1 });
    expect(last?.milestone).toBe(7);
    expect(last?.bonus).toBe(30);
    // 8 May missed; 9 May keeps the streak alive by spending the freeze.
    const after = await checkIn(m, q.id, new Date("2026-05-09T12:00:00Z"));
    expect(after.streak).toMatchObject({ current: 8, best: 8, freezes: 0 });
    const [saved] = await h.db
      .select()
      .from(streaks)
      .where(and(eq(streaks.memberId, m.memberId), eq(streaks.questId, q.id)));
    expect(saved).toMatchObject({ current: 8, best: 8, freezes: 0 });
    expect(await available(m.memberId)).toBe(8 * 10 + 30);
  });

  it("undo within 10 minutes reverses the points and frees the day; later it is refused", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { basePoints: 25 });
    const t = new Date("2026-04-10T09:00:00Z");
    const first = await checkIn(m, q.id, t);
    expect(await available(m.memberId)).toBe(25);
    await undo(h.db, { member: m, completionId: first.completion.id, now: new Date(t.getTime() + 9 * 60_000) });
    expect(await available(m.memberId)).toBe(0);
    const again = await checkIn(m, q.id, new Date(t.getTime() + 10 * 60_000));
    expect(again.points).toBe(25);
    const late = await refusal(undo(h.db, { member: m, completionId: again.completion.id, now: new Date(t.getTime() + 21 * 60_000) }));
    expect(late?.key).toBe("quests.undoExpired");
    expect(await available(m.memberId)).toBe(25);
    const other = await newMember(h.db, brand.slug);
    expect((await refusal(undo(h.db, { member: other, completionId: again.completion.id, now: t })))?.key).toBe(
      "quests.completionNotFound",
    );
  });

  it("undoing the check-in that reached a milestone reverses its bonus too", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { basePoints: 10 });
    let last = null;
    for (let d = 1; d <= 7; d++) last = await checkIn(m, q.id, new Date(`2026-06-0${d}T12:00:00Z`));
    expect(await available(m.memberId)).toBe(100);
    await undo(h.db, { member: m, completionId: last?.completion.id ?? "", now: new Date("2026-06-07T12:05:00Z") });
    expect(await available(m.memberId)).toBe(60);
    const [after] = await h.db.select().from(quests).where(eq(quests.id, q.id));
    expect(after?.pointsPaid).toBe(60);
  });
});

describe("health data stays private", () => {
  it("needs consent, keeps values out of events and staff stats, exports and erases them", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await newQuest(h.db, brand.id, { title: "Blood pressure log", evidence: "value", unit: "mmHg", health: true });
    const t = new Date("2026-03-03T08:00:00Z");
    expect((await refusal(checkIn(m, q.id, t, { value: "121/79" })))?.key).toBe("quests.consentRequired");
    await grantConsent(h.db, m);
    await checkIn(m, q.id, t, { value: "121/79" });

    const all = await h.db.select({ payload: events.payload }).from(events);
    expect(JSON.stringify(all)).not.toContain("121/79");
    expect(JSON.stringify(await questStats(h.db, brand.id, q.id))).not.toContain("121");

    // Another member sees the quest, never the value.
    const other = await newMember(h.db, brand.slug);
    const list = await callerFor(h.db, other.userId).quests.get({ brandSlug: brand.slug, questId: q.id });
    expect(JSON.stringify(list)).not.toContain("121/79");
    expect(list.history).toEqual([]);

    const exported = await exportHabits(h.db, m);
    expect(exported.habits[0]?.completions[0]?.value).toBe("121/79");
    expect(exported.consent).toHaveLength(1);

    await withdrawConsent(h.db, m);
    expect((await refusal(checkIn(m, q.id, new Date("2026-03-04T08:00:00Z"), { value: "120/80" })))?.key).toBe("quests.consentRequired");
    expect(await deleteHabitData(h.db, m)).toEqual({ erased: 1 });
    const [row] = await liveCompletions(m.memberId, q.id);
    expect(row?.value).toBeNull();
    expect(row?.points).toBe(10);
  });
});

describe("procedures", () => {
  it("only staff build quests, only in their own brand, and members check in habits only", async () => {
    const admin = await newMember(h.db, brand.slug);
    await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, admin.memberId));
    const member = await newMember(h.db, brand.slug);
    const quest = { kind: "habit" as const, title: "Smoke-free day", basePoints: 20, cadence: "daily" as const, health: true };
    const created = await callerFor(h.db, admin.userId).quests.create({ brandSlug: brand.slug, quest });
    expect(created).toMatchObject({ title: "Smoke-free day", status: "active", cadenceN: null });
    await expect(callerFor(h.db, member.userId).quests.create({ brandSlug: brand.slug, quest })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const elsewhere = await createBrand(h, "Other brand");
    await expect(callerFor(h.db, admin.userId).quests.adminList({ brandSlug: elsewhere.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });

    const bad = await settle(
      callerFor(h.db, admin.userId).quests.create({ brandSlug: brand.slug, quest: { ...quest, cadence: "times_per_week" } }),
    );
    expect(bad.ok).toBe(false);
    expect(JSON.stringify(bad.ok ? null : bad.e)).toContain("quests.badCadenceN");

    const review = await newQuest(h.db, brand.id, { kind: "review", cadence: "once" });
    await expect(
      callerFor(h.db, member.userId).quests.checkIn({ brandSlug: brand.slug, questId: review.id, idempotencyKey: `k-${uid()}-x` }),
    ).rejects.toMatchObject({ message: "quests.notCheckIn" });
  });
});
