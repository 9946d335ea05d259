import type { TRPCError } from "@trpc/server";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { memberships } from "../../db/schema";
import { award } from "../../domain/points/ledger";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { newMember } from "../../test/points";

let h: DbHandle;
beforeAll(async () => {
  h = await openTestDb();
});
afterAll(async () => {
  await h.close();
});

async function failure(p: Promise<unknown>) {
  try {
    await p;
  } catch (err) {
    const e = err as TRPCError & { cause?: { fields?: Record<string, string> } };
    return { code: e.code, message: e.message };
  }
  throw new Error("expected the call to fail");
}

describe("leaderboards and leagues procedures", () => {
  it("members of the brand read boards; outsiders and anonymous callers cannot", async () => {
    const brand = await createBrand(h, "Procedures board");
    const other = await createBrand(h, "Elsewhere");
    const [m, outsider] = [await newMember(h.db, brand.slug, "Reader"), await newMember(h.db, other.slug, "Outsider")];
    await award(h.db, { member: m, base: 10, source: "quest", reason: "r", key: `pr:${uid()}` });
    const top = await callerFor(h.db, m.userId).leaderboards.top({ brandSlug: brand.slug, board: "points", period: "all", limit: 5 });
    expect(top.rows.map((r) => [r.handle, r.points, r.rank])).toEqual([[m.handle, 10, 1]]);
    expect(
      await failure(callerFor(h.db, outsider.userId).leaderboards.top({ brandSlug: brand.slug, board: "points", period: "all", limit: 5 })),
    ).toEqual({
      code: "FORBIDDEN",
      message: "errors.forbidden",
    });
    expect(await failure(callerFor(h.db, null).leagues.mine({ brandSlug: brand.slug }))).toEqual({
      code: "UNAUTHORIZED",
      message: "errors.signInRequired",
    });
  });

  it("rejects bad input with a clear key and no change", async () => {
    const brand = await createBrand(h, "Bad input board");
    const m = await newMember(h.db, brand.slug, "Typist");
    const c = callerFor(h.db, m.userId);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately wrong input from an untyped client
    const loose = c.leaderboards as any;
    expect(await failure(loose.top({ brandSlug: brand.slug, board: "nope", period: "all" }))).toMatchObject({ code: "BAD_REQUEST" });
    expect(await failure(loose.top({ brandSlug: brand.slug, board: "points", period: "all", limit: 500 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await failure(c.leaderboards.me({ brandSlug: brand.slug, board: "streak", period: "week" }))).toEqual({
      code: "BAD_REQUEST",
      message: "boards.noSuchPeriod",
    });
    expect(await failure(loose.since({ brandSlug: brand.slug, board: "points", period: "all", seq: -1 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
  });

  it("only staff exclude, only admins recompute and configure leagues; staff of one brand cannot touch another", async () => {
    const brand = await createBrand(h, "Staff board");
    const other = await createBrand(h, "Other staff board");
    const [member, mod, admin, otherAdmin] = [
      await newMember(h.db, brand.slug, "Plain"),
      await newMember(h.db, brand.slug, "Mod"),
      await newMember(h.db, brand.slug, "Boss"),
      await newMember(h.db, other.slug, "Foreign boss"),
    ];
    await h.db.update(memberships).set({ role: "moderator" }).where(eq(memberships.id, mod.memberId));
    await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, admin.memberId));
    await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.id, otherAdmin.memberId));
    const excludeInput = { brandSlug: brand.slug, handle: member.handle, reason: "spam accounts" };
    const config = { brandSlug: brand.slug, cohortSize: 20, promote: 5, demote: 5, prizes: [50], divisions: ["Low", "High"] };

    expect(await failure(callerFor(h.db, member.userId).leaderboards.exclude(excludeInput))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(callerFor(h.db, otherAdmin.userId).leaderboards.exclude(excludeInput))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(callerFor(h.db, mod.userId).leaderboards.recompute({ brandSlug: brand.slug, board: "points" }))).toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await failure(callerFor(h.db, mod.userId).leagues.configure(config))).toMatchObject({ code: "FORBIDDEN" });
    expect(await failure(callerFor(h.db, otherAdmin.userId).leagues.configure(config))).toMatchObject({ code: "FORBIDDEN" });

    expect(await failure(callerFor(h.db, mod.userId).leaderboards.exclude({ ...excludeInput, handle: "nobody-here" }))).toEqual({
      code: "NOT_FOUND",
      message: "boards.memberNotFound",
    });
    expect(await callerFor(h.db, mod.userId).leaderboards.exclude(excludeInput)).toEqual({
      memberId: member.memberId,
      handle: member.handle,
      excluded: true,
    });
    expect((await callerFor(h.db, mod.userId).leaderboards.exclusions({ brandSlug: brand.slug })).map((e) => e.handle)).toEqual([
      member.handle,
    ]);
    // Zones larger than the cohort (the HTTP error names the field: leagues.zonesTooBig on "promote").
    expect(await failure(callerFor(h.db, admin.userId).leagues.configure({ ...config, promote: 15, demote: 10 }))).toMatchObject({
      code: "BAD_REQUEST",
    });
    expect(await callerFor(h.db, admin.userId).leagues.configure(config)).toEqual({
      cohortSize: 20,
      promote: 5,
      demote: 5,
      prizes: [50],
      divisions: ["Low", "High"],
    });
    expect(await callerFor(h.db, mod.userId).leagues.settings({ brandSlug: brand.slug })).toEqual({
      cohortSize: 20,
      promote: 5,
      demote: 5,
      prizes: [50],
      divisions: ["Low", "High"],
    });
    expect(await callerFor(h.db, admin.userId).leaderboards.recompute({ brandSlug: brand.slug, board: "points" })).toEqual({
      board: "points",
      rows: 0,
      corrected: 0,
    });
  });
});
