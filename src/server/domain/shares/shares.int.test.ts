import { and, eq, sql } from "drizzle-orm";
import { createTranslator } from "use-intl/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { shareCard } from "@/components/shares/share-card";
import { loadMessages } from "@/i18n/messages";
import type { DbHandle } from "../../db/client";
import { balances, questCompletions, quests, shares, shareVisits } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { expectLedgerInvariants, newMember } from "../../test/points";
import { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { complete } from "../quests/completions";
import { grantConsent } from "../quests/habits";
import { createShare, sharePage, sharesOf } from "./shares";
import { deviceHash, looksLikeBot, recordVisit } from "./visits";
import { shareWording } from "./wording";

let h: DbHandle;
let brand: { id: string; slug: string };

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Share brand");
});
afterAll(async () => {
  await expectLedgerInvariants(h.db, brand.id);
  await h.close();
});

const DAY1 = new Date("2026-03-10T10:00:00Z");
const DAY1_LATER = new Date("2026-03-10T18:00:00Z");
const DAY2 = new Date("2026-03-11T09:00:00Z");

async function shareQuest(over: Partial<typeof quests.$inferInsert> = {}) {
  const [q] = await h.db
    .insert(quests)
    .values({
      brandId: brand.id,
      kind: "share",
      title: "Invite a friend",
      basePoints: 25,
      cadence: "daily",
      shareTarget: "brand",
      createdAt: new Date("2026-01-01T00:00:00Z"),
      ...over,
    })
    .returning();
  if (!q) throw new Error("no quest");
  return q;
}

async function available(m: Member) {
  const [b] = await h.db.select().from(balances).where(eq(balances.memberId, m.memberId));
  return b?.available ?? 0;
}

async function shareCompletions(m: Member, questId: string) {
  return h.db
    .select()
    .from(questCompletions)
    .where(and(eq(questCompletions.memberId, m.memberId), eq(questCompletions.questId, questId)));
}

const device = (name: string) => deviceHash(`Mozilla/5.0 (${name}) Safari/605.1.15`, `203.0.113.${name.length}`, "salt");

/** A visit from a fresh browser on a fresh device, anonymous unless a user is given. */
function stranger(code: string, now: Date, userId: string | null = null) {
  return recordVisit(h.db, { code, visitorId: `v-${uid()}-${uid()}`, deviceHash: `d-${uid()}`, userId, now });
}

/** The sharer opens their own link once while signed in, as the share button does after making it. */
async function ownBrowser(code: string, m: Member, now = DAY1) {
  const own = { visitorId: `own-${uid()}-${uid()}`, deviceHash: device(`own ${uid()}`) };
  const r = await recordVisit(h.db, { code, ...own, userId: m.userId, now });
  expect(r).toMatchObject({ recorded: true, own: true, completionId: null });
  return own;
}

describe("createShare", () => {
  it("gives a member one stable, url-safe code per target, even when asked in parallel", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await shareQuest();
    const codes = await Promise.all(Array.from({ length: 8 }, () => createShare(h.db, { member: m, questId: q.id })));
    const code = codes[0]?.code ?? "";
    expect(code).toMatch(/^[A-Za-z0-9_-]{12}$/);
    expect(new Set(codes.map((s) => s.code))).toEqual(new Set([code]));
    expect((await createShare(h.db, { member: m, questId: q.id })).code).toBe(code);
    const rows = await h.db.select().from(shares).where(eq(shares.memberId, m.memberId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ target: "brand", targetId: null, questId: q.id });

    // Another member, or another target, gets another code.
    const other = await newMember(h.db, brand.slug);
    expect((await createShare(h.db, { member: other, questId: q.id })).code).not.toBe(code);
    expect((await createShare(h.db, { member: m, target: "brand" })).code).not.toBe(code);
  });

  it("takes the target from a share quest, and shares any other quest as itself", async () => {
    const m = await newMember(h.db, brand.slug);
    const habit = await h.db
      .insert(quests)
      .values({ brandId: brand.id, kind: "habit", title: "Walk", basePoints: 5, cadence: "daily" })
      .returning()
      .then((r) => r[0]);
    if (!habit) throw new Error("no habit");
    const pointsAtHabit = await shareQuest({ shareTarget: "quest", shareTargetId: habit.id });
    const a = await createShare(h.db, { member: m, questId: pointsAtHabit.id, target: "idea", targetId: "ignored" });
    expect(a).toMatchObject({ target: "quest", targetId: habit.id, questId: pointsAtHabit.id });
    const itself = await shareQuest({ shareTarget: "quest" });
    expect(await createShare(h.db, { member: m, questId: itself.id })).toMatchObject({ target: "quest", targetId: itself.id });
    // A habit shared from its page pays nothing: no share quest behind the link.
    expect(await createShare(h.db, { member: m, questId: habit.id })).toMatchObject({ target: "quest", targetId: habit.id, questId: null });
    expect(await createShare(h.db, { member: m, target: "idea", targetId: "idea-1" })).toMatchObject({ target: "idea", questId: null });
  });

  it("refuses unknown, foreign and archived quests and an idea without an id", async () => {
    const m = await newMember(h.db, brand.slug);
    const elsewhere = await createBrand(h, "Other brand");
    const [foreign] = await h.db
      .insert(quests)
      .values({ brandId: elsewhere.id, kind: "share", title: "Theirs", basePoints: 5, cadence: "once", shareTarget: "brand" })
      .returning();
    const archived = await shareQuest({ archivedAt: new Date("2026-02-01T00:00:00Z") });
    const refusals = [
      createShare(h.db, { member: m, questId: "00000000-0000-4000-8000-000000000000" }),
      createShare(h.db, { member: m, questId: foreign?.id ?? "" }),
      createShare(h.db, { member: m, questId: archived.id }),
      createShare(h.db, { member: m, target: "quest", targetId: "not-a-uuid" }),
      createShare(h.db, { member: m, target: "idea" }),
    ];
    const keys = await Promise.all(
      refusals.map((p) =>
        p.then(
          () => "ok",
          (e: DomainError) => e.key,
        ),
      ),
    );
    expect(keys).toEqual([
      "shares.questNotFound",
      "shares.questNotFound",
      "shares.questNotFound",
      "shares.questNotFound",
      "shares.badTarget",
    ]);
  });
});

describe("recordVisit", () => {
  it("pays nothing for the sharer's own visits: same account, same browser or same device", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await shareQuest();
    const { code } = await createShare(h.db, { member: m, questId: q.id });
    const own = await ownBrowser(code, m);

    const visits = [
      // Signed in from a new browser on a new device.
      { visitorId: `x-${uid()}-${uid()}`, deviceHash: `d-${uid()}`, userId: m.userId },
      // Signed out, but in the browser that holds their visitor cookie (on another network).
      { visitorId: own.visitorId, deviceHash: `d-${uid()}`, userId: null },
      // Signed out with cookies cleared, on the same device.
      { visitorId: `y-${uid()}-${uid()}`, deviceHash: own.deviceHash, userId: null },
    ];
    for (const v of visits) {
      const r = await recordVisit(h.db, { code, ...v, now: DAY1 });
      expect(r.own).toBe(true);
      expect(r.completionId).toBeNull();
    }
    expect(await available(m)).toBe(0);
    expect(await shareCompletions(m, q.id)).toEqual([]);
    // The new browser of the cookie-less visit is now known as theirs too.
    const [second] = await h.db
      .select()
      .from(shareVisits)
      .where(eq(shareVisits.visitorId, visits[2]?.visitorId ?? ""));
    expect(second?.userId).toBe(m.userId);
  });

  it("pays the first visitor of a period once; later visitors and replays change nothing; the next period pays again", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await shareQuest();
    const { code } = await createShare(h.db, { member: m, questId: q.id });
    await ownBrowser(code, m);

    const friend = { code, visitorId: `f-${uid()}-${uid()}`, deviceHash: device("friend phone"), userId: null };
    const first = await recordVisit(h.db, { ...friend, now: DAY1 });
    expect(first).toMatchObject({ recorded: true, own: false });
    expect(first.completionId).not.toBeNull();
    expect(await available(m)).toBe(25);
    const [completion] = await shareCompletions(m, q.id);
    expect(completion).toMatchObject({ id: first.completionId, source: "share", state: "approved", points: 25 });

    // The same browser again (a reload, a replayed beacon) is not a new visit.
    const replay = await recordVisit(h.db, { ...friend, now: DAY1_LATER });
    expect(replay).toEqual({ recorded: false, own: false, completionId: first.completionId });

    // A second friend, signed in with an account of their own, the same day: counted, not paid, no error.
    const other = await newMember(h.db, brand.slug);
    const second = await stranger(code, DAY1_LATER, other.userId);
    expect(second).toEqual({ recorded: true, own: false, completionId: null });
    expect(await available(m)).toBe(25);

    const next = await stranger(code, DAY2);
    expect(next.completionId).not.toBeNull();
    expect(await available(m)).toBe(50);
    expect(await shareCompletions(m, q.id)).toHaveLength(2);

    const rows = await h.db.select().from(shareVisits).innerJoin(shares, eq(shares.id, shareVisits.shareId)).where(eq(shares.code, code));
    expect(rows).toHaveLength(4);
    expect(rows.filter((r) => r.share_visits.completionId !== null)).toHaveLength(2);
  });

  it("pays exactly once when 20 different visitors arrive at the same moment", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await shareQuest({ cadence: "weekly", basePoints: 40 });
    const { code } = await createShare(h.db, { member: m, questId: q.id });
    await ownBrowser(code, m);
    const results = await Promise.all(Array.from({ length: 20 }, () => stranger(code, DAY1)));
    expect(results.every((r) => r.recorded && !r.own)).toBe(true);
    expect(results.filter((r) => r.completionId !== null)).toHaveLength(1);
    expect(await shareCompletions(m, q.id)).toHaveLength(1);
    expect(await available(m)).toBe(40);
    const [visits] = await h.db
      .select({ n: sql<number>`count(*)::int` })
      .from(shareVisits)
      .innerJoin(shares, eq(shares.id, shareVisits.shareId))
      .where(eq(shares.code, code));
    expect(visits?.n).toBe(21);
    await expectLedgerInvariants(h.db, brand.id);
  });

  it("replays one visitor's racing beacons into one visit", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await shareQuest();
    const { code } = await createShare(h.db, { member: m, questId: q.id });
    const v = { code, visitorId: `r-${uid()}-${uid()}`, deviceHash: device("racer"), userId: null, now: DAY1 };
    const results = await Promise.all(Array.from({ length: 6 }, () => recordVisit(h.db, v)));
    expect(results.filter((r) => r.recorded)).toHaveLength(1);
    expect(new Set(results.map((r) => r.completionId)).size).toBe(1);
    expect(await shareCompletions(m, q.id)).toHaveLength(1);
    expect(await available(m)).toBe(25);
  });

  it("counts visits to links without a share quest, or whose quest has ended, and pays nothing", async () => {
    const m = await newMember(h.db, brand.slug);
    const plain = await createShare(h.db, { member: m, target: "brand" });
    expect(await stranger(plain.code, DAY1)).toEqual({ recorded: true, own: false, completionId: null });
    const q = await shareQuest({ endsAt: new Date("2026-03-01T00:00:00Z") });
    const ended = await createShare(h.db, { member: m, questId: q.id });
    expect(await stranger(ended.code, DAY1)).toEqual({ recorded: true, own: false, completionId: null });
    expect(await available(m)).toBe(0);
  });

  it("answers an unknown code with NOT_FOUND", async () => {
    const err = await stranger("nope-nope-nope", DAY1).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect((err as DomainError).code).toBe("NOT_FOUND");
  });
});

describe("bots and devices", () => {
  it("tells crawlers and scripts from people's browsers", () => {
    const bots = [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)",
      "Twitterbot/1.0",
      "WhatsApp/2.23.20.0 A",
      "TelegramBot (like TwitterBot)",
      "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.0.0 Safari/537.36",
      "curl/8.5.0",
      "python-requests/2.31",
      "",
    ];
    for (const ua of bots) expect(looksLikeBot(ua), ua).toBe(true);
    const people = [
      "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
      "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Mobile Safari/537.36",
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:125.0) Gecko/20100101 Firefox/125.0",
    ];
    for (const ua of people) expect(looksLikeBot(ua), ua).toBe(false);
  });

  it("hashes a device from browser and address, salted", () => {
    const a = deviceHash("UA", "1.2.3.4", "s1");
    expect(a).toBe(deviceHash("UA", "1.2.3.4", "s1"));
    expect(
      new Set([a, deviceHash("UA", "1.2.3.5", "s1"), deviceHash("UA2", "1.2.3.4", "s1"), deviceHash("UA", "1.2.3.4", "s2")]).size,
    ).toBe(4);
    expect(a).not.toContain("1.2.3.4");
  });
});

describe("the page, the wording and the image", () => {
  it("show counts and points, never a health value", async () => {
    const m = await newMember(h.db, brand.slug);
    const [run] = await h.db
      .insert(quests)
      .values({
        brandId: brand.id,
        kind: "habit",
        title: "Run",
        basePoints: 10,
        cadence: "daily",
        evidence: "value",
        unit: "km",
        health: true,
        createdAt: new Date("2026-01-01T00:00:00Z"),
      })
      .returning();
    const [pressure] = await h.db
      .insert(quests)
      .values({
        brandId: brand.id,
        kind: "habit",
        title: "Blood pressure log",
        basePoints: 10,
        cadence: "daily",
        evidence: "value",
        unit: "mmHg",
        health: true,
        createdAt: new Date("2026-01-01T00:00:00Z"),
      })
      .returning();
    if (!run || !pressure) throw new Error("no quests");
    await grantConsent(h.db, m);
    for (const [quest, value, now] of [
      [run, "17.3", DAY1],
      [run, "21.9", DAY2],
      [pressure, "139/87", DAY1],
    ] as const) {
      await complete(h.db, { member: m, questId: quest.id, key: `hv-${uid()}`, source: "member", value, now });
    }
    const q = await shareQuest({ shareTarget: "quest", shareTargetId: run.id });
    const { code } = await createShare(h.db, { member: m, questId: q.id });

    const page = await callerFor(h.db, null).shares.page({ code });
    expect(page).toEqual(await sharePage(h.db, code));
    expect(page.sharer).toEqual({ handle: m.handle, questsCompleted: 3, pointsEarned: 30, bestStreak: 2 });
    expect(page.target).toMatchObject({ kind: "quest", title: "Run" });

    const outputs: unknown[] = [page];
    for (const locale of ["en", "az", "tr", "ka"] as const) {
      const messages = (await loadMessages(locale)) as never;
      const t = createTranslator({ locale, messages, namespace: "shares" as never });
      const tp = createTranslator({ locale, messages, namespace: "sharePage" as never });
      const tr = (key: string, values?: Record<string, string | number>) => t(key as never, values as never);
      const labels = {
        invite: tp("eyebrow" as never, { handle: m.handle } as never),
        questsCompleted: tp("questsCompleted" as never),
        pointsEarned: tp("pointsEarned" as never),
        bestStreak: tp("bestStreak" as never),
      };
      outputs.push(shareWording(page, tr), shareCard(page, labels, labels, locale));
    }
    const text = JSON.stringify(outputs);
    for (const value of ["17.3", "21.9", "17,3", "139/87", "139", "mmHg", " km"]) expect(text).not.toContain(value);
  });

  it("draws the image with the bundled font only, in the sharer's words", async () => {
    const m = await newMember(h.db, brand.slug, "Nino");
    const q = await shareQuest({ title: "მეგობრის მოწვევა", shareTarget: "quest" });
    const { code } = await createShare(h.db, { member: m, questId: q.id });
    const page = await sharePage(h.db, code);
    if (!page) throw new Error("no page");
    const ka = { invite: `@${m.handle} გეპატიჟება`, questsCompleted: "შესრულებული", pointsEarned: "ქულები", bestStreak: "სერია" };
    const en = {
      invite: `@${m.handle} invites you`,
      questsCompleted: "Quests completed",
      pointsEarned: "Points earned",
      bestStreak: "Best streak",
    };
    const card = shareCard(page, ka, en, "ka");
    expect(card.invite).toBe(`@${m.handle} invites you`);
    expect(card.headline).toBe("megobris motsveva");
    expect(card.subline).toBe("Share brand");
    expect(card.stats.map((s) => s.label)).toEqual(["Quests completed", "Points earned", "Best streak"]);
  });
});

describe("shares router", () => {
  it("makes an absolute link with a title and text, and lists the member's links with visits and points", async () => {
    const m = await newMember(h.db, brand.slug);
    const q = await shareQuest({ title: "Bring a friend" });
    const api = callerFor(h.db, m.userId);
    const made = await api.shares.create({ brandSlug: brand.slug, questId: q.id, locale: "en" });
    expect(made.url).toMatch(new RegExp(`^https?://[^/]+/s/${made.code}$`));
    expect(made.title).toBe("Join me at Share brand");
    expect(made.text).toBe("Join me at Share brand: quests, points and rewards for members.");
    expect((await api.shares.create({ brandSlug: brand.slug, questId: q.id, locale: "az" })).code).toBe(made.code);

    await ownBrowser(made.code, m, new Date());
    await stranger(made.code, new Date());
    await stranger(made.code, new Date());
    const mine = await api.shares.mine({ brandSlug: brand.slug });
    expect(mine).toEqual([
      expect.objectContaining({ code: made.code, url: made.url, questId: q.id, questTitle: "Bring a friend", visits: 2, points: 25 }),
    ]);
    expect((await sharesOf(h.db, m))[0]?.visits).toBe(2);

    const after = await api.shares.create({ brandSlug: brand.slug, target: "brand", locale: "en" });
    expect(after.text).toBe("I have completed 1 quest and earned 25 points at Share brand. Join me!");
  });

  it("refuses strangers, other brands and unknown codes without a 500", async () => {
    const m = await newMember(h.db, brand.slug);
    const elsewhere = await createBrand(h, "Elsewhere");
    const anonymous = callerFor(h.db, null);
    await expect(anonymous.shares.create({ brandSlug: brand.slug })).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    await expect(callerFor(h.db, m.userId).shares.create({ brandSlug: elsewhere.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(anonymous.shares.page({ code: "AAAAAAAAAAAA" })).rejects.toMatchObject({ code: "NOT_FOUND", message: "shares.notFound" });
    await expect(anonymous.shares.page({ code: "<script>" })).rejects.toMatchObject({ code: "BAD_REQUEST" });
    await expect(
      callerFor(h.db, m.userId).shares.create({ brandSlug: brand.slug, questId: "00000000-0000-4000-8000-000000000000" }),
    ).rejects.toMatchObject({ code: "NOT_FOUND", message: "shares.questNotFound" });
  });
});
