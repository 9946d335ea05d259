import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import superjson from "superjson";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { GET as trpcGet, POST as trpcPost } from "@/app/api/trpc/[trpc]/route";
import type { DbHandle } from "../db/client";
import { memberships } from "../db/schema";
import { registerMember } from "../domain/accounts/register";
import { callerFor } from "../test/caller";
import { createBrand, openTestDb, uid } from "../test/db";
import { memberProcedure, publicProcedure, router, staffProcedure } from "./trpc";

let h: DbHandle;
let brandA: { id: string; slug: string };
let brandB: { id: string; slug: string };
let member: string;
let moderatorA: string;
let adminB: string;

async function user(brand: { slug: string }, name: string) {
  const r = await registerMember(h.db, {
    email: `${name.toLowerCase()}.${uid()}@example.com`,
    password: "0123456789",
    name,
    brandSlug: brand.slug,
  });
  return r.userId;
}

beforeAll(async () => {
  h = await openTestDb();
  brandA = await createBrand(h, "Brand A");
  brandB = await createBrand(h, "Brand B");
  member = await user(brandA, "Member");
  moderatorA = await user(brandA, "Moderator");
  await h.db.update(memberships).set({ role: "moderator" }).where(eq(memberships.userId, moderatorA));
  adminB = await user(brandB, "Admin");
  await h.db.update(memberships).set({ role: "admin" }).where(eq(memberships.userId, adminB));
});
afterAll(async () => h.close());

// A router built from the real procedure kinds, to check their authorization rules.
const probe = router({
  open: publicProcedure.query(() => "open"),
  memberOnly: memberProcedure.input(z.object({ note: z.string().optional() })).query(({ ctx }) => ctx.membership.role),
  staffOnly: staffProcedure().query(({ ctx }) => ctx.membership.role),
  adminOnly: staffProcedure("admin").query(({ ctx }) => ctx.membership.role),
  boom: publicProcedure.query(() => {
    throw new Error('relation "secret_table" does not exist at SELECT * FROM secret_table');
  }),
});
const probeCaller = (userId: string | null) => probe.createCaller({ db: h.db, userId, ip: "127.0.0.1" });

async function code(p: Promise<unknown>) {
  return p.then(
    () => "OK",
    (e: unknown) => (e instanceof TRPCError ? e.code : "THROWN"),
  );
}

describe("procedure kinds", () => {
  it("member procedures need a session and a membership of the named brand", async () => {
    expect(await code(probeCaller(null).memberOnly({ brandSlug: brandA.slug }))).toBe("UNAUTHORIZED");
    expect(await probeCaller(member).memberOnly({ brandSlug: brandA.slug })).toBe("member");
    expect(await code(probeCaller(member).memberOnly({ brandSlug: brandB.slug }))).toBe("FORBIDDEN");
    expect(await code(probeCaller(member).memberOnly({ brandSlug: "no-such-brand" }))).toBe("FORBIDDEN");
  });

  it("staff procedures refuse members and staff of other brands", async () => {
    expect(await code(probeCaller(member).staffOnly({ brandSlug: brandA.slug }))).toBe("FORBIDDEN");
    expect(await probeCaller(moderatorA).staffOnly({ brandSlug: brandA.slug })).toBe("moderator");
    expect(await code(probeCaller(moderatorA).adminOnly({ brandSlug: brandA.slug }))).toBe("FORBIDDEN");
    expect(await code(probeCaller(adminB).staffOnly({ brandSlug: brandA.slug }))).toBe("FORBIDDEN");
    expect(await probeCaller(adminB).adminOnly({ brandSlug: brandB.slug })).toBe("admin");
  });

  it("unexpected errors reach the client as a generic message without SQL or a stack", async () => {
    const res = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://app.test/api/trpc/boom"),
      router: probe,
      createContext: () => ({ db: h.db, userId: null, ip: "127.0.0.1" }),
      onError: () => {},
    });
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).toContain("errors.internal");
    expect(text).not.toContain("secret_table");
    expect(text).not.toContain("stack");
  });
});

describe("me and brands", () => {
  it("me.get refuses anonymous callers and describes the signed-in member", async () => {
    expect(await code(callerFor(h.db, null).me.get())).toBe("UNAUTHORIZED");
    const me = await callerFor(h.db, member).me.get();
    expect(me.id).toBe(member);
    expect(me.memberships).toEqual([
      expect.objectContaining({ brandSlug: brandA.slug, role: "member", handle: expect.stringMatching(/^member/) }),
    ]);
  });

  it("brands.get answers public callers and NOT_FOUND for unknown slugs", async () => {
    const brand = await callerFor(h.db, null).brands.get({ slug: brandA.slug });
    expect(brand).toMatchObject({ slug: brandA.slug, name: "Brand A", memberCount: 2 });
    expect(await code(callerFor(h.db, null).brands.get({ slug: "nope-nope" }))).toBe("NOT_FOUND");
    const list = await callerFor(h.db, null).brands.list();
    expect(list.map((b) => b.slug)).toEqual(expect.arrayContaining([brandA.slug, brandB.slug]));
  });
});

describe("the /api/trpc route", () => {
  const url = "http://127.0.0.1:3000/api/trpc";
  const body = (input: unknown) => JSON.stringify(superjson.serialize(input));

  it("refuses mutations from another origin with 403 and writes nothing", async () => {
    const email = `csrf.${uid()}@example.com`;
    const res = await trpcPost(
      new Request(`${url}/auth.register`, {
        method: "POST",
        headers: { origin: "http://evil.test", host: "127.0.0.1:3000", "content-type": "application/json" },
        body: body({ email, password: "0123456789", name: "Victim", brandSlug: brandA.slug }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await code(callerFor(h.db, null).auth.register({ email, password: "0123456789", name: "Victim", brandSlug: brandA.slug }))).toBe(
      "OK",
    );
  });

  it("accepts same-origin mutations", async () => {
    const res = await trpcPost(
      new Request(`${url}/auth.register`, {
        method: "POST",
        headers: {
          origin: "http://127.0.0.1:3000",
          host: "127.0.0.1:3000",
          "content-type": "application/json",
          "x-sadiq-client-ip": "198.51.100.7",
        },
        body: body({ email: `same.${uid()}@example.com`, password: "0123456789", name: "Same", brandSlug: brandA.slug }),
      }),
    );
    expect(res.status).toBe(200);
  });

  it("caps batches at 20 calls", async () => {
    const names = (n: number) => Array.from({ length: n }, () => "brands.list").join(",");
    const input = encodeURIComponent(JSON.stringify(Object.fromEntries(Array.from({ length: 21 }, (_, i) => [i, { json: null }]))));
    expect((await trpcGet(new Request(`${url}/${names(20)}?batch=1&input=${input}`))).status).toBe(200);
    expect((await trpcGet(new Request(`${url}/${names(21)}?batch=1&input=${input}`))).status).toBe(400);
  });

  it("reads the session from the next-auth cookie", async () => {
    const token = await encode({ token: { sub: member }, secret: process.env.NEXTAUTH_SECRET ?? "" });
    const res = await trpcGet(new Request(`${url}/me.get`, { headers: { cookie: `next-auth.session-token=${token}` } }));
    expect(res.status).toBe(200);
    const json = (await res.json()) as { result: { data: { json: { id: string } } } };
    expect(json.result.data.json.id).toBe(member);
    const forged = await encode({ token: { sub: member }, secret: "another-secret-another-secret" });
    const refused = await trpcGet(new Request(`${url}/me.get`, { headers: { cookie: `next-auth.session-token=${forged}` } }));
    expect(refused.status).toBe(401);
  });
});
