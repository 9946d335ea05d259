import type { AddressInfo } from "node:net";
import { and, eq, inArray, isNotNull, like } from "drizzle-orm";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { DbHandle } from "../../db/client";
import { events, notifications, users } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb } from "../../test/db";
import { asMember, asStaff, members, newStaff, seedComment, seedIdea, seedVotes } from "../../test/ideas-seed";
import { newMember } from "../../test/points";
import type { Member } from "../points/ledger";
import { notificationMail } from "./mail-text";
import { mergeIdeas } from "./merge";
import { listNotifications, muteIdeas, notifyIdea, readNotifications, sendNotificationMail } from "./notify";
import { setStatus } from "./status";
import { refusal } from "./test-fixtures";

// SMTP is switched on per test: the env module is the one place that says whether it is configured.
const smtp = vi.hoisted(() => ({ url: undefined as string | undefined }));
vi.mock("../../env", async (importOriginal) => {
  const actual = await importOriginal<typeof import("../../env")>();
  return { ...actual, env: () => ({ ...actual.env(), SMTP_URL: smtp.url, NEXTAUTH_URL: "https://sadiq.test" }) };
});

let h: DbHandle;
let brand: { id: string; slug: string };
let staff: Member;

interface Received {
  to: string[];
  subject: string;
  raw: string;
}
const inbox: Received[] = [];
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ["STARTTLS"],
  disableReverseLookup: true,
  logger: false,
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      // Undo quoted-printable soft line breaks so the text can be searched.
      const raw = Buffer.concat(chunks)
        .toString("utf8")
        .replace(/=\r?\n/g, "");
      inbox.push({
        to: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
        subject: /^Subject: (.*)$/im.exec(raw)?.[1]?.trim() ?? "",
        raw,
      });
      callback();
    });
  },
});

beforeAll(async () => {
  h = await openTestDb();
  brand = await createBrand(h, "Notify brand");
  staff = await newStaff(h.db, brand.slug);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await h.close();
});

/**
 * author (also votes), voters v0–v3 (v3 mutes this idea, v2 mutes everything), commenters c0 (published)
 * and c1 (pending, so not a follower), a deleted comment by d0, and the acting staff member who votes too.
 */
async function followed() {
  const author = await newMember(h.db, brand.slug, "Author");
  const v = await members(h.db, brand.slug, 4, "Voter");
  const [c0, c1, d0, outsider] = await members(h.db, brand.slug, 4, "Other");
  const idea = await seedIdea(h.db, author, { title: `Oat milk ${author.memberId.slice(0, 6)}` });
  await seedVotes(h.db, idea.id, [...v, author, staff]);
  await seedComment(h.db, idea.id, c0 as Member);
  await seedComment(h.db, idea.id, c0 as Member);
  await seedComment(h.db, idea.id, c1 as Member, { state: "pending" });
  await seedComment(h.db, idea.id, d0 as Member, { deletedAt: new Date() });
  await muteIdeas(h.db, asMember(v[3] as Member), { ideaId: idea.id, muted: true });
  await muteIdeas(h.db, asMember(v[2] as Member), { muted: true });
  // A mute of some other idea changes nothing here.
  const elsewhere = await seedIdea(h.db, author);
  await muteIdeas(h.db, asMember(v[1] as Member), { ideaId: elsewhere.id, muted: true });
  return { author, v, c0: c0 as Member, c1: c1 as Member, d0: d0 as Member, outsider: outsider as Member, idea };
}

async function recipients(ideaId: string, kind: string) {
  const rows = await h.db
    .select({ memberId: notifications.memberId })
    .from(notifications)
    .where(and(eq(notifications.ideaId, ideaId), eq(notifications.kind, kind)));
  return rows.map((r) => r.memberId).sort();
}

const ids = (...ms: Member[]) => ms.map((m) => m.memberId).sort();

describe("notices of a status change", () => {
  it("reach the author, voters and commenters once each, minus the actor and the muted", async () => {
    const { author, v, c0, idea } = await followed();
    await setStatus(h.db, asStaff(staff), { ideaId: idea.id, status: "planned", note: "Soon" });
    expect(await recipients(idea.id, "idea.status")).toEqual(ids(author, v[0] as Member, v[1] as Member, c0));
    const [note] = await h.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.ideaId, idea.id), eq(notifications.memberId, author.memberId)));
    expect(note?.payload).toEqual({ from: "open", to: "planned", note: "Soon", title: idea.title });
    // Each notified member's own room hears of it.
    const live = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `user:${author.userId}`));
    expect(live.filter((e) => e.type === "notification:new").map((e) => e.payload)).toEqual([
      { brandId: brand.id, id: note?.id, kind: "idea.status", ideaId: idea.id },
    ]);
    const staffLive = await h.db
      .select()
      .from(events)
      .where(eq(events.topic, `user:${staff.userId}`));
    expect(staffLive.filter((e) => e.type === "notification:new")).toEqual([]);

    // The same dedupe key never notifies twice.
    const again = await h.db.transaction((tx) =>
      notifyIdea(tx, {
        idea,
        kind: "idea.status",
        payload: {},
        dedupeKey: `status:${(note?.dedupeKey ?? "").split(":")[1]}`,
        actorUserId: staff.userId,
      }),
    );
    expect(again).toBe(0);
    // A no-op status change notifies nobody.
    await setStatus(h.db, asStaff(staff), { ideaId: idea.id, status: "planned" });
    expect(await recipients(idea.id, "idea.status")).toHaveLength(4);
  });

  it("a merge notifies the duplicate's followers", async () => {
    const { author, v, c0, idea } = await followed();
    const target = await seedIdea(h.db, staff);
    await mergeIdeas(h.db, asStaff(staff), { ideaId: idea.id, intoId: target.id });
    expect(await recipients(idea.id, "idea.merged")).toEqual(ids(author, v[0] as Member, v[1] as Member, c0));
  });

  it("unmuting brings notices back; muting is idempotent and only for visible ideas", async () => {
    const { v, idea } = await followed();
    const v3 = asMember(v[3] as Member);
    expect(await muteIdeas(h.db, v3, { ideaId: idea.id, muted: true })).toEqual({ muted: true, all: false });
    expect(await muteIdeas(h.db, v3, { ideaId: idea.id, muted: false })).toEqual({ muted: false, all: false });
    expect(await muteIdeas(h.db, v3, { ideaId: idea.id, muted: false })).toEqual({ muted: false, all: false });
    const v2 = asMember(v[2] as Member);
    expect(await muteIdeas(h.db, v2, { muted: true })).toEqual({ muted: true, all: true });
    expect(await muteIdeas(h.db, v2, { ideaId: idea.id, muted: false })).toEqual({ muted: false, all: true });
    expect(await muteIdeas(h.db, v2, { muted: false })).toEqual({ muted: false, all: false });
    await setStatus(h.db, asStaff(staff), { ideaId: idea.id, status: "under_review" });
    const got = await recipients(idea.id, "idea.status");
    expect(got).toContain(v[3]?.memberId);
    expect(got).toContain(v[2]?.memberId);

    const hidden = await seedIdea(h.db, staff, { state: "hidden" });
    expect(await refusal(muteIdeas(h.db, v3, { ideaId: hidden.id, muted: true }))).toMatchObject({
      code: "NOT_FOUND",
      key: "ideas.notFound",
    });
    const foreignBrand = await createBrand(h, "Foreign notify brand");
    const foreign = await seedIdea(h.db, await newMember(h.db, foreignBrand.slug));
    expect(await refusal(muteIdeas(h.db, v3, { ideaId: foreign.id, muted: true }))).toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("the notification list", () => {
  it("is the member's own, newest first, with an unread count and read marks", async () => {
    const { author, idea } = await followed();
    const s = asStaff(staff);
    for (const status of ["under_review", "planned", "in_progress"] as const) await setStatus(h.db, s, { ideaId: idea.id, status });
    const me = asMember(author);
    const first = await listNotifications(h.db, me, { limit: 2 });
    expect(first.items.map((i) => i.payload.to)).toEqual(["in_progress", "planned"]);
    expect(first.items[0]).toMatchObject({ kind: "idea.status", ideaId: idea.id, ideaTitle: idea.title, read: false });
    expect(first.unread).toBe(3);
    const second = await listNotifications(h.db, me, { limit: 2, cursor: first.nextCursor });
    expect(second.items.map((i) => i.payload.to)).toEqual(["under_review"]);
    expect(second.nextCursor).toBeNull();

    expect(await readNotifications(h.db, me, { upTo: second.items[0]?.id })).toEqual({ read: 1 });
    expect((await listNotifications(h.db, me, { limit: 10 })).unread).toBe(2);
    const api = callerFor(h.db, author.userId).notifications;
    expect(await api.read({ brandSlug: brand.slug })).toEqual({ read: 2 });
    const all = await api.list({ brandSlug: brand.slug, limit: 10 });
    expect(all.unread).toBe(0);
    expect(all.items.every((i) => i.read)).toBe(true);
    // Nobody else's notices show up.
    const stranger = await newMember(h.db, brand.slug, "Stranger");
    expect((await listNotifications(h.db, asMember(stranger), { limit: 10 })).items).toEqual([]);
  });
});

describe("the e-mail job", () => {
  it("does nothing without SMTP, then mails each recipient once with a link and leaves old notices alone", async () => {
    const { author, v, c0, idea } = await followed();
    const old = await h.db.transaction((tx) =>
      notifyIdea(tx, {
        idea,
        kind: "idea.status",
        payload: { from: "open", to: "open", title: idea.title },
        dedupeKey: "status:ancient",
        actorUserId: staff.userId,
        now: new Date(Date.now() - 3 * 86_400_000),
      }),
    );
    expect(old).toBe(4);
    await setStatus(h.db, asStaff(staff), { ideaId: idea.id, status: "shipped" });
    const fresh = and(eq(notifications.ideaId, idea.id), eq(notifications.kind, "idea.status"), like(notifications.dedupeKey, "status:%"));

    smtp.url = undefined;
    expect(await sendNotificationMail(h.db)).toBe(0);
    expect(
      await h.db
        .select()
        .from(notifications)
        .where(and(fresh, isNotNull(notifications.emailedAt))),
    ).toEqual([]);

    smtp.url = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
    // Other test files may share the server's notices; run the job until it has nothing left.
    while ((await sendNotificationMail(h.db)) > 0);
    const followers = [author, v[0] as Member, v[1] as Member, c0];
    const emails = await h.db
      .select({ email: users.email })
      .from(users)
      .where(
        inArray(
          users.id,
          followers.map((m) => m.userId),
        ),
      );
    const expected = emails.map((e) => e.email.toLowerCase()).sort();
    const mine = inbox.filter((m) => m.subject.includes(idea.title));
    expect(mine.flatMap((m) => m.to).sort()).toEqual(expected);
    for (const m of mine) {
      expect(m.subject).toBe(`Idea update: ${idea.title}`);
      expect(m.raw).toContain(`https://sadiq.test/ideas/${idea.id}`);
      expect(m.raw).toContain("Mute");
    }
    // Claimed in the same statement that picked them: the next run sends nothing; the old notices stay unsent.
    expect(await sendNotificationMail(h.db)).toBe(0);
    const unsent = await h.db
      .select({ key: notifications.dedupeKey })
      .from(notifications)
      .where(and(eq(notifications.ideaId, idea.id), eq(notifications.dedupeKey, "status:ancient"), isNotNull(notifications.emailedAt)));
    expect(unsent).toEqual([]);
    expect(inbox.filter((m) => m.subject.includes(idea.title))).toHaveLength(4);
  });

  it("writes the text in the recipient's language, falling back to English", () => {
    const n = { kind: "idea.status", ideaId: "abc", ideaTitle: "Dark mode", payload: { to: "shipped", note: "Done", title: "Dark mode" } };
    const en = notificationMail(n, null, "https://x.test/");
    expect(en.subject).toBe("Idea update: Dark mode");
    expect(en.text).toContain("The idea “Dark mode” is now shipped.");
    expect(en.text).toContain("Note: Done");
    expect(en.text).toContain("https://x.test/ideas/abc");
    expect(notificationMail(n, "tr", "https://x.test").text).toContain("hayata geçti");
    expect(notificationMail(n, "xx", "https://x.test").subject).toBe("Idea update: Dark mode");
    const merged = notificationMail({ ...n, kind: "idea.merged", payload: { title: "A", intoTitle: "B" } }, "az", "https://x.test");
    expect(merged.text).toContain("“A” ideyası “B” ideyası ilə birləşdirildi");
  });
});
