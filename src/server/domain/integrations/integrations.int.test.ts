import type { TRPCError } from "@trpc/server";
import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/v1/events/route";
import { EVENT_MAX_BYTES } from "@/lib/validation/integrations";
import type { DbHandle } from "../../db/client";
import { auditLog, balances, externalEvents, integrationSecrets, ledger, memberships, questCompletions } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { newQuest } from "../../test/quests";
import { rotateSecret, verify } from "./secrets";
import { sign } from "./signature";

let h: DbHandle;
let brand: { id: string; slug: string };
let other: { id: string; slug: string };
let admin: Awaited<ReturnType<typeof newMember>>;
let secret: string;

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Events brand");
  other = await createBrand(h, "Other brand");
  admin = await newMember(h.db, brand.slug, "Events Admin");
  await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, admin.memberId));
  secret = (await rotateSecret(h.db, { brandId: brand.id, actorUserId: admin.userId })).secret;
  await rotateSecret(h.db, { brandId: other.id, actorUserId: admin.userId });
});
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await h.close();
});

const nowSeconds = () => Math.floor(Date.now() / 1000);

interface SendOptions {
  secret?: string;
  brand?: string;
  timestamp?: number | string;
  signature?: string | null;
  headers?: Record<string, string>;
}

async function send(body: unknown, o: SendOptions = {}) {
  const raw = typeof body === "string" ? body : JSON.stringify(body);
  const ts = String(o.timestamp ?? nowSeconds());
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "x-sadiq-brand": o.brand ?? brand.slug,
    "x-sadiq-timestamp": ts,
    ...o.headers,
  };
  const signature = o.signature === undefined ? `sha256=${sign(o.secret ?? secret, ts, raw)}` : o.signature;
  if (signature !== null) headers["x-sadiq-signature"] = signature;
  const res = await POST(new Request("http://sadiq.test/api/v1/events", { method: "POST", headers, body: raw }));
  return { status: res.status, json: (await res.json()) as Record<string, unknown>, headers: res.headers };
}

const customQuest = (over: Parameters<typeof newQuest>[2] = {}) =>
  newQuest(h.db, brand.id, { kind: "custom", title: "Bought a refill", basePoints: 30, cadence: "once", ...over });

const event = (questId: string, member: { email: string } | { externalId: string }, key = `order-${uid()}`) => ({
  quest: questId,
  member,
  idempotencyKey: key,
});

async function emailOf(m: { userId: string }) {
  const rows = await h.db.query.users.findFirst({ where: (u, { eq }) => eq(u.id, m.userId) });
  if (!rows?.email) throw new Error("no e-mail");
  return rows.email;
}

async function ledgerOf(memberId: string) {
  return h.db.select().from(ledger).where(eq(ledger.memberId, memberId));
}

async function available(memberId: string) {
  const [b] = await h.db.select().from(balances).where(eq(balances.memberId, memberId));
  return b?.available ?? 0;
}

/** Nothing at all was written for the member: no ledger row, no completion. */
async function expectNoAward(memberId: string) {
  expect(await ledgerOf(memberId)).toEqual([]);
  expect(await h.db.select().from(questCompletions).where(eq(questCompletions.memberId, memberId))).toEqual([]);
  expect(await available(memberId)).toBe(0);
}

describe("POST /api/v1/events", () => {
  it("awards a custom quest to a member found by e-mail; a replay answers the same and changes nothing", async () => {
    const q = await customQuest();
    const m = await newMember(h.db, brand.slug);
    const body = event(q.id, { email: (await emailOf(m)).toUpperCase() });
    const first = await send(body);
    expect(first.status).toBe(201);
    expect(first.json).toEqual({ completionId: expect.any(String), points: 30, capped: false, state: "approved", replayed: false });
    expect(first.headers.get("set-cookie")).toBeNull();

    // The same event again, signed afresh a little later (as a retry would be).
    const again = await send(body, { timestamp: nowSeconds() + 2 });
    expect(again.status).toBe(200);
    expect(again.json).toEqual({ ...first.json, replayed: true });
    const rows = await ledgerOf(m.memberId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ amount: 30, sourceType: "quest", sourceId: first.json.completionId, state: "vested" });
    expect(await available(m.memberId)).toBe(30);
    const [c] = await h.db.select().from(questCompletions).where(eq(questCompletions.memberId, m.memberId));
    expect(c).toMatchObject({ source: "event", idempotencyKey: `event:${body.idempotencyKey}` });
  });

  it("refuses the same key with a different body with 409 and awards nothing", async () => {
    const q = await customQuest();
    const a = await newMember(h.db, brand.slug);
    const b = await newMember(h.db, brand.slug);
    const key = `order-${uid()}`;
    expect((await send(event(q.id, { email: await emailOf(a) }, key))).status).toBe(201);
    const clash = await send(event(q.id, { email: await emailOf(b) }, key));
    expect(clash.status).toBe(409);
    expect(clash.json.error).toBe("idempotency_key_reused");
    await expectNoAward(b.memberId);
    const withTime = await send({ ...event(q.id, { email: await emailOf(a) }, key), occurredAt: "2026-01-01T10:00:00Z" });
    expect([withTime.status, withTime.json.error]).toEqual([409, "idempotency_key_reused"]);
    expect(await ledgerOf(a.memberId)).toHaveLength(1);
  });

  it("refuses bad, missing and malformed signatures with 401 and awards nothing", async () => {
    const q = await customQuest();
    const m = await newMember(h.db, brand.slug);
    const body = event(q.id, { email: await emailOf(m) });
    const raw = JSON.stringify(body);
    const ts = String(nowSeconds());
    const cases: [SendOptions, string][] = [
      [{ secret: `${secret}x` }, "bad_signature"],
      [{ signature: `sha256=${sign(secret, ts, `${raw} `)}`, timestamp: ts }, "bad_signature"],
      [{ signature: `sha256=${sign(secret, String(Number(ts) - 1), raw)}`, timestamp: ts }, "bad_signature"],
      [{ brand: other.slug }, "bad_signature"],
      [{ brand: "no-such-brand" }, "bad_signature"],
      [{ signature: null }, "missing_signature"],
      [{ signature: sign(secret, ts, raw), timestamp: ts }, "missing_signature"],
      [{ signature: "sha256=abc" }, "missing_signature"],
      [{ timestamp: "soon" }, "missing_signature"],
      [{ brand: "" }, "missing_signature"],
    ];
    for (const [opts, code] of cases) {
      const r = await send(body, opts);
      expect([r.status, r.json.error]).toEqual([401, code]);
      expect(typeof r.json.message).toBe("string");
    }
    await expectNoAward(m.memberId);
    expect(await h.db.select().from(externalEvents).where(eq(externalEvents.idempotencyKey, body.idempotencyKey))).toEqual([]);
  });

  it("refuses a timestamp more than 5 minutes old or ahead with 401, even when correctly signed", async () => {
    const q = await customQuest();
    const m = await newMember(h.db, brand.slug);
    const body = event(q.id, { email: await emailOf(m) });
    for (const ts of [nowSeconds() - 301, nowSeconds() + 301, nowSeconds() - 86_400, 0]) {
      const r = await send(body, { timestamp: ts });
      expect([r.status, r.json.error]).toEqual([401, "stale_timestamp"]);
    }
    await expectNoAward(m.memberId);
    // Just inside the window either way is fine (small clock skew).
    expect((await send(body, { timestamp: nowSeconds() + 290 })).status).toBe(201);
  });

  it("answers 404 member_not_found for an unknown e-mail or external id, or a member of another brand", async () => {
    const q = await customQuest();
    const outsider = await newMember(h.db, other.slug);
    for (const member of [{ email: `nobody-${uid()}@example.com` }, { externalId: `crm-${uid()}` }, { email: await emailOf(outsider) }]) {
      const r = await send(event(q.id, member));
      expect([r.status, r.json.error]).toEqual([404, "member_not_found"]);
      expect(r.json.message).toMatch(/No member of this brand with/);
    }
    await expectNoAward(outsider.memberId);
  });

  it("answers 404 quest_not_found unless the quest is an active custom quest of the brand", async () => {
    const m = await newMember(h.db, brand.slug);
    const email = await emailOf(m);
    const day = 86_400_000;
    const quests = [
      { id: crypto.randomUUID() },
      await newQuest(h.db, brand.id, { kind: "habit" }),
      await customQuest({ archivedAt: new Date() }),
      await customQuest({ startsAt: new Date(Date.now() + day) }),
      await customQuest({ endsAt: new Date(Date.now() - day) }),
      await newQuest(h.db, other.id, { kind: "custom" }),
    ];
    for (const q of quests) {
      const r = await send(event(q.id, { email }));
      expect([r.status, r.json.error]).toEqual([404, "quest_not_found"]);
      expect(r.json.message).toMatch(/No active custom quest/);
    }
    await expectNoAward(m.memberId);
  });

  it("20 parallel identical requests award once", async () => {
    const q = await customQuest();
    const m = await newMember(h.db, brand.slug);
    const body = event(q.id, { email: await emailOf(m) });
    const results = await Promise.all(Array.from({ length: 20 }, () => send(body)));
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 200 && r.json.replayed === true)).toHaveLength(19);
    expect(new Set(results.map((r) => r.json.completionId)).size).toBe(1);
    expect(await ledgerOf(m.memberId)).toHaveLength(1);
    expect(await available(m.memberId)).toBe(30);
    const [row] = await h.db.select().from(externalEvents).where(eq(externalEvents.idempotencyKey, body.idempotencyKey));
    expect(row).toMatchObject({ completionId: results[0]?.json.completionId, points: 30, memberId: m.memberId });
  });

  it("one key raced by two different events awards only one of them", async () => {
    const q = await customQuest();
    const a = await newMember(h.db, brand.slug);
    const b = await newMember(h.db, brand.slug);
    const key = `order-${uid()}`;
    const bodies = [event(q.id, { email: await emailOf(a) }, key), event(q.id, { email: await emailOf(b) }, key)];
    const results = await Promise.all(Array.from({ length: 16 }, (_, i) => send(bodies[i % 2])));
    const winners = results.filter((r) => r.status === 201);
    expect(winners).toHaveLength(1);
    expect(results.every((r) => r.status === 201 || r.status === 200 || r.json.error === "idempotency_key_reused")).toBe(true);
    const rows = [...(await ledgerOf(a.memberId)), ...(await ledgerOf(b.memberId))];
    expect(rows).toHaveLength(1);
    expect(rows[0]?.sourceId).toBe(winners[0]?.json.completionId);
  });

  it("maps the completion core's refusals to 409/422 and keeps the key free", async () => {
    const daily = await customQuest({ cadence: "daily" });
    const m = await newMember(h.db, brand.slug);
    const email = await emailOf(m);
    expect((await send(event(daily.id, { email }))).status).toBe(201);
    const key = `order-${uid()}`;
    const second = await send(event(daily.id, { email }, key));
    expect(second.status).toBe(409);
    expect(second.json).toMatchObject({ error: "already_completed_this_period", nextAt: expect.any(String) });
    expect(await ledgerOf(m.memberId)).toHaveLength(1);
    // A refused event leaves no trace, so its key can still be used for a different event.
    expect(await h.db.select().from(externalEvents).where(eq(externalEvents.idempotencyKey, key))).toEqual([]);
    const once = await customQuest();
    expect((await send(event(once.id, { email }, key))).status).toBe(201);
    const onceAgain = await send(event(once.id, { email }));
    expect([onceAgain.status, onceAgain.json.error]).toEqual([409, "already_completed"]);

    const gold = await customQuest({ minTierRank: 2 });
    const tier = await send(event(gold.id, { email }));
    expect([tier.status, tier.json.error]).toEqual([422, "tier_too_low"]);
    const photo = await customQuest({ evidence: "photo" });
    const evidence = await send(event(photo.id, { email }));
    expect([evidence.status, evidence.json.error]).toEqual([422, "evidence_required"]);
    expect(await ledgerOf(m.memberId)).toHaveLength(2);
  });

  it("reports caps and pending approval as the completion core decides them", async () => {
    const m = await newMember(h.db, brand.slug);
    const email = await emailOf(m);
    const capped = await customQuest({ capDay: 20 });
    const r = await send(event(capped.id, { email }));
    expect(r.json).toMatchObject({ points: 20, capped: true, state: "approved" });
    const twice = await send(event(capped.id, { email }));
    expect([twice.status, twice.json.error]).toEqual([409, "already_completed"]);
    const approval = await customQuest({ requiresApproval: true });
    const pending = await send(event(approval.id, { email }));
    expect([pending.status, pending.json.state, pending.json.points]).toEqual([201, "pending", 30]);
    const [b] = await h.db.select().from(balances).where(eq(balances.memberId, m.memberId));
    expect(b).toMatchObject({ available: 20, pending: 30 });
  });

  it("finds members by the external id staff linked, and refuses a clash", async () => {
    const q = await customQuest();
    const m = await newMember(h.db, brand.slug);
    const n = await newMember(h.db, brand.slug);
    const staff = callerFor(h.db, admin.userId);
    const externalId = `CRM-${uid()}`;
    expect(await staff.integrations.linkMember({ brandSlug: brand.slug, handle: `@${m.handle}`, externalId })).toEqual({
      handle: m.handle,
      externalId,
      changed: true,
    });
    const clash = await staff.integrations.linkMember({ brandSlug: brand.slug, handle: n.handle, externalId }).catch((e: TRPCError) => e);
    expect([(clash as TRPCError).code, (clash as TRPCError).message]).toEqual(["CONFLICT", "integrations.externalIdTaken"]);
    // The same id may belong to a member of another brand.
    const outsider = await newMember(h.db, other.slug);
    await h.db.update(memberships).set({ externalId }).where(eq(memberships.id, outsider.memberId));

    const r = await send(event(q.id, { externalId }));
    expect(r.status).toBe(201);
    expect(await ledgerOf(m.memberId)).toHaveLength(1);
    expect((await send(event(q.id, { externalId: externalId.toLowerCase() }))).status).toBe(404);

    const [entry] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.brandId, brand.id), eq(auditLog.action, "integrations.linkMember")));
    expect(entry).toMatchObject({ targetId: `@${m.handle}`, before: { externalId: null }, after: { externalId } });
    expect(await staff.integrations.linkMember({ brandSlug: brand.slug, handle: m.handle, externalId: "" })).toMatchObject({
      externalId: null,
      changed: true,
    });
    expect((await send(event(q.id, { externalId }))).status).toBe(404);
  });

  it("refuses bodies that are too large, not JSON or of the wrong shape, before awarding anything", async () => {
    const q = await customQuest();
    const m = await newMember(h.db, brand.slug);
    const email = await emailOf(m);
    const big = JSON.stringify({ ...event(q.id, { email }), pad: "x".repeat(EVENT_MAX_BYTES) });
    expect((await send(big)).status).toBe(413);
    expect((await send("{not json")).json.error).toBe("invalid_json");
    const wrong = await send({ quest: "nope", member: { phone: "1" }, idempotencyKey: "" });
    expect(wrong.status).toBe(400);
    expect(wrong.json).toMatchObject({ error: "invalid_body", fields: { quest: expect.any(String), member: expect.any(String) } });
    const extra = await send({ ...event(q.id, { email }), extra: true });
    expect([extra.status, extra.json.fields]).toEqual([400, { body: "unknown field(s): extra" }]);
    const get = await GET();
    expect([get.status, get.headers.get("allow"), ((await get.json()) as { error: string }).error]).toEqual([
      405,
      "POST",
      "method_not_allowed",
    ]);
    await expectNoAward(m.memberId);
  });
});

describe("secrets", () => {
  it("keeps the previous secret valid for 24 hours after a rotation, and the new one at once", async () => {
    const b = await createBrand(h, "Rotating brand");
    const q = await newQuest(h.db, b.id, { kind: "custom", basePoints: 5, cadence: "daily" });
    const m = await newMember(h.db, b.slug);
    const email = await emailOf(m);
    const first = await rotateSecret(h.db, { brandId: b.id, actorUserId: admin.userId });
    expect(first.previousValidUntil).toBeNull();
    const second = await rotateSecret(h.db, { brandId: b.id, actorUserId: admin.userId });
    expect(second.secret).not.toBe(first.secret);
    expect(new Date(second.previousValidUntil ?? 0).getTime() - new Date(second.rotatedAt).getTime()).toBe(24 * 3_600_000);

    const oldOne = await send(event(q.id, { email }), { brand: b.slug, secret: first.secret });
    expect(oldOne.status).toBe(201);
    const newOne = await send(event(q.id, { email }), { brand: b.slug, secret: second.secret });
    expect([newOne.status, newOne.json.error]).toEqual([409, "already_completed_this_period"]);

    const raw = "{}";
    const headersAt = (s: string, at: Date) => {
      const ts = String(Math.floor(at.getTime() / 1000));
      return new Headers({ "x-sadiq-brand": b.slug, "x-sadiq-timestamp": ts, "x-sadiq-signature": `sha256=${sign(s, ts, raw)}` });
    };
    const later = new Date(Date.now() + 24 * 3_600_000 + 60_000);
    await expect(verify(h.db, { headers: headersAt(second.secret, later), rawBody: raw, now: later })).resolves.toBe(b.id);
    await expect(verify(h.db, { headers: headersAt(first.secret, later), rawBody: raw, now: later })).rejects.toMatchObject({
      status: 401,
      code: "bad_signature",
    });

    // A second rotation within the grace period ends the oldest secret at once.
    const third = await rotateSecret(h.db, { brandId: b.id, actorUserId: admin.userId });
    const now = new Date();
    await expect(verify(h.db, { headers: headersAt(first.secret, now), rawBody: raw, now })).rejects.toMatchObject({ status: 401 });
    await expect(verify(h.db, { headers: headersAt(second.secret, now), rawBody: raw, now })).resolves.toBe(b.id);
    await expect(verify(h.db, { headers: headersAt(third.secret, now), rawBody: raw, now })).resolves.toBe(b.id);

    const entries = await h.db.select().from(auditLog).where(eq(auditLog.brandId, b.id));
    expect(entries.map((e) => e.action).sort()).toEqual([
      "integrations.createSecret",
      "integrations.rotateSecret",
      "integrations.rotateSecret",
    ]);
    const logged = JSON.stringify(entries);
    for (const s of [first.secret, second.secret, third.secret]) expect(logged).not.toContain(s.slice(4, 12));
  });

  it("shows admins a preview and the endpoint, gives the full secret once, and refuses non-admins", async () => {
    const b = await createBrand(h, "Staff brand");
    const boss = await newMember(h.db, b.slug, "Boss");
    const mod = await newMember(h.db, b.slug, "Mod");
    await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, boss.memberId));
    await h.db.update(memberships).set({ role: "moderator" }).where(eq(memberships.id, mod.memberId));
    const q = await newQuest(h.db, b.id, { kind: "custom", title: "Visited the shop" });
    await newQuest(h.db, b.id, { kind: "habit" });
    const api = callerFor(h.db, boss.userId);

    const empty = await api.integrations.get({ brandSlug: b.slug });
    expect(empty).toMatchObject({ hasSecret: false, secretPreview: null, rotatedAt: null, previousValidUntil: null });
    expect(empty.endpoint).toMatch(/\/api\/v1\/events$/);
    expect(empty.customQuests).toEqual([{ id: q.id, title: "Visited the shop", active: true }]);

    const created = await api.integrations.rotateSecret({ brandSlug: b.slug });
    expect(created.secret).toMatch(/^sdq_[A-Za-z0-9_-]{43}$/);
    const shown = await api.integrations.get({ brandSlug: b.slug });
    expect(shown).toMatchObject({ hasSecret: true, secretPreview: `${created.secret.slice(0, 8)}…`, previousValidUntil: null });
    expect(JSON.stringify(shown)).not.toContain(created.secret);
    await api.integrations.rotateSecret({ brandSlug: b.slug });
    expect((await api.integrations.get({ brandSlug: b.slug })).previousValidUntil).not.toBeNull();

    for (const call of [
      () => callerFor(h.db, mod.userId).integrations.get({ brandSlug: b.slug }),
      () => callerFor(h.db, mod.userId).integrations.rotateSecret({ brandSlug: b.slug }),
      () => callerFor(h.db, mod.userId).integrations.linkMember({ brandSlug: b.slug, handle: boss.handle, externalId: "x" }),
      () => callerFor(h.db, boss.userId).integrations.get({ brandSlug: brand.slug }),
    ]) {
      const err = await call().catch((e: TRPCError) => e);
      expect((err as TRPCError).code).toBe("FORBIDDEN");
    }
    const [row] = await h.db.select().from(integrationSecrets).where(eq(integrationSecrets.brandId, b.id));
    expect(row?.rotatedBy).toBe(boss.userId);
  });
});
