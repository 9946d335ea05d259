import { TRPCError } from "@trpc/server";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DbHandle } from "../../db/client";
import { memberships, users } from "../../db/schema";
import { callerFor } from "../../test/caller";
import { createBrand, openTestDb, uid } from "../../test/db";
import { verifyPassword } from "./passwords";

let h: DbHandle;
let brandSlug: string;
let brandId: string;

beforeAll(async () => {
  h = await openTestDb();
  const brand = await createBrand(h, "Register brand");
  brandSlug = brand.slug;
  brandId = brand.id;
});
afterAll(async () => h.close());

async function countUsers(email: string) {
  const [row] = await h.db.select({ n: sql<number>`count(*)::int` }).from(users).where(eq(users.email, email));
  return row?.n ?? 0;
}

async function codeOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
    return "OK";
  } catch (err) {
    if (err instanceof TRPCError) return err.code;
    throw err;
  }
}

describe("auth.register", () => {
  it("creates the user and a membership, with the e-mail trimmed and lower-cased", async () => {
    const id = uid();
    const result = await callerFor(h.db, null).auth.register({
      email: `  Leyla.${id}@Example.COM `,
      password: "a long enough password",
      name: "Leyla Hüseynova",
      brandSlug,
    });
    expect(result.brandSlug).toBe(brandSlug);
    expect(result.handle).toMatch(/^leyla_huseynova(\d{2}|\d{4})?$/);
    const [user] = await h.db.select().from(users).where(eq(users.id, result.userId));
    expect(user?.email).toBe(`leyla.${id}@example.com`);
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user?.passwordHash ?? "", "a long enough password")).toBe(true);
    const rows = await h.db.select().from(memberships).where(eq(memberships.userId, result.userId));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ brandId, role: "member", handle: result.handle });
  });

  it("refuses a duplicate e-mail in any letter case with CONFLICT and writes nothing", async () => {
    const email = `dup.${uid()}@example.com`;
    await callerFor(h.db, null).auth.register({ email, password: "0123456789", name: "First", brandSlug });
    const err = await callerFor(h.db, null)
      .auth.register({ email: email.toUpperCase(), password: "0123456789", name: "Second", brandSlug })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TRPCError);
    expect((err as TRPCError).code).toBe("CONFLICT");
    expect(await countUsers(email)).toBe(1);
  });

  it("refuses malformed input with BAD_REQUEST and field messages", async () => {
    const email = `bad.${uid()}@example.com`;
    const err = (await callerFor(h.db, null)
      .auth.register({ email, password: "short", name: "  ", brandSlug })
      .catch((e: unknown) => e)) as TRPCError;
    expect(err.code).toBe("BAD_REQUEST");
    expect(await countUsers(email)).toBe(0);
  });

  it("refuses an unknown brand with NOT_FOUND and writes nothing", async () => {
    const email = `nobrand.${uid()}@example.com`;
    const code = await codeOf(
      callerFor(h.db, null).auth.register({ email, password: "0123456789", name: "Nobody", brandSlug: `missing-${uid()}` }),
    );
    expect(code).toBe("NOT_FOUND");
    expect(await countUsers(email)).toBe(0);
  });

  it("lets exactly one of 20 parallel sign-ups with one e-mail through", async () => {
    const email = `race.${uid()}@example.com`;
    const codes = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        codeOf(callerFor(h.db, null).auth.register({ email, password: "0123456789", name: `Racer ${i}`, brandSlug })),
      ),
    );
    expect(codes.filter((c) => c === "OK")).toHaveLength(1);
    expect(codes.filter((c) => c === "CONFLICT")).toHaveLength(19);
    expect(await countUsers(email)).toBe(1);
  });

  it("gives parallel members with the same name distinct handles", async () => {
    const name = `Nino ${uid()}`;
    const results = await Promise.all(
      Array.from({ length: 8 }, () =>
        callerFor(h.db, null).auth.register({ email: `nino.${uid()}@example.com`, password: "0123456789", name, brandSlug }),
      ),
    );
    expect(new Set(results.map((r) => r.handle.toLowerCase())).size).toBe(8);
  });

  it("limits sign-ups per IP", async () => {
    const ip = `192.0.2.${Math.floor(Math.random() * 250)}`;
    const codes: string[] = [];
    for (let i = 0; i < 11; i++) {
      codes.push(await codeOf(callerFor(h.db, null, ip).auth.register({ email: "x", password: "y", name: "z", brandSlug })));
    }
    // Malformed input is refused before the limiter; valid attempts count.
    expect(codes.every((c) => c === "BAD_REQUEST")).toBe(true);
    const valid: string[] = [];
    for (let i = 0; i < 11; i++) {
      valid.push(
        await codeOf(
          callerFor(h.db, null, ip).auth.register({ email: `lim.${uid()}@example.com`, password: "0123456789", name: "Lim", brandSlug }),
        ),
      );
    }
    expect(valid.slice(0, 10)).toEqual(Array(10).fill("OK"));
    expect(valid[10]).toBe("TOO_MANY_REQUESTS");
  });

  it("never leaves a user without a membership in the brand", async () => {
    const orphans = await h.db
      .select({ id: users.id })
      .from(users)
      .leftJoin(memberships, and(eq(memberships.userId, users.id)))
      .where(sql`${memberships.id} is null and ${users.email} like '%@example.com'`);
    expect(orphans).toEqual([]);
  });
});
