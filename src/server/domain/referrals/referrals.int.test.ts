import { and, asc, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "../../api/root";
import { authOptions } from "../../auth/options";
import { type DbHandle, rowsOf } from "../../db/client";
import { auditLog, balances, ledger, memberships, referrals, users } from "../../db/schema";
import { ensureDefaultBrand } from "../../db/seed";
import { env } from "../../env";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants } from "../../test/points";
import { newQuest } from "../../test/quests";
import { registerMember } from "../accounts/register";
import type { DomainError } from "../errors";
import { inTransaction, type Member } from "../points/ledger";
import { complete } from "../quests/completions";
import { attachReferral } from "./attach";
import { codeFor } from "./codes";
import { normalizeEmail } from "./email";
import { autoApproveDue, reviewReferral } from "./payout";
import { signUpSource, withSignUpRequest } from "./request";
import { DEFAULT_SETTINGS, type ReferralSettings, storeSettings } from "./settings";
import { mine, stats } from "./views";
import { recordVisit } from "./visits";

let h: DbHandle;
const brandIds: string[] = [];
const BROWSER = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0 Safari/537.36";

beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  for (const id of brandIds) await expectLedgerInvariants(h.db, id);
  await h.close();
});

const settle = <T>(p: Promise<T>) =>
  p.then(
    (v) => ({ ok: true as const, v }),
    (e: unknown) => ({ ok: false as const, e }),
  );

async function refusal(p: Promise<unknown>) {
  const r = await settle(p);
  expect(r.ok).toBe(false);
  return r.ok ? null : (r.e as DomainError & { code: string; message: string });
}

let ipCounter = 0;
/** A fresh address and browser per sign-up unless the test names them. */
function source(code: string | null, over: { ip?: string; visitorId?: string } = {}) {
  ipCounter += 1;
  return signUpSource({
    code,
    ip: over.ip ?? `10.9.${(ipCounter >> 8) & 255}.${ipCounter & 255}`,
    userAgent: BROWSER,
    cookieHeader: `sadiq_vid=${over.visitorId ?? `visitor-${uid()}-${uid()}`}`,
  });
}

interface World {
  brand: { id: string; slug: string };
  referrer: Member & { handle: string; email: string };
  code: string;
  quest: { id: string };
}

async function member(brandSlug: string, name: string, email = `${uid()}@ref.test`, code: string | null = null, over = {}) {
  const r = await registerMember(h.db, { email, password: "0123456789", name, brandSlug, referral: source(code, over) });
  const [m] = await h.db.select().from(memberships).where(eq(memberships.userId, r.userId));
  if (!m) throw new Error("no membership");
  return { brandId: m.brandId, memberId: m.id, userId: r.userId, handle: m.handle, email };
}

type Friend = Awaited<ReturnType<typeof member>>;

async function world(settings: Partial<ReferralSettings> = {}, referrerEmail?: string): Promise<World> {
  const brand = await createBrand(h, "Referral brand");
  brandIds.push(brand.id);
  await storeSettings(h.db, brand.id, { ...DEFAULT_SETTINGS, ...settings });
  const referrer = await member(brand.slug, "Referrer", referrerEmail);
  const code = await codeFor(h.db, referrer);
  const quest = await newQuest(h.db, brand.id, { title: "First visit", cadence: "daily" });
  return { brand, referrer, code, quest };
}

const doQuest = (m: Member, questId: string) => complete(h.db, { member: m, questId, key: `k-${uid()}`, source: "member" });

async function referralOf(friendMemberId: string) {
  const rows = await h.db.select().from(referrals).where(eq(referrals.friendMemberId, friendMemberId));
  expect(rows).toHaveLength(1);
  return rows[0] as typeof referrals.$inferSelect;
}

/** Referral earnings of a member (a reversal is its own row, checked where it matters). */
async function referralRows(memberId: string, kind: "earn" | "reverse" = "earn") {
  return h.db
    .select({ key: ledger.idempotencyKey, amount: ledger.amount, state: ledger.state, kind: ledger.kind })
    .from(ledger)
    .where(and(eq(ledger.memberId, memberId), eq(ledger.sourceType, "referral"), eq(ledger.kind, kind)))
    .orderBy(asc(ledger.id));
}

async function balanceOf(memberId: string) {
  const [b] = await h.db.select().from(balances).where(eq(balances.memberId, memberId));
  return { available: b?.available ?? 0, pending: b?.pending ?? 0 };
}

async function staff(brandSlug: string, role: "moderator" | "admin") {
  const m = await member(brandSlug, role);
  await h.db.update(memberships).set({ role }).where(eq(memberships.id, m.memberId));
  return m;
}

const callerAs = (userId: string | null, extra: { cookieHeader?: string } = {}) =>
  createCaller({ db: h.db, userId, ip: `10.8.${ipCounter & 255}.${++ipCounter & 255}`, userAgent: BROWSER, ...extra });

describe("e-mail normalization", () => {
  it("maps the spellings of one mailbox to one address", () => {
    expect(normalizeEmail("John.Smith+promo@GoogleMail.com")).toBe("johnsmith@gmail.com");
    expect(normalizeEmail("j.o.h.n.smith@gmail.com")).toBe("johnsmith@gmail.com");
    expect(normalizeEmail("ann+x@outlook.com")).toBe("ann@outlook.com");
    expect(normalizeEmail("ann-x@yahoo.com")).toBe("ann@yahoo.com");
    // Other providers may treat dots and tags as part of the name: left alone.
    expect(normalizeEmail("a.b+c@example.org")).toBe("a.b+c@example.org");
  });
});

describe("codes and the landing", () => {
  it("makes one code per member even when asked in parallel, in the unambiguous alphabet", async () => {
    const w = await world();
    const other = await member(w.brand.slug, "Other");
    const codes = await Promise.all(Array.from({ length: 10 }, () => codeFor(h.db, other)));
    expect(new Set(codes).size).toBe(1);
    expect(codes[0]).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(codes[0]).not.toBe(w.code);
  });

  it("shows the inviter and offer for a code, in any case, and NOT_FOUND for anything else", async () => {
    const w = await world({ friendPoints: 70, referrerPoints: 90, welcomeText: "Coffee on us" });
    const page = await callerAs(null).referrals.landing({ code: w.code.toLowerCase() });
    expect(page).toEqual({
      code: w.code,
      brand: { slug: w.brand.slug, name: "Referral brand" },
      inviter: { handle: w.referrer.handle, name: "Referrer" },
      offer: { friendPoints: 70, referrerPoints: 90, qualifyingAction: "first_quest", welcomeText: "Coffee on us" },
    });
    for (const code of ["ZZZZZZZZ", "<script>", "x"]) {
      const e = await refusal(callerAs(null).referrals.landing({ code }));
      expect([e?.code, e?.message]).toEqual(["NOT_FOUND", "referrals.notFound"]);
    }
  });
});

describe("sign-up and qualification", () => {
  it("pays both sides once when the friend completes their first quest, and the first milestone", async () => {
    const w = await world();
    const friend = await member(w.brand.slug, "Friend", undefined, w.code);
    const before = await referralOf(friend.memberId);
    expect(before.status).toBe("signed_up");
    expect(await referralRows(friend.memberId)).toEqual([]);

    await doQuest(friend, w.quest.id);
    const after = await referralOf(friend.memberId);
    expect(after.status).toBe("rewarded");
    expect(after.qualifiedAt).not.toBeNull();
    expect(await referralRows(friend.memberId)).toEqual([
      { key: `referral:${after.id}:friend`, amount: 100, state: "vested", kind: "earn" },
    ]);
    expect(await referralRows(w.referrer.memberId)).toEqual([
      { key: `referral:${after.id}:referrer`, amount: 200, state: "vested", kind: "earn" },
      { key: `referral-milestone:${w.referrer.memberId}:1`, amount: 50, state: "vested", kind: "earn" },
    ]);
    // A second quest changes nothing.
    await doQuest(friend, (await newQuest(h.db, w.brand.id, { title: "Second" })).id);
    expect(await referralRows(friend.memberId)).toHaveLength(1);
    expect(await referralRows(w.referrer.memberId)).toHaveLength(2);

    const statuses = rowsOf<{ payload: { status: string } }>(
      await h.db.execute(
        sql`select payload from events where topic = ${`user:${w.referrer.userId}`} and type = 'referral:updated' order by seq`,
      ),
    ).map((r) => r.payload.status);
    expect(statuses).toEqual(["signed_up", "rewarded"]);

    const view = await mine(h.db, w.referrer);
    expect(view.rewardedCount).toBe(1);
    expect(view.milestones).toEqual([
      { count: 1, points: 50, reached: true },
      { count: 3, points: 150, reached: false },
      { count: 6, points: 300, reached: false },
    ]);
    expect(view.referrals.map((r) => [r.friendHandle, r.status, r.points, r.reason])).toEqual([[friend.handle, "rewarded", 200, null]]);
    const board = rowsOf<{ period: string; score: number | string }>(
      await h.db.execute(
        sql`select period, score from board_scores where board = 'referrals' and member_id = ${w.referrer.memberId} and period = 'all'`,
      ),
    );
    expect(board.map((r) => Number(r.score))).toEqual([1]);
  });

  it("ignores a garbled or unknown code: the sign-up succeeds with no referral", async () => {
    const w = await world();
    for (const referralCode of ["??nope", "ZZZZZZZZ", "a".repeat(500)]) {
      const r = await callerAs(null).auth.register({
        email: `${uid()}@ref.test`,
        password: "0123456789",
        name: "Typo",
        brandSlug: w.brand.slug,
        referralCode,
      });
      const [m] = await h.db.select().from(memberships).where(eq(memberships.userId, r.userId));
      expect(m?.brandId).toBe(w.brand.id);
      expect(
        await h.db
          .select()
          .from(referrals)
          .where(eq(referrals.friendMemberId, m?.id ?? "")),
      ).toEqual([]);
    }
  });

  it("a code of another brand makes the new account a member there too", async () => {
    const w = await world();
    const home = await createBrand(h, "Home brand");
    brandIds.push(home.id);
    const r = await callerAs(null).auth.register({
      email: `${uid()}@ref.test`,
      password: "0123456789",
      name: "Traveller",
      brandSlug: home.slug,
      referralCode: w.code.toLowerCase(),
    });
    const rows = await h.db
      .select({ brandId: memberships.brandId, id: memberships.id })
      .from(memberships)
      .where(eq(memberships.userId, r.userId));
    expect(rows.map((m) => m.brandId).sort()).toEqual([home.id, w.brand.id].sort());
    const there = rows.find((m) => m.brandId === w.brand.id);
    expect((await referralOf(there?.id ?? "")).status).toBe("signed_up");
  });

  it("attaches the referral from the sadiq_ref cookie when no code is typed", async () => {
    const w = await world();
    const r = await callerAs(null, { cookieHeader: `other=1; sadiq_ref=${w.code}; sadiq_vid=abcdefghijklmnopqrstu` }).auth.register({
      email: `${uid()}@ref.test`,
      password: "0123456789",
      name: "Cookie friend",
      brandSlug: w.brand.slug,
    });
    const [m] = await h.db.select().from(memberships).where(eq(memberships.userId, r.userId));
    const ref = await referralOf(m?.id ?? "");
    expect([ref.referrerMemberId, ref.status]).toEqual([w.referrer.memberId, "signed_up"]);
  });

  it("a magic-link or OAuth sign-up (next-auth createUser) takes up the invite cookie", async () => {
    const demo = await ensureDefaultBrand(h.db, env().SADIQ_DEFAULT_BRAND);
    const referrer = await member(demo.slug, "Demo referrer");
    const code = await codeFor(h.db, referrer);
    const email = `${uid()}@magic.test`;
    const [user] = await h.db.insert(users).values({ email }).returning();
    if (!user) throw new Error("no user");
    const req = new Request("http://localhost/api/auth/callback/email", {
      headers: { cookie: `sadiq_ref=${code}; sadiq_vid=magic-link-browser-1`, "user-agent": BROWSER },
    });
    await withSignUpRequest(req, async () => authOptions().events?.createUser?.({ user: { id: user.id, email, name: null } } as never));
    const [m] = await h.db
      .select()
      .from(memberships)
      .where(and(eq(memberships.userId, user.id), eq(memberships.brandId, demo.id)));
    const ref = await referralOf(m?.id ?? "");
    expect([ref.referrerMemberId, ref.status, ref.blockedRule]).toEqual([referrer.memberId, "signed_up", null]);
  });

  it("a failed sign-up leaves no referral", async () => {
    const w = await world();
    const email = `${uid()}@ref.test`;
    await member(w.brand.slug, "First", email);
    const before = await h.db.select().from(referrals).where(eq(referrals.referrerMemberId, w.referrer.memberId));
    const e = await refusal(
      registerMember(h.db, { email, password: "0123456789", name: "Again", brandSlug: w.brand.slug, referral: source(w.code) }),
    );
    expect(e?.key).toBe("email.taken");
    expect(await h.db.select().from(referrals).where(eq(referrals.referrerMemberId, w.referrer.memberId))).toEqual(before);
  });

  it("qualifies at sign-up when the brand says so", async () => {
    const w = await world({ qualifyingAction: "signup" });
    const friend = await member(w.brand.slug, "Instant", undefined, w.code);
    expect((await referralOf(friend.memberId)).status).toBe("rewarded");
    expect((await referralRows(friend.memberId)).map((r) => [r.amount, r.state])).toEqual([[100, "vested"]]);
  });

  it("with first_review, only an approved review quest qualifies", async () => {
    const w = await world({ qualifyingAction: "first_review" });
    const friend = await member(w.brand.slug, "Reviewer", undefined, w.code);
    await doQuest(friend, w.quest.id);
    expect((await referralOf(friend.memberId)).status).toBe("signed_up");
    const review = await newQuest(h.db, w.brand.id, { kind: "review", title: "Review us", cadence: "once" });
    await doQuest(friend, review.id);
    expect((await referralOf(friend.memberId)).status).toBe("rewarded");
  });
});

describe("blocked referrals never pay", () => {
  async function expectNoReward(w: World, friend: Member) {
    await doQuest(friend, w.quest.id);
    expect(await referralRows(friend.memberId)).toEqual([]);
    expect(await referralRows(w.referrer.memberId)).toEqual([]);
  }

  it("blocks the referrer themself", async () => {
    const w = await world();
    const row = await inTransaction(h.db, (tx) =>
      attachReferral(tx, { userId: w.referrer.userId, email: w.referrer.email, name: "Self", source: source(w.code) }),
    );
    expect([row?.status, row?.blockedRule]).toEqual(["blocked", "self"]);
    await expectNoReward(w, w.referrer);
  });

  it("blocks a gmail dot/plus alias of the referrer's address", async () => {
    const w = await world({}, `john.smith.${uid()}@gmail.com`);
    const alias = `${w.referrer.email.split("@")[0]?.replaceAll(".", "").toUpperCase()}+again@googlemail.com`;
    const friend = await member(w.brand.slug, "Alias", alias, w.code);
    const ref = await referralOf(friend.memberId);
    expect([ref.status, ref.blockedRule]).toEqual(["blocked", "same_email"]);
    await expectNoReward(w, friend);
    expect((await stats(h.db, w.referrer)).blocked).toBe(1);
    // The referrer's own page says which rule blocked it, so the explanation can be specific.
    const view = await mine(h.db, w.referrer);
    expect(view.referrals.map((r) => [r.status, r.blockedRule, r.reason])).toEqual([["blocked", "same_email", null]]);
    expect(view.enabled).toBe(true);
  });

  it("blocks a member who was already a member of the brand", async () => {
    const w = await world();
    const old = await member(w.brand.slug, "Old timer");
    const row = await inTransaction(h.db, (tx) =>
      attachReferral(tx, { userId: old.userId, email: old.email, name: "Old", source: source(w.code) }),
    );
    expect([row?.status, row?.blockedRule]).toEqual(["blocked", "existing_member"]);
    await expectNoReward(w, old);
  });

  it("blocks cycles, direct and up the chain", async () => {
    const w = await world();
    const b = await member(w.brand.slug, "B", undefined, w.code);
    const c = await member(w.brand.slug, "C", undefined, await codeFor(h.db, b));
    const attachA = (code: string) =>
      inTransaction(h.db, (tx) =>
        attachReferral(tx, { userId: w.referrer.userId, email: w.referrer.email, name: "A", source: source(code) }),
      );
    expect((await attachA(await codeFor(h.db, b)))?.blockedRule).toBe("cycle");
    expect((await attachA(await codeFor(h.db, c)))?.blockedRule).toBe("cycle");
    await doQuest(w.referrer, w.quest.id);
    // A's own quest pays A nothing as a friend of B or C.
    expect(await referralRows(w.referrer.memberId)).toEqual([]);
  });
});

describe("flagged referrals are held for review", () => {
  it("holds the 4th sign-up from one address in 24 h; approve vests both sides", async () => {
    const w = await world();
    const friends = [];
    for (let i = 0; i < 4; i++) friends.push(await member(w.brand.slug, `Ip${i}`, undefined, w.code, { ip: "203.0.113.7" }));
    const refs = await Promise.all(friends.map((f) => referralOf(f.memberId)));
    expect(refs.map((r) => r.flags)).toEqual([[], [], [], [{ rule: "ip", detail: "4 sign-ups from one address in 24 h" }]]);
    const fourth = friends[3] as Friend;
    await doQuest(fourth, w.quest.id);
    const held = await referralOf(fourth.memberId);
    expect(held.status).toBe("held");
    expect(await referralRows(fourth.memberId)).toEqual([
      { key: `referral:${held.id}:friend`, amount: 100, state: "pending", kind: "earn" },
    ]);
    expect(await balanceOf(w.referrer.memberId)).toEqual({ available: 0, pending: 200 });

    const mod = await staff(w.brand.slug, "moderator");
    const q = await callerAs(mod.userId).referrals.queue({ brandSlug: w.brand.slug, filter: "held" });
    expect(q.items.map((i) => [i.id, i.status, i.flags, i.friend.handle, i.friend.email])).toEqual([
      [
        held.id,
        "held",
        [{ rule: "ip", detail: "4 sign-ups from one address in 24 h" }],
        fourth.handle,
        expect.stringMatching(/^.\*\*\*@ref\.test$/),
      ],
    ]);
    expect(q.items[0]?.autoApproveAt).toBe(new Date((held.qualifiedAt as Date).getTime() + 7 * 86_400_000).toISOString());

    const r = await callerAs(mod.userId).referrals.review({ brandSlug: w.brand.slug, referralId: held.id, decision: "approve" });
    expect(r.status).toBe("rewarded");
    expect((await referralRows(fourth.memberId)).map((x) => x.state)).toEqual(["vested"]);
    expect(await balanceOf(w.referrer.memberId)).toEqual({ available: 250, pending: 0 });
    const [entry] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, held.id), eq(auditLog.action, "referrals.approve")));
    expect(entry?.actorUserId).toBe(mod.userId);
  });

  it("holds the 4th sign-up from one device; reject reverses and the referrer sees why", async () => {
    const w = await world();
    const friends = [];
    for (let i = 0; i < 4; i++)
      friends.push(await member(w.brand.slug, `Dev${i}`, undefined, w.code, { visitorId: "same-browser-visitor-1" }));
    const fourth = friends[3] as Friend;
    expect((await referralOf(fourth.memberId)).flags).toEqual([{ rule: "device", detail: "4 sign-ups from one device in 24 h" }]);
    await doQuest(fourth, w.quest.id);
    const held = await referralOf(fourth.memberId);
    const mod = await staff(w.brand.slug, "moderator");
    const tooShort = await refusal(
      callerAs(mod.userId).referrals.review({ brandSlug: w.brand.slug, referralId: held.id, decision: "reject", reason: "x" }),
    );
    expect(tooShort?.code).toBe("BAD_REQUEST");
    await callerAs(mod.userId).referrals.review({
      brandSlug: w.brand.slug,
      referralId: held.id,
      decision: "reject",
      reason: "Same phone as the referrer",
    });
    expect((await referralRows(fourth.memberId)).map((x) => x.state)).toEqual(["reversed"]);
    // A pending award takes nothing back: its reversal row records the decision with amount 0.
    expect((await referralRows(fourth.memberId, "reverse")).map((x) => [x.amount, x.state])).toEqual([[0, "vested"]]);
    expect(await balanceOf(fourth.memberId)).toEqual({ available: 10, pending: 0 });
    expect(await balanceOf(w.referrer.memberId)).toEqual({ available: 0, pending: 0 });
    const view = await mine(h.db, w.referrer);
    expect(view.referrals.find((r) => r.id === held.id)).toMatchObject({
      status: "rejected",
      reason: "Same phone as the referrer",
      points: 0,
    });
    // Deciding again is a clear conflict, not a second reversal.
    const again = await refusal(
      callerAs(mod.userId).referrals.review({ brandSlug: w.brand.slug, referralId: held.id, decision: "approve" }),
    );
    expect([again?.code, again?.message]).toEqual(["CONFLICT", "referrals.alreadyDecided"]);
  });

  it("holds disposable addresses (shipped list and the brand's own) and auto-approves after holdDays", async () => {
    const w = await world({ extraDisposableDomains: ["burner.example"], holdDays: 3 });
    const a = await member(w.brand.slug, "Temp", `${uid()}@mailinator.com`, w.code);
    const b = await member(w.brand.slug, "Burner", `${uid()}@mx.burner.example`, w.code);
    expect((await referralOf(a.memberId)).flags).toEqual([{ rule: "disposable", detail: "mailinator.com" }]);
    expect((await referralOf(b.memberId)).flags).toEqual([{ rule: "disposable", detail: "burner.example" }]);
    await doQuest(a, w.quest.id);
    const held = await referralOf(a.memberId);
    expect(held.status).toBe("held");
    const qualifiedAt = held.qualifiedAt as Date;
    await autoApproveDue(h.db, new Date(qualifiedAt.getTime() + 2 * 86_400_000));
    expect((await referralOf(a.memberId)).status).toBe("held");
    expect(await autoApproveDue(h.db, new Date(qualifiedAt.getTime() + 3 * 86_400_000 + 1000))).toBeGreaterThanOrEqual(1);
    const done = await referralOf(a.memberId);
    expect(done.status).toBe("rewarded");
    expect((await referralRows(a.memberId)).map((x) => x.state)).toEqual(["vested"]);
    const [entry] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, held.id), eq(auditLog.action, "referrals.autoApprove")));
    expect(entry?.actorUserId).toBeNull();
  });

  it("a flagged referral that has not qualified cannot be approved, and rejected early it never pays", async () => {
    const w = await world();
    const friend = await member(w.brand.slug, "Early", `${uid()}@yopmail.com`, w.code);
    const ref = await referralOf(friend.memberId);
    const mod = callerAs((await staff(w.brand.slug, "moderator")).userId);
    const e = await refusal(mod.referrals.review({ brandSlug: w.brand.slug, referralId: ref.id, decision: "approve" }));
    expect([e?.code, e?.message]).toEqual(["CONFLICT", "referrals.notHeld"]);
    await mod.referrals.review({ brandSlug: w.brand.slug, referralId: ref.id, decision: "reject", reason: "Throwaway address" });
    await doQuest(friend, w.quest.id);
    expect((await referralOf(friend.memberId)).status).toBe("rejected");
    expect(await referralRows(friend.memberId)).toEqual([]);
    expect(await referralRows(w.referrer.memberId)).toEqual([]);
  });

  it("flags sign-ups above the velocity threshold", async () => {
    const w = await world({ velocityPerHour: 2 });
    const friends = [];
    for (let i = 0; i < 3; i++) friends.push(await member(w.brand.slug, `Fast${i}`, undefined, w.code));
    const flags = await Promise.all(friends.map(async (f) => (await referralOf(f.memberId)).flags));
    expect(flags).toEqual([[], [], [{ rule: "velocity", detail: "3 sign-ups in one hour" }]]);
  });
});

describe("exactly once under concurrency", () => {
  it("50 parallel qualifying completions reward each side once", async () => {
    const w = await world();
    const friend = await member(w.brand.slug, "Busy", undefined, w.code);
    const quests = await Promise.all(Array.from({ length: 50 }, (_, i) => newQuest(h.db, w.brand.id, { title: `Q${i}`, cadence: "once" })));
    const results = await Promise.all(quests.map((q) => settle(doQuest(friend, q.id))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const ref = await referralOf(friend.memberId);
    expect(ref.status).toBe("rewarded");
    expect((await referralRows(friend.memberId)).map((r) => r.key)).toEqual([`referral:${ref.id}:friend`]);
    expect((await referralRows(w.referrer.memberId)).map((r) => r.key)).toEqual([
      `referral:${ref.id}:referrer`,
      `referral-milestone:${w.referrer.memberId}:1`,
    ]);
    await expectLedgerInvariants(h.db, w.brand.id);
  });

  it("pays milestones at 1, 3 and 6 exactly once, also when friends qualify in parallel", async () => {
    // Small amounts keep the referrer in the first tier, so no multiplier changes the milestone amounts.
    const w = await world({
      referrerPoints: 10,
      milestones: [
        { count: 1, points: 5 },
        { count: 3, points: 7 },
        { count: 6, points: 11 },
      ],
    });
    const friends = [];
    for (let i = 0; i < 7; i++) friends.push(await member(w.brand.slug, `M${i}`, undefined, w.code));
    const quests = await Promise.all(friends.map((_, i) => newQuest(h.db, w.brand.id, { title: `Mq${i}`, cadence: "once" })));
    const results = await Promise.all(friends.map((f, i) => settle(doQuest(f, quests[i]?.id ?? ""))));
    expect(results.filter((r) => !r.ok)).toEqual([]);
    const milestones = (await referralRows(w.referrer.memberId)).filter((r) => r.key.startsWith("referral-milestone"));
    expect(milestones.map((r) => [r.key.split(":").at(-1), r.amount]).sort()).toEqual([
      ["1", 5],
      ["3", 7],
      ["6", 11],
    ]);
    expect((await stats(h.db, w.referrer)).rewarded).toBe(7);
    await expectLedgerInvariants(h.db, w.brand.id);
  });

  it("held referrals approved in parallel (staff and the job at once) pay each side and each milestone once", async () => {
    const w = await world({ referrerPoints: 10, extraDisposableDomains: ["held.example"] });
    const friends = [];
    for (let i = 0; i < 6; i++) friends.push(await member(w.brand.slug, `H${i}`, `${uid()}@held.example`, w.code));
    const quests = await Promise.all(friends.map((_, i) => newQuest(h.db, w.brand.id, { title: `Hq${i}`, cadence: "once" })));
    await Promise.all(friends.map((f, i) => doQuest(f, quests[i]?.id ?? "")));
    const held = await Promise.all(friends.map((f) => referralOf(f.memberId)));
    expect(held.map((r) => r.status)).toEqual(Array(6).fill("held"));
    const mod = await staff(w.brand.slug, "moderator");
    const late = new Date(Date.now() + 8 * 86_400_000);
    const results = await Promise.all([
      ...held.flatMap((r) =>
        [0, 1].map(() =>
          settle(reviewReferral(h.db, { brandId: w.brand.id, referralId: r.id, decision: "approve", actorUserId: mod.userId })),
        ),
      ),
      settle(autoApproveDue(h.db, late)),
    ]);
    expect(results.filter((r) => !r.ok && (r.e as DomainError).key !== "referrals.alreadyDecided")).toEqual([]);
    expect((await Promise.all(friends.map((f) => referralOf(f.memberId)))).map((r) => r.status)).toEqual(Array(6).fill("rewarded"));
    const rows = await referralRows(w.referrer.memberId);
    expect(rows.filter((r) => r.key.startsWith("referral:")).map((r) => r.state)).toEqual(Array(6).fill("vested"));
    expect(
      rows
        .filter((r) => r.key.startsWith("referral-milestone"))
        .map((r) => [r.key.split(":").at(-1), r.amount, r.state])
        .sort(),
    ).toEqual([
      ["1", 50, "vested"],
      ["3", 150, "vested"],
      ["6", 300, "vested"],
    ]);
    for (const f of friends) expect((await referralRows(f.memberId)).map((r) => r.state)).toEqual(["vested"]);
    await expectLedgerInvariants(h.db, w.brand.id);
  });

  it("two staff deciding at once: one wins, the others get CONFLICT", async () => {
    const w = await world({ velocityPerHour: 1 });
    await member(w.brand.slug, "First", undefined, w.code);
    const friend = await member(w.brand.slug, "Second", undefined, w.code);
    await doQuest(friend, w.quest.id);
    const held = await referralOf(friend.memberId);
    expect(held.status).toBe("held");
    const mods = await Promise.all([staff(w.brand.slug, "moderator"), staff(w.brand.slug, "admin")]);
    const calls = Array.from({ length: 10 }, (_, i) =>
      settle(
        reviewReferral(h.db, {
          brandId: w.brand.id,
          referralId: held.id,
          decision: i % 2 ? "approve" : "reject",
          reason: "Looks like one person",
          actorUserId: mods[i % 2]?.userId ?? null,
        }),
      ),
    );
    const results = await Promise.all(calls);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    for (const r of results) if (!r.ok) expect((r.e as DomainError).key).toBe("referrals.alreadyDecided");
    const final = await referralOf(friend.memberId);
    const states = (await referralRows(friend.memberId)).map((x) => x.state);
    expect(states).toEqual([final.status === "rewarded" ? "vested" : "reversed"]);
    const audits = await h.db.select().from(auditLog).where(eq(auditLog.targetId, held.id));
    expect(audits).toHaveLength(1);
    await expectLedgerInvariants(h.db, w.brand.id);
  });
});

describe("funnel", () => {
  it("counts one visit per browser and day, ignoring bots and unknown codes", async () => {
    const w = await world({ cookieDays: 45 });
    const now = new Date("2026-12-01T10:00:00Z");
    const visit = (visitorId: string, userAgent = BROWSER, at = now, code = w.code) =>
      recordVisit(h.db, { code, visitorId, ip: "198.51.100.1", userAgent, now: at });
    expect(await visit("browser-one-visitor-x")).toEqual({ known: true, recorded: true, cookieDays: 45 });
    expect(await visit("browser-one-visitor-x")).toEqual({ known: true, recorded: false, cookieDays: 45 });
    expect((await visit("browser-one-visitor-x", BROWSER, new Date("2026-12-02T10:00:00Z"))).recorded).toBe(true);
    expect((await visit("browser-two-visitor-x")).recorded).toBe(true);
    expect((await visit("crawler-visitor-xxxx", "facebookexternalhit/1.1")).recorded).toBe(false);
    expect(await visit("browser-one-visitor-x", BROWSER, now, "ZZZZZZZZ")).toEqual({ known: false, recorded: false, cookieDays: 0 });

    await member(w.brand.slug, "Funnel1", undefined, w.code);
    const f2 = await member(w.brand.slug, "Funnel2", undefined, w.code);
    await doQuest(f2, w.quest.id);
    await member(w.brand.slug, "Funnel3", `${uid()}@yopmail.com`, w.code);
    const mod = await staff(w.brand.slug, "moderator");
    expect(await callerAs(w.referrer.userId).referrals.stats({ brandSlug: w.brand.slug })).toEqual({
      visits: 3,
      signUps: 3,
      qualified: 1,
      rewarded: 1,
      held: 0,
      rejected: 0,
      blocked: 0,
    });
    expect((await callerAs(mod.userId).referrals.queue({ brandSlug: w.brand.slug, filter: "all" })).items).toHaveLength(3);
  });
});

describe("authorization", () => {
  it("members cannot review or configure; moderators cannot configure; staff of B cannot touch A", async () => {
    const a = await world({ velocityPerHour: 1 });
    await member(a.brand.slug, "F1", undefined, a.code);
    const f2 = await member(a.brand.slug, "F2", undefined, a.code);
    await doQuest(f2, a.quest.id);
    const held = await referralOf(f2.memberId);
    const review = { brandSlug: a.brand.slug, referralId: held.id, decision: "approve" as const };
    const configure = { brandSlug: a.brand.slug, settings: { ...DEFAULT_SETTINGS, friendPoints: 1 } };

    const plain = callerAs(f2.userId);
    expect((await refusal(plain.referrals.review(review)))?.code).toBe("FORBIDDEN");
    expect((await refusal(plain.referrals.configure(configure)))?.code).toBe("FORBIDDEN");
    expect((await refusal(plain.referrals.queue({ brandSlug: a.brand.slug, filter: "all" })))?.code).toBe("FORBIDDEN");
    const mod = await staff(a.brand.slug, "moderator");
    expect((await refusal(callerAs(mod.userId).referrals.configure(configure)))?.code).toBe("FORBIDDEN");
    expect((await callerAs(mod.userId).referrals.settings({ brandSlug: a.brand.slug })).friendPoints).toBe(100);

    const b = await world();
    const bAdmin = await staff(b.brand.slug, "admin");
    const other = callerAs(bAdmin.userId);
    expect((await refusal(other.referrals.review(review)))?.code).toBe("FORBIDDEN");
    expect((await refusal(other.referrals.review({ ...review, brandSlug: b.brand.slug })))?.code).toBe("NOT_FOUND");
    expect((await refusal(other.referrals.configure(configure)))?.code).toBe("FORBIDDEN");
    expect((await referralOf(f2.memberId)).status).toBe("held");
    expect((await refusal(callerAs(null).referrals.mine({ brandSlug: a.brand.slug })))?.code).toBe("UNAUTHORIZED");

    const admin = await staff(a.brand.slug, "admin");
    const saved = await callerAs(admin.userId).referrals.configure(configure);
    expect(saved.friendPoints).toBe(1);
    const bad = await refusal(
      callerAs(admin.userId).referrals.configure({
        ...configure,
        settings: {
          ...configure.settings,
          milestones: [
            { count: 3, points: 1 },
            { count: 2, points: 1 },
          ],
        },
      }),
    );
    expect(bad?.code).toBe("BAD_REQUEST");
    const [audit] = await h.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.brandId, a.brand.id), eq(auditLog.action, "referrals.configure")));
    expect(audit?.actorUserId).toBe(admin.userId);
  });
});
