import type { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { auditLog, balances, events, ledger, pointsPolicies, redemptions, rewards } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { DomainError } from "../errors";
import { balanceOf } from "./balance";
import { runPointsJobs } from "./jobs";
import { adjust, award, donate, reverse, vest } from "./ledger";
import { cancelRedemption, createReward, redeem } from "./rewards";

let h: DbHandle;
let brand: { id: string; slug: string };

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Points brand");
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

async function ledgerRows(memberId: string) {
  return h.db.select().from(ledger).where(eq(ledger.memberId, memberId));
}

describe("award", () => {
  it("50 parallel awards with one key write one row and change the balance once", async () => {
    const m = await newMember(h.db, brand.slug);
    const key = `quest:${uid()}`;
    const results = await Promise.all(
      Array.from({ length: 50 }, () => award(h.db, { member: m, base: 40, source: "quest", reason: "Morning run", key })),
    );
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entry.id)).size).toBe(1);
    expect(await ledgerRows(m.memberId)).toHaveLength(1);
    const [b] = await h.db.select().from(balances).where(eq(balances.memberId, m.memberId));
    expect(b).toMatchObject({ available: 40, lifetimeEarned: 40, pending: 0 });
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("refuses a reused key with a different payload with CONFLICT", async () => {
    const m = await newMember(h.db, brand.slug);
    const key = `quest:${uid()}`;
    await award(h.db, { member: m, base: 10, source: "quest", reason: "Run", key });
    const err = await award(h.db, { member: m, base: 11, source: "quest", reason: "Run", key }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("CONFLICT");
    expect(await ledgerRows(m.memberId)).toHaveLength(1);
  });

  it("promotes exactly at the threshold, applies and records the multiplier, never demotes mid-year", async () => {
    const m = await newMember(h.db, brand.slug);
    const now = new Date();
    const first = await award(h.db, { member: m, base: 999, source: "quest", reason: "a", key: `t1:${uid()}`, now });
    expect(first.balance).toMatchObject({ tierName: "Bronze", tierPoints: 999 });
    const second = await award(h.db, { member: m, base: 1, source: "quest", reason: "b", key: `t2:${uid()}`, now });
    expect(second.entry).toMatchObject({ amount: 1, baseAmount: 1, multiplierBp: 100 });
    expect(second.balance).toMatchObject({ tierName: "Silver", tierPoints: 1000 });
    const third = await award(h.db, { member: m, base: 100, source: "quest", reason: "c", key: `t3:${uid()}`, now });
    expect(third.entry).toMatchObject({ amount: 130, baseAmount: 100, multiplierBp: 130 });

    // Eleven months on, the tier points from last year still count; at 13 months they have rolled off
    // but the qualification year (which restarted at promotion) is over, so the demotion applies.
    const elevenMonths = new Date(now.getTime() + 330 * 86_400_000);
    const view = await balanceOf(h.db, brand.id, m.memberId, elevenMonths);
    expect(view.tier.name).toBe("Silver");
    const laterStill = new Date(now.getTime() + 400 * 86_400_000);
    const after = await award(h.db, { member: m, base: 10, source: "quest", reason: "d", key: `t4:${uid()}`, now: laterStill });
    expect(after.entry.multiplierBp).toBe(100);
    expect(after.balance.tierName).toBe("Bronze");
  });

  it("keeps pending awards out of the spendable balance until they vest; reversal removes them", async () => {
    const m = await newMember(h.db, brand.slug);
    const a = await award(h.db, { member: m, base: 50, source: "review", reason: "Review", key: `r1:${uid()}`, pending: true });
    const b = await award(h.db, { member: m, base: 30, source: "review", reason: "Review", key: `r2:${uid()}`, pending: true });
    expect(a.balance).toMatchObject({ available: 0, pending: 50 });
    expect(b.balance).toMatchObject({ available: 0, pending: 80 });
    await Promise.all([vest(h.db, { brandId: brand.id, ledgerId: a.entry.id }), vest(h.db, { brandId: brand.id, ledgerId: a.entry.id })]);
    await reverse(h.db, { brandId: brand.id, ledgerId: b.entry.id, reason: "Review removed", key: `rev:${uid()}` });
    const view = await balanceOf(h.db, brand.id, m.memberId);
    expect(view).toMatchObject({ available: 50, pending: 0, lifetimeEarned: 50 });
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("reversing a vested award that was partly spent takes only what is left", async () => {
    const m = await newMember(h.db, brand.slug);
    const a = await award(h.db, { member: m, base: 100, source: "review", reason: "Review", key: `v:${uid()}` });
    const reward = await createReward(h.db, brand.id, m.userId, {
      title: "Tea",
      description: "",
      imageUrl: null,
      cost: 70,
      stock: null,
      perMemberLimit: null,
      startsAt: null,
      endsAt: null,
      kind: "free_item",
    });
    await redeem(h.db, { member: m, rewardId: reward.id, key: uid() });
    const key = `rev:${uid()}`;
    const [r1, r2] = await Promise.all([
      reverse(h.db, { brandId: brand.id, ledgerId: a.entry.id, reason: "Removed", key }),
      reverse(h.db, { brandId: brand.id, ledgerId: a.entry.id, reason: "Removed", key }),
    ]);
    expect([r1.taken, r2.taken]).toEqual([30, 30]);
    expect((await balanceOf(h.db, brand.id, m.memberId)).available).toBe(0);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("writes a points:changed event per change to the member's own topic, with gap-free sequence numbers", async () => {
    const m = await newMember(h.db, brand.slug);
    for (let i = 0; i < 3; i++) await award(h.db, { member: m, base: 5, source: "quest", reason: "x", key: `e${i}:${uid()}` });
    const rows = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `user:${m.userId}`))
      .orderBy(events.seq);
    expect(rows.map((r) => [r.type, r.seq])).toEqual([
      ["points:changed", 1],
      ["points:changed", 2],
      ["points:changed", 3],
    ]);
    expect((rows[2]?.payload as { balance: { available: number } } | undefined)?.balance.available).toBe(15);
  });
});

describe("spending", () => {
  it("50 members racing for a reward with stock 1: exactly one redemption", async () => {
    const members = await Promise.all(Array.from({ length: 50 }, (_, i) => newMember(h.db, brand.slug, `Racer ${i}`)));
    await Promise.all(
      members.map((m) => award(h.db, { member: m, base: 100, source: "quest", reason: "Seed", key: `seed:${m.memberId}` })),
    );
    const reward = await createReward(h.db, brand.id, members[0]?.userId ?? "", {
      title: "Last seat",
      description: "",
      imageUrl: null,
      cost: 50,
      stock: 1,
      perMemberLimit: null,
      startsAt: null,
      endsAt: null,
      kind: "experience",
    });
    const results = await Promise.all(members.map((m) => settle(redeem(h.db, { member: m, rewardId: reward.id, key: uid() }))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : (r.e as DomainError).key))).toEqual(Array(49).fill("rewards.outOfStock"));
    const [after] = await h.db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after?.stock).toBe(0);
    expect(await h.db.select().from(redemptions).where(eq(redemptions.rewardId, reward.id))).toHaveLength(1);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("100 points and 20 parallel 10-point redemptions: exactly 10 succeed and the balance ends at 0", async () => {
    const m = await newMember(h.db, brand.slug);
    await award(h.db, { member: m, base: 100, source: "quest", reason: "Seed", key: `seed:${m.memberId}` });
    const reward = await createReward(h.db, brand.id, m.userId, {
      title: "Coffee",
      description: "",
      imageUrl: null,
      cost: 10,
      stock: null,
      perMemberLimit: null,
      startsAt: null,
      endsAt: null,
      kind: "free_item",
    });
    const results = await Promise.all(
      Array.from({ length: 20 }, () => settle(redeem(h.db, { member: m, rewardId: reward.id, key: uid() }))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(10);
    expect(results.filter((r) => !r.ok).map((r) => (r.ok ? "" : (r.e as DomainError).key))).toEqual(Array(10).fill("points.insufficient"));
    expect((await balanceOf(h.db, brand.id, m.memberId)).available).toBe(0);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("a redemption retried with its key returns the first voucher; the per-member limit holds in parallel", async () => {
    const m = await newMember(h.db, brand.slug);
    await award(h.db, { member: m, base: 500, source: "quest", reason: "Seed", key: `seed:${m.memberId}` });
    const reward = await createReward(h.db, brand.id, m.userId, {
      title: "Mug",
      description: "",
      imageUrl: null,
      cost: 20,
      stock: 10,
      perMemberLimit: 2,
      startsAt: null,
      endsAt: null,
      kind: "free_item",
    });
    const key = uid();
    const same = await Promise.all(Array.from({ length: 10 }, () => redeem(h.db, { member: m, rewardId: reward.id, key })));
    expect(new Set(same.map((r) => r.redemption.voucherCode)).size).toBe(1);
    expect(same[0]?.redemption.voucherCode).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
    const more = await Promise.all(Array.from({ length: 5 }, () => settle(redeem(h.db, { member: m, rewardId: reward.id, key: uid() }))));
    expect(more.filter((r) => r.ok)).toHaveLength(1);
    expect((await balanceOf(h.db, brand.id, m.memberId)).available).toBe(460);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("cancelling a redemption refunds the points and the stock exactly once", async () => {
    const m = await newMember(h.db, brand.slug);
    await award(h.db, { member: m, base: 100, source: "quest", reason: "Seed", key: `seed:${m.memberId}` });
    const reward = await createReward(h.db, brand.id, m.userId, {
      title: "Cake",
      description: "",
      imageUrl: null,
      cost: 60,
      stock: 3,
      perMemberLimit: null,
      startsAt: null,
      endsAt: null,
      kind: "free_item",
    });
    const { redemption } = await redeem(h.db, { member: m, rewardId: reward.id, key: uid() });
    const results = await Promise.all(
      Array.from({ length: 5 }, () => settle(cancelRedemption(h.db, brand.id, m.userId, redemption.id, "Sold out at the counter"))),
    );
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await balanceOf(h.db, brand.id, m.memberId)).available).toBe(100);
    const [after] = await h.db.select().from(rewards).where(eq(rewards.id, reward.id));
    expect(after?.stock).toBe(3);
    await expectLedgerInvariants(h.db, brand.id);
  });
});

describe("donations", () => {
  it("parallel donations A→B and B→A conserve the total and never fail", async () => {
    const a = await newMember(h.db, brand.slug, "Giver A");
    const b = await newMember(h.db, brand.slug, "Giver B");
    await award(h.db, { member: a, base: 300, source: "quest", reason: "Seed", key: `seed:${a.memberId}` });
    await award(h.db, { member: b, base: 300, source: "quest", reason: "Seed", key: `seed:${b.memberId}` });
    for (let round = 0; round < 5; round++) {
      const calls = Array.from({ length: 10 }, (_, i) =>
        i % 2 === 0
          ? donate(h.db, { from: a, to: { memberId: b.memberId }, amount: 3, key: `d:${uid()}` })
          : donate(h.db, { from: b, to: { memberId: a.memberId }, amount: 2, key: `d:${uid()}` }),
      );
      await Promise.all(calls);
    }
    const [va, vb] = [await balanceOf(h.db, brand.id, a.memberId), await balanceOf(h.db, brand.id, b.memberId)];
    expect(va.available + vb.available).toBe(600);
    expect(va.available).toBe(300 - 25 * 3 + 25 * 2);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("enforces the daily limit and adds cause donations to the public pool", async () => {
    const a = await newMember(h.db, brand.slug, "Generous");
    await award(h.db, { member: a, base: 2000, source: "quest", reason: "Seed", key: `seed:${a.memberId}` });
    const [before] = await h.db.select().from(pointsPolicies).where(eq(pointsPolicies.brandId, brand.id));
    await donate(h.db, { from: a, to: { cause: true }, amount: 400, key: `c:${uid()}` });
    const err = (await donate(h.db, { from: a, to: { cause: true }, amount: 101, key: `c:${uid()}` }).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(err.key).toBe("points.donationLimit");
    await donate(h.db, { from: a, to: { cause: true }, amount: 100, key: `c:${uid()}` });
    const [after] = await h.db.select().from(pointsPolicies).where(eq(pointsPolicies.brandId, brand.id));
    expect((after?.causePoints ?? 0) - (before?.causePoints ?? 0)).toBe(500);
    const self = (await donate(h.db, { from: a, to: { memberId: a.memberId }, amount: 1, key: `c:${uid()}` }).catch(
      (e: unknown) => e,
    )) as DomainError;
    expect(self.key).toBe("points.donateSelf");
  });
});

describe("staff adjustments and expiry", () => {
  it("an adjustment needs a reason, cannot overdraw, and is audited with before and after", async () => {
    const admin = await newMember(h.db, brand.slug, "Admin");
    await h.db.execute(sql`update memberships set role = 'admin' where id = ${admin.memberId}`);
    const m = await newMember(h.db, brand.slug, "Adjusted");
    const api = callerFor(h.db, admin.userId);
    const up = await api.points.adjust({
      brandSlug: brand.slug,
      handle: m.handle,
      amount: 50,
      reason: "Goodwill after outage",
      idempotencyKey: uid() + uid(),
    });
    expect(up).toMatchObject({ before: 0, after: 50 });
    const over = await api.points
      .adjust({ brandSlug: brand.slug, handle: m.handle, amount: -51, reason: "Mistake", idempotencyKey: uid() + uid() })
      .catch((e: unknown) => e);
    expect((over as TRPCError).code).toBe("BAD_REQUEST");
    const noReason = await api.points
      .adjust({ brandSlug: brand.slug, handle: m.handle, amount: 5, reason: " ", idempotencyKey: uid() + uid() })
      .catch((e: unknown) => e);
    expect((noReason as TRPCError).code).toBe("BAD_REQUEST");
    const logged = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.brandId, brand.id), eq(auditLog.action, "points.adjust")));
    expect(logged.map((l) => [l.targetId, l.before, l.after, l.reason])).toEqual([
      [`@${m.handle}`, { available: 0 }, { available: 50 }, "Goodwill after outage"],
    ]);
    await expect(adjust(h.db, { member: m, amount: 0, reason: "zero", key: `z:${uid()}`, actorUserId: admin.userId })).rejects.toThrow(
      DomainError,
    );
  });

  it("expires inactive balances once, even when the job runs twice at the same time", async () => {
    const other = await createBrand(h, "Expiring brand");
    await h.db.update(pointsPolicies).set({ expiryDays: 90 }).where(eq(pointsPolicies.brandId, other.id));
    const m = await newMember(h.db, other.slug, "Sleepy");
    const long = new Date(Date.now() - 100 * 86_400_000);
    await award(h.db, { member: m, base: 70, source: "quest", reason: "Old run", key: `old:${uid()}`, now: long });
    const warned = await newMember(h.db, other.slug, "Soon");
    await award(h.db, {
      member: warned,
      base: 20,
      source: "quest",
      reason: "Run",
      key: `soon:${uid()}`,
      now: new Date(Date.now() - 80 * 86_400_000),
    });
    const reports = await Promise.all([runPointsJobs(h.db), runPointsJobs(h.db)]);
    expect(reports.reduce((n, r) => n + r.expired, 0)).toBe(1);
    expect(reports.flatMap((r) => r.warned).map((w) => w.amount)).toEqual([20]);
    expect((await balanceOf(h.db, other.id, m.memberId)).available).toBe(0);
    const soon = await balanceOf(h.db, other.id, warned.memberId);
    expect(soon.expiryWarning?.amount).toBe(20);
    await runPointsJobs(h.db);
    const rows = await h.db
      .select()
      .from(ledger)
      .where(and(eq(ledger.memberId, m.memberId), eq(ledger.kind, "expire")));
    expect(rows.map((r) => r.amount)).toEqual([-70]);
    await expectLedgerInvariants(h.db, other.id);
  });
});

describe("authorization", () => {
  it("members cannot call staff procedures; staff of one brand cannot touch another", async () => {
    const m = await newMember(h.db, brand.slug, "Plain");
    const other = await createBrand(h, "Other brand");
    const otherAdmin = await newMember(h.db, other.slug, "Other admin");
    await h.db.execute(sql`update memberships set role = 'admin' where id = ${otherAdmin.memberId}`);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => "OK",
        (e: unknown) => (e as TRPCError).code,
      );
    const reward = { title: "X", cost: 5, stock: null, perMemberLimit: null, kind: "free_item" as const };
    for (const [who, slug] of [
      [m.userId, brand.slug],
      [otherAdmin.userId, brand.slug],
    ] as const) {
      const api = callerFor(h.db, who);
      expect(await code(api.rewards.create({ brandSlug: slug, ...reward }))).toBe("FORBIDDEN");
      expect(
        await code(api.points.adjust({ brandSlug: slug, handle: m.handle, amount: 5, reason: "Because", idempotencyKey: uid() + uid() })),
      ).toBe("FORBIDDEN");
      expect(await code(api.redemptions.list({ brandSlug: slug }))).toBe("FORBIDDEN");
      expect(await code(api.audit.list({ brandSlug: slug }))).toBe("FORBIDDEN");
      expect(await code(api.tiers.update({ brandSlug: slug, tiers: [{ name: "All", threshold: 0, multiplier: 5, perks: "" }] }))).toBe(
        "FORBIDDEN",
      );
    }
    expect(await code(callerFor(h.db, otherAdmin.userId).points.history({ brandSlug: brand.slug }))).toBe("FORBIDDEN");
  });

  it("only admins change the points policy, and the change is audited", async () => {
    const admin = await newMember(h.db, brand.slug, "Policy admin");
    await h.db.execute(sql`update memberships set role = 'admin' where id = ${admin.memberId}`);
    const member = await newMember(h.db, brand.slug, "Policy member");
    const edit = { brandSlug: brand.slug, expiryDays: 90, donationDailyLimit: 300, causeName: "Community garden" };
    const refused = await callerFor(h.db, member.userId)
      .points.updatePolicy(edit)
      .catch((e: unknown) => (e as TRPCError).code);
    expect(refused).toBe("FORBIDDEN");
    const bad = await callerFor(h.db, admin.userId)
      .points.updatePolicy({ ...edit, expiryDays: 3 })
      .catch((e: unknown) => (e as TRPCError).code);
    expect(bad).toBe("BAD_REQUEST");
    const after = await callerFor(h.db, admin.userId).points.updatePolicy(edit);
    expect(after).toMatchObject({ expiryDays: 90, donationDailyLimit: 300, causeName: "Community garden" });
    expect(await callerFor(h.db, member.userId).points.policy({ brandSlug: brand.slug })).toMatchObject({ expiryDays: 90 });
    const [logged] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.brandId, brand.id), eq(auditLog.action, "points.policy")));
    expect(logged?.after).toMatchObject({ expiryDays: 90 });
    await callerFor(h.db, admin.userId).points.updatePolicy({ ...edit, expiryDays: null, donationDailyLimit: 500 });
  });

  it("a member's history shows only their own entries", async () => {
    const a = await newMember(h.db, brand.slug, "Own A");
    const b = await newMember(h.db, brand.slug, "Own B");
    await award(h.db, { member: a, base: 5, source: "quest", reason: "mine", key: `own:${uid()}` });
    await award(h.db, { member: b, base: 7, source: "quest", reason: "theirs", key: `own:${uid()}` });
    const history = await callerFor(h.db, a.userId).points.history({ brandSlug: brand.slug });
    expect(history.items.map((i) => i.reason)).toEqual(["mine"]);
  });
});
