import { createHmac, randomUUID } from "node:crypto";
import { type APIRequestContext, expect, request as playwrightRequest, test } from "@playwright/test";
import { key, mutate, query, registerMember, signedInClient } from "../support/api";
import { ADMIN, BASE_URL } from "../support/env";

// POST /api/v1/events against the real server: the brand's systems, signing with the brand's secret.
const brandSlug = "demo";

// Rotating the secret touches the one brand every spec shares, so this file runs in order.
test.describe.configure({ mode: "serial" });

let admin: APIRequestContext;
let brandApi: APIRequestContext;
let secret: string;
let onceQuest: string;
let dailyQuest: string;
let habitQuest: string;

const now = () => Math.floor(Date.now() / 1000);
const sign = (s: string, ts: string, body: string) => createHmac("sha256", s).update(`${ts}.${body}`).digest("hex");

interface Sent {
  status: number;
  json: Record<string, unknown>;
}

async function send(
  body: unknown,
  o: { secret?: string; timestamp?: number; signature?: string | null; headers?: Record<string, string> } = {},
) {
  const raw = JSON.stringify(body);
  const ts = String(o.timestamp ?? now());
  const headers: Record<string, string> = { "content-type": "application/json", "x-sadiq-brand": brandSlug, "x-sadiq-timestamp": ts };
  const signature = o.signature === undefined ? `sha256=${sign(o.secret ?? secret, ts, raw)}` : o.signature;
  if (signature !== null) headers["x-sadiq-signature"] = signature;
  const res = await brandApi.post("/api/v1/events", { data: Buffer.from(raw), headers: { ...headers, ...o.headers } });
  expect(res.headers()["set-cookie"]).toBeUndefined();
  return { status: res.status(), json: (await res.json()) as Record<string, unknown> } satisfies Sent;
}

async function createQuest(kind: "custom" | "habit", cadence: "once" | "daily", title: string) {
  const r = await mutate(admin, "quests.create", { brandSlug, quest: { kind, title, basePoints: 25, cadence } });
  expect(r.status, JSON.stringify(r.error)).toBe(200);
  return (r.data as { id: string }).id;
}

async function ledgerOf(member: { api: APIRequestContext }) {
  const history = await query<{ items: { amount: number; reason: string }[] }>(member.api, "points.history", { brandSlug });
  const balance = await query<{ available: number; pending: number }>(member.api, "points.balance", { brandSlug });
  return { rows: history.items, available: balance.available };
}

const event = (quest: string, member: { email: string } | { externalId: string }, idempotencyKey = `order-${key()}`) => ({
  quest,
  member,
  idempotencyKey,
});

test.beforeAll(async () => {
  admin = await signedInClient(ADMIN.email, ADMIN.password);
  // A server of the brand's, not a browser: no cookies, no Origin, its own address.
  brandApi = await playwrightRequest.newContext({ baseURL: BASE_URL, extraHTTPHeaders: { "x-forwarded-for": "203.0.113.77" } });
  const rotated = await mutate(admin, "integrations.rotateSecret", { brandSlug });
  expect(rotated.status, JSON.stringify(rotated.error)).toBe(200);
  secret = (rotated.data as { secret: string }).secret;
  expect(secret).toMatch(/^sdq_[A-Za-z0-9_-]{43}$/);
  onceQuest = await createQuest("custom", "once", `Bought a refill ${key().slice(0, 6)}`);
  dailyQuest = await createQuest("custom", "daily", `Visited the shop ${key().slice(0, 6)}`);
  habitQuest = await createQuest("habit", "daily", `Walk ${key().slice(0, 6)}`);
});

test.afterAll(async () => {
  await brandApi.dispose();
  await admin.dispose();
});

test("a signed event awards the quest; a replay answers the same and changes nothing", async () => {
  const member = await registerMember("Event Receiver");
  const body = event(onceQuest, { email: member.email });
  const first = await send(body);
  expect(first).toEqual({
    status: 201,
    json: { completionId: expect.any(String), points: 25, capped: false, state: "approved", replayed: false },
  });
  const replay = await send(body, { timestamp: now() + 1 });
  expect(replay).toEqual({ status: 200, json: { ...first.json, replayed: true } });
  const after = await ledgerOf(member);
  expect(after.rows).toEqual([expect.objectContaining({ amount: 25 })]);
  expect(after.available).toBe(25);
  // Nothing in front of the endpoint asks for a same-site Origin: it is server to server.
  const fromElsewhere = await send(body, { headers: { origin: "https://shop.example", "sec-fetch-site": "cross-site" } });
  expect(fromElsewhere.status).toBe(200);
});

test("bad or missing signatures get 401 and award nothing", async () => {
  const member = await registerMember("Unsigned Target");
  const body = event(onceQuest, { email: member.email });
  const ts = String(now());
  for (const [opts, code] of [
    [{ secret: `sdq_${randomUUID()}` }, "bad_signature"],
    [{ signature: `sha256=${sign(secret, ts, JSON.stringify({ ...body, quest: dailyQuest }))}`, timestamp: Number(ts) }, "bad_signature"],
    [{ signature: null }, "missing_signature"],
    [{ signature: "sha256=00" }, "missing_signature"],
  ] as const) {
    const r = await send(body, opts);
    expect([r.status, r.json.error]).toEqual([401, code]);
  }
  expect(await ledgerOf(member)).toEqual({ rows: [], available: 0 });
});

test("a timestamp more than 5 minutes old or ahead gets 401 and awards nothing", async () => {
  const member = await registerMember("Late Event");
  const body = event(onceQuest, { email: member.email });
  for (const timestamp of [now() - 360, now() + 360]) {
    const r = await send(body, { timestamp });
    expect([r.status, r.json.error]).toEqual([401, "stale_timestamp"]);
  }
  expect(await ledgerOf(member)).toEqual({ rows: [], available: 0 });
});

test("an unknown member or a quest that is not an active custom quest gets 404 and awards nothing", async () => {
  const member = await registerMember("Right Member");
  for (const who of [{ email: `nobody.${key().slice(0, 8)}@e2e.sadiq.test` }, { externalId: `crm-${key()}` }]) {
    const r = await send(event(onceQuest, who));
    expect([r.status, r.json.error]).toEqual([404, "member_not_found"]);
    expect(r.json.message).toEqual(expect.stringContaining("No member of this brand"));
  }
  for (const quest of [randomUUID(), habitQuest]) {
    const r = await send(event(quest, { email: member.email }));
    expect([r.status, r.json.error]).toEqual([404, "quest_not_found"]);
    expect(r.json.message).toEqual(expect.stringContaining("No active custom quest"));
  }
  expect(await ledgerOf(member)).toEqual({ rows: [], available: 0 });
});

test("the same key with a different body gets 409 and awards nothing more", async () => {
  const first = await registerMember("First Holder");
  const second = await registerMember("Second Holder");
  const k = `order-${key()}`;
  expect((await send(event(dailyQuest, { email: first.email }, k))).status).toBe(201);
  const clash = await send(event(dailyQuest, { email: second.email }, k));
  expect([clash.status, clash.json.error]).toEqual([409, "idempotency_key_reused"]);
  expect(await ledgerOf(second)).toEqual({ rows: [], available: 0 });
  const again = await send(event(dailyQuest, { email: first.email }));
  expect([again.status, again.json.error]).toEqual([409, "already_completed_this_period"]);
  expect(again.json.nextAt).toEqual(expect.any(String));
  expect((await ledgerOf(first)).rows).toHaveLength(1);
});

test("20 parallel identical events award once", async () => {
  const member = await registerMember("Parallel Receiver");
  const body = event(onceQuest, { email: member.email });
  const results = await Promise.all(Array.from({ length: 20 }, () => send(body)));
  expect(results.filter((r) => r.status === 201)).toHaveLength(1);
  expect(results.filter((r) => r.status === 200 && r.json.replayed === true)).toHaveLength(19);
  expect(new Set(results.map((r) => r.json.completionId)).size).toBe(1);
  const after = await ledgerOf(member);
  expect(after.rows).toHaveLength(1);
  expect(after.available).toBe(25);
});

test("staff link a member's external id, and events can name the member by it", async () => {
  const member = await registerMember("Linked Member");
  const externalId = `CRM-${key().slice(0, 8)}`;
  const linked = await mutate(admin, "integrations.linkMember", { brandSlug, handle: member.handle, externalId });
  expect(linked.status, JSON.stringify(linked.error)).toBe(200);
  const other = await registerMember("Other Linked");
  const clash = await mutate(admin, "integrations.linkMember", { brandSlug, handle: other.handle, externalId });
  expect([clash.status, clash.error?.message]).toEqual([409, "integrations.externalIdTaken"]);
  const r = await send(event(onceQuest, { externalId }));
  expect(r.status).toBe(201);
  expect((await ledgerOf(member)).rows).toHaveLength(1);
  expect(await ledgerOf(other)).toEqual({ rows: [], available: 0 });
});

test("after a rotation the previous secret still works (24 h grace) and the new one works at once", async () => {
  const older = await registerMember("Old Secret User");
  const newer = await registerMember("New Secret User");
  // Two rotations back to back, so the test owns both secrets whatever rotated before it.
  const rotate = async () => {
    const r = await mutate(admin, "integrations.rotateSecret", { brandSlug });
    expect(r.status).toBe(200);
    return (r.data as { secret: string }).secret;
  };
  const previous = await rotate();
  const current = await rotate();
  expect(current).not.toBe(previous);
  const info = await query<{ secretPreview: string; previousValidUntil: string | null }>(admin, "integrations.get", { brandSlug });
  expect(info.secretPreview).toBe(`${current.slice(0, 8)}…`);
  expect(new Date(info.previousValidUntil ?? 0).getTime()).toBeGreaterThan(Date.now() + 23 * 3_600_000);

  expect((await send(event(onceQuest, { email: older.email }), { secret: previous })).status).toBe(201);
  expect((await send(event(onceQuest, { email: newer.email }), { secret: current })).status).toBe(201);
  expect((await ledgerOf(older)).available).toBe(25);
  expect((await ledgerOf(newer)).available).toBe(25);
  // Two rotations ago: refused.
  const stale = await send(event(onceQuest, { email: newer.email }), { secret });
  expect([stale.status, stale.json.error]).toEqual([401, "bad_signature"]);
  secret = current;
});

test("members cannot see or rotate the secret", async () => {
  const member = await registerMember("Nosy Member");
  const rotate = await mutate(member.api, "integrations.rotateSecret", { brandSlug });
  expect(rotate.status).toBe(403);
  const res = await member.api.get(`/api/trpc/integrations.get?input=${encodeURIComponent(JSON.stringify({ json: { brandSlug } }))}`);
  expect(res.status()).toBe(403);
});
