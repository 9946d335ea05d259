import { readdirSync, readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";

test("GET /api/health reports the database, applied migrations and version", async ({ request }) => {
  const res = await request.get("/api/health");
  expect(res.status()).toBe(200);
  const migrations = readdirSync("drizzle").filter((f) => f.endsWith(".sql")).length;
  const version = (JSON.parse(readFileSync("package.json", "utf8")) as { version: string }).version;
  expect(await res.json()).toEqual({
    status: "ok",
    database: process.env.DATABASE_URL ? "postgres" : "pglite",
    migrations,
    version,
  });
});

test("next-auth, tRPC and pages share the one port", async ({ request }) => {
  expect((await request.get("/api/auth/providers")).status()).toBe(200);
  expect((await request.get("/api/trpc/brands.list")).status()).toBe(200);
  expect((await request.get("/")).status()).toBe(200);
  expect((await request.get("/no-such-page")).status()).toBe(404);
});
