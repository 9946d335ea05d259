import { eq, inArray } from "drizzle-orm";
import fc from "fast-check";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/trpc/[trpc]/route";
import type { DbHandle } from "../db/client";
import { memberships, users } from "../db/schema";
import { createBrand, openTestDb, uid } from "../test/db";

let h: DbHandle;
let brandSlug: string;
const run = uid();

beforeAll(async () => {
  h = await openTestDb();
  brandSlug = (await createBrand(h, "Fuzz brand")).slug;
});
afterAll(async () => h.close());

function arbitraries(brandSlug: string) {
  // Mostly hostile input, with enough well-formed sign-ups (and repeats of them) to exercise success and CONFLICT.
  const email = fc.oneof(
    fc.constantFrom(`fz.a.${run}@example.com`, ` FZ.A.${run}@EXAMPLE.com `, `fz.b.${run}@example.com`),
    fc.emailAddress().map((e) => `fz.${run}.${e}`),
    fc.string({ maxLength: 300 }),
    fc.constant(`${"a".repeat(250)}@example.com`),
    fc.integer(),
    fc.constant(null),
  );
  const password = fc.oneof(
    fc.string({ minLength: 10, maxLength: 40 }),
    fc.string({ maxLength: 12 }),
    fc.string({ minLength: 250, maxLength: 400 }),
    fc.boolean(),
  );
  const name = fc.oneof(
    fc.string({ minLength: 1, maxLength: 30 }),
    fc.string({ maxLength: 120 }),
    fc.constant("\u0000evil\u202e"),
    fc.array(fc.string()),
  );
  const brand = fc.oneof(fc.constant(brandSlug), fc.constant(undefined), fc.string({ maxLength: 50 }), fc.constant("no-such-brand"));
  const wellFormed = fc.record({
    email: fc.constantFrom(`fz.a.${run}@example.com`, ` FZ.A.${run}@EXAMPLE.com `, `fz.b.${run}@example.com`),
    password: fc.string({ minLength: 10, maxLength: 40 }),
    name: fc.string({ minLength: 1, maxLength: 30 }).filter((v) => /\p{L}/u.test(v)),
    brandSlug: fc.constant(brandSlug),
  });
  const input = fc.oneof(
    { weight: 1, arbitrary: wellFormed },
    { weight: 6, arbitrary: fc.record({ email, password, name, brandSlug: brand }, { requiredKeys: [] }) },
    { weight: 1, arbitrary: fc.anything() },
  );
  return input;
}

describe("auth.register under 1,000 random and malformed inputs", () => {
  it("answers only 2xx/4xx and leaves no partial rows", async () => {
    const statuses = new Map<number, number>();
    const succeeded: string[] = [];
    let n = 0;
    await fc.assert(
      fc.asyncProperty(arbitraries(brandSlug), fc.boolean(), async (value, rawBody) => {
        n += 1;
        const body = rawBody && typeof value === "string" ? value : JSON.stringify(superjson.serialize(value));
        const res = await POST(
          new Request("http://127.0.0.1:3000/api/trpc/auth.register", {
            method: "POST",
            headers: { "content-type": "application/json", "x-sadiq-client-ip": `203.0.${n >> 8}.${n & 255}` },
            body,
          }),
        );
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        expect([200, 400, 404, 409]).toContain(res.status);
        const text = await res.text();
        expect(text).not.toMatch(/stack|at Object\.|node_modules|select |insert /i);
        if (res.status === 200)
          succeeded.push((JSON.parse(text) as { result: { data: { json: { userId: string } } } }).result.data.json.userId);
      }),
      { numRuns: 1000, seed: 20261124 },
    );
    expect(n, JSON.stringify([...statuses])).toBe(1000);
    expect(statuses.get(409) ?? 0, JSON.stringify([...statuses])).toBeGreaterThan(0);
    expect(succeeded.length).toBeGreaterThan(0);
    // Every acknowledged sign-up has its user and exactly one membership; no other fuzz user exists.
    const created = await h.db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, succeeded));
    expect(created).toHaveLength(succeeded.length);
    const members = await h.db.select({ userId: memberships.userId }).from(memberships).where(inArray(memberships.userId, succeeded));
    expect(members).toHaveLength(succeeded.length);
    const all = await h.db.select({ id: users.id, email: users.email }).from(users);
    const fuzzUsers = all.filter((u) => u.email.includes(`.${run}`) || u.email.includes(`${run}@`));
    expect(fuzzUsers.map((u) => u.id).sort()).toEqual([...succeeded].sort());
    const [a] = await h.db
      .select()
      .from(users)
      .where(eq(users.email, `fz.a.${run}@example.com`));
    expect(a === undefined || succeeded.includes(a.id)).toBe(true);
  });
});
