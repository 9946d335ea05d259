import { expect, test } from "@playwright/test";
import { key, mutate, query, registerMember, signedInClient } from "../support/api";
import { ADMIN } from "../support/env";

// Concurrency against the real server: parallel HTTP requests, then the balances they must leave.
const brandSlug = "demo";

test("20 parallel 10-point redemptions on 100 points: exactly 10 succeed, balance 0, never negative", async () => {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const member = await registerMember("Racing Redeemer");
  const reward = await mutate(admin, "rewards.create", {
    brandSlug,
    title: `Espresso ${key().slice(0, 6)}`,
    cost: 10,
    stock: null,
    perMemberLimit: null,
    kind: "free_item",
  });
  expect(reward.status).toBe(200);
  const rewardId = (reward.data as { id: string }).id;
  const awarded = await mutate(admin, "points.award", {
    brandSlug,
    handle: member.handle,
    amount: 100,
    reason: "Welcome workshop",
    idempotencyKey: key(),
  });
  expect(awarded.status).toBe(200);

  const results = await Promise.all(
    Array.from({ length: 20 }, () => mutate(member.api, "rewards.redeem", { brandSlug, rewardId, idempotencyKey: key() })),
  );
  expect(results.filter((r) => r.status === 200)).toHaveLength(10);
  expect(results.filter((r) => r.status !== 200).map((r) => [r.status, r.error?.message])).toEqual(
    Array(10).fill([400, "points.insufficient"]),
  );
  const balance = await query<{ available: number; pending: number }>(member.api, "points.balance", { brandSlug });
  expect(balance).toMatchObject({ available: 0, pending: 0 });
  const mine = await query<{ redemption: { voucherCode: string } }[]>(member.api, "redemptions.mine", { brandSlug });
  expect(new Set(mine.map((r) => r.redemption.voucherCode)).size).toBe(10);
});

test("50 parallel awards with one idempotency key change the balance once", async () => {
  const admin = await signedInClient(ADMIN.email, ADMIN.password);
  const member = await registerMember("Once Only");
  const k = key();
  const results = await Promise.all(
    Array.from({ length: 50 }, () =>
      mutate(admin, "points.award", { brandSlug, handle: member.handle, amount: 25, reason: "Community clean-up", idempotencyKey: k }),
    ),
  );
  expect(results.every((r) => r.status === 200)).toBe(true);
  expect(results.filter((r) => !(r.data as { replayed: boolean }).replayed)).toHaveLength(1);
  const history = await query<{ items: { amount: number; reason: string }[] }>(member.api, "points.history", { brandSlug });
  expect(history.items).toEqual([expect.objectContaining({ amount: 25, reason: "Community clean-up" })]);
  const changed = await mutate(admin, "points.award", {
    brandSlug,
    handle: member.handle,
    amount: 26,
    reason: "Community clean-up",
    idempotencyKey: k,
  });
  expect([changed.status, changed.error?.message]).toEqual([409, "points.keyReused"]);
});

test("members cannot call staff procedures or read another member's points", async () => {
  const member = await registerMember("Curious Member");
  const other = await registerMember("Other Member");
  for (const [path, input] of [
    ["points.award", { brandSlug, handle: other.handle, amount: 5, reason: "Free points", idempotencyKey: key() }],
    ["points.adjust", { brandSlug, handle: member.handle, amount: 5, reason: "Free points", idempotencyKey: key() }],
    ["rewards.create", { brandSlug, title: "Mine", cost: 1, stock: null, perMemberLimit: null, kind: "free_item" }],
    ["tiers.update", { brandSlug, tiers: [{ name: "Everyone", threshold: 0, multiplier: 5, perks: "" }] }],
  ] as const) {
    const r = await mutate(member.api, path, input);
    expect([path, r.status]).toEqual([path, 403]);
  }
  const res = await member.api.get(`/api/trpc/audit.list?input=${encodeURIComponent(JSON.stringify({ json: { brandSlug } }))}`);
  expect(res.status()).toBe(403);
  const history = await query<{ items: unknown[] }>(member.api, "points.history", { brandSlug });
  expect(history.items).toEqual([]);
});
