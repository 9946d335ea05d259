import { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../db/client";
import { memberships } from "../db/schema";
import { callerFor } from "../test/caller";
import { createBrand, openTestDb } from "../test/db";
import { newMember } from "../test/points";

type Caller = ReturnType<typeof callerFor>;

let h: DbHandle;
let slugA: string;
let users: { anonymous: null; member: string; moderator: string; otherAdmin: string };
const ID = "00000000-0000-4000-8000-000000000001";
const ID2 = "00000000-0000-4000-8000-000000000002";

beforeAll(async () => {
  h = await openTestDb();
  const a = await createBrand(h, "Ideas A");
  const b = await createBrand(h, "Ideas B");
  slugA = a.slug;
  const member = await newMember(h.db, a.slug, "Member");
  const moderator = await newMember(h.db, a.slug, "Moderator");
  const otherAdmin = await newMember(h.db, b.slug, "Other admin");
  await h.db.update(memberships).set({ role: "moderator" }).where(eq(memberships.id, moderator.memberId));
  await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, otherAdmin.memberId));
  users = { anonymous: null, member: member.userId, moderator: moderator.userId, otherAdmin: otherAdmin.userId };
});
afterAll(async () => h.close());

async function code(p: Promise<unknown>) {
  return p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : "THROWN"),
  );
}

const memberCalls: Record<string, (c: Caller) => Promise<unknown>> = {
  create: (c) => c.ideas.create({ brandSlug: slugA, title: "A better idea", idempotencyKey: "key-00000001" }),
  update: (c) => c.ideas.update({ brandSlug: slugA, ideaId: ID, title: "Edited title" }),
  vote: (c) => c.ideas.vote({ brandSlug: slugA, ideaId: ID }),
  unvote: (c) => c.ideas.unvote({ brandSlug: slugA, ideaId: ID }),
  comment: (c) => c.ideas.comment({ brandSlug: slugA, ideaId: ID, body: "Nice", idempotencyKey: "key-00000002" }),
  editComment: (c) => c.ideas.editComment({ brandSlug: slugA, commentId: ID, body: "Nicer" }),
  deleteComment: (c) => c.ideas.deleteComment({ brandSlug: slugA, commentId: ID }),
  flag: (c) => c.ideas.flag({ brandSlug: slugA, target: "idea", id: ID, reason: "spam spam" }),
  mute: (c) => c.ideas.mute({ brandSlug: slugA, ideaId: ID }),
  notifications: (c) => c.notifications.list({ brandSlug: slugA }),
  read: (c) => c.notifications.read({ brandSlug: slugA }),
};

const staffCalls: Record<string, (c: Caller) => Promise<unknown>> = {
  queue: (c) => c.ideas.queue({ brandSlug: slugA }),
  moderate: (c) => c.ideas.moderate({ brandSlug: slugA, ideaId: ID, action: "hide", reason: "off topic" }),
  setStatus: (c) => c.ideas.setStatus({ brandSlug: slugA, ideaId: ID, status: "planned" }),
  merge: (c) => c.ideas.merge({ brandSlug: slugA, ideaId: ID, intoId: ID2 }),
  unmerge: (c) => c.ideas.unmerge({ brandSlug: slugA, ideaId: ID }),
  settings: (c) => c.ideas.settings({ brandSlug: slugA }),
};

const configure = (c: Caller) =>
  c.ideas.configure({
    brandSlug: slugA,
    premodDays: 3,
    premodBelowTier: 0,
    approvePoints: 5,
    plannedPoints: 10,
    shipAuthorPoints: 50,
    shipVoterPoints: 5,
    shipVoterCount: 10,
  });

describe("ideas procedures: who may call what", () => {
  it("refuses every member procedure to anonymous callers and to members of another brand", async () => {
    for (const [name, call] of Object.entries(memberCalls)) {
      expect([name, await code(call(callerFor(h.db, users.anonymous)))]).toEqual([name, "UNAUTHORIZED"]);
      expect([name, await code(call(callerFor(h.db, users.otherAdmin)))]).toEqual([name, "FORBIDDEN"]);
    }
  });

  it("refuses staff procedures to members, to anonymous callers and to another brand's admin", async () => {
    for (const [name, call] of Object.entries({ ...staffCalls, configure })) {
      expect([name, await code(call(callerFor(h.db, users.anonymous)))]).toEqual([name, "UNAUTHORIZED"]);
      expect([name, await code(call(callerFor(h.db, users.member)))]).toEqual([name, "FORBIDDEN"]);
      expect([name, await code(call(callerFor(h.db, users.otherAdmin)))]).toEqual([name, "FORBIDDEN"]);
    }
  });

  it("keeps brand settings to admins: a moderator may read them but not change them", async () => {
    expect(await code(configure(callerFor(h.db, users.moderator)))).toBe("FORBIDDEN");
    expect(await callerFor(h.db, users.moderator).ideas.settings({ brandSlug: slugA })).toMatchObject({
      shipVoterCount: 50,
      approvePoints: 10,
    });
  });

  it("answers an unknown brand with NOT_FOUND on the public procedures", async () => {
    const c = callerFor(h.db, users.anonymous);
    expect(await code(c.ideas.list({ brandSlug: "no-such-brand" }))).toBe("NOT_FOUND");
    expect(await code(c.ideas.roadmap({ brandSlug: "no-such-brand" }))).toBe("NOT_FOUND");
  });

  it("rejects bad input before any work: a merge into itself, a decline without a reason, a hide without a reason", async () => {
    const c = callerFor(h.db, users.moderator);
    expect(await code(c.ideas.merge({ brandSlug: slugA, ideaId: ID, intoId: ID }))).toBe("BAD_REQUEST");
    expect(await code(c.ideas.setStatus({ brandSlug: slugA, ideaId: ID, status: "declined" }))).toBe("BAD_REQUEST");
    expect(await code(c.ideas.moderate({ brandSlug: slugA, ideaId: ID, action: "hide" }))).toBe("BAD_REQUEST");
    expect(await code(c.ideas.moderate({ brandSlug: slugA, ideaId: ID, commentId: ID2, action: "approve" }))).toBe("BAD_REQUEST");
  });

  it("caps posting per member: the eleventh idea within an hour is refused with TOO_MANY_REQUESTS", async () => {
    const poster = await newMember(h.db, slugA, "Poster");
    const c = callerFor(h.db, poster.userId);
    for (let i = 0; i < 10; i++) {
      expect(await code(c.ideas.create({ brandSlug: slugA, title: `Idea number ${i}`, idempotencyKey: `cap-key-${i}-000` }))).not.toBe(
        "TOO_MANY_REQUESTS",
      );
    }
    expect(await code(c.ideas.create({ brandSlug: slugA, title: "One idea too many", idempotencyKey: "cap-key-10-000" }))).toBe(
      "TOO_MANY_REQUESTS",
    );
  });
});
