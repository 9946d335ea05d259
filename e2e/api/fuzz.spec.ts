import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import fc from "fast-check";

// 1,000 random and malformed inputs each to auth.register and to the sign-in endpoint of the real
// server. Only 4xx answers (and 200 for a well-formed sign-up) may come back; never a 5xx or a redirect.
const run = randomUUID().slice(0, 8);
let ip = 0;
const nextIp = () => {
  ip += 1;
  return `198.19.${(ip >> 8) & 255}.${ip & 255}`;
};

const text = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.constant(""),
  fc.constant("a".repeat(5000)),
);
const emailish = fc.oneof(
  text,
  fc.emailAddress().map((e) => `f${run}.${e}`),
  fc.constant(`F${run}@EXAMPLE.COM`),
);
const str = (v: unknown): string => (typeof v === "string" ? v : (JSON.stringify(v) ?? ""));
const wellFormed = fc.record({
  email: fc.constantFrom(`ok.a.${run}@example.com`, ` OK.A.${run}@Example.com`, `ok.b.${run}@example.com`).chain((e) =>
    fc.oneof(
      fc.constant(e),
      fc.emailAddress().map((x) => `ok.${run}.${x}`),
    ),
  ),
  password: fc.string({ minLength: 10, maxLength: 30 }),
  name: fc.constantFrom("Aysel", "Giorgi Kapanadze", "Çağrı", "ნინო"),
});
const value = fc.oneof(
  text,
  emailish,
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
);

test("auth.register answers 1,000 random inputs with 200 or 4xx only", async ({ request }) => {
  test.setTimeout(300_000);
  const statuses: Record<number, number> = {};
  const created: string[] = [];
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        { weight: 1, arbitrary: wellFormed },
        {
          weight: 3,
          arbitrary: fc.record(
            {
              email: value,
              password: fc.oneof(value, fc.string({ minLength: 10, maxLength: 30 })),
              name: value,
              brandSlug: fc.option(value),
            },
            { requiredKeys: [] },
          ),
        },
      ),
      fc.constantFrom("json", "json", "raw", "form"),
      async (input, mode) => {
        const body =
          mode === "json"
            ? JSON.stringify({ json: input })
            : mode === "raw"
              ? str(input.email)
              : new URLSearchParams({ email: str(input.email) }).toString();
        const res = await request.post("/api/trpc/auth.register", {
          headers: {
            "content-type": mode === "form" ? "application/x-www-form-urlencoded" : "application/json",
            "x-forwarded-for": nextIp(),
          },
          data: body,
          maxRedirects: 0,
        });
        statuses[res.status()] = (statuses[res.status()] ?? 0) + 1;
        expect(
          res.status() === 200 || (res.status() >= 400 && res.status() < 500),
          `status ${res.status()} for ${body.slice(0, 200)}`,
        ).toBe(true);
        const answer = await res.text();
        expect(answer).not.toMatch(/"stack"|node_modules|at async/);
        if (res.status() === 200) created.push(str(input.email).trim().toLowerCase());
      },
    ),
    { numRuns: 1000 },
  );
  console.log("auth.register statuses:", JSON.stringify(statuses));
  expect(statuses[200] ?? 0).toBeGreaterThan(0);
  expect(statuses[409] ?? 0).toBeGreaterThan(0);
  // Acknowledged sign-ups exist: the same e-mail is now taken.
  for (const email of created.slice(0, 20)) {
    const res = await request.post("/api/trpc/auth.register", {
      headers: { "content-type": "application/json", "x-forwarded-for": nextIp() },
      data: { json: { email, password: "0123456789ab", name: "Again" } },
    });
    expect(res.status(), email).toBe(409);
  }
});

test("the sign-in endpoint answers 1,000 random inputs with 4xx only", async ({ request }) => {
  test.setTimeout(300_000);
  const known = `known.${run}@example.com`;
  await request.post("/api/trpc/auth.register", {
    headers: { "content-type": "application/json", "x-forwarded-for": nextIp() },
    data: { json: { email: known, password: "the real password", name: "Known" } },
  });
  const csrf = ((await (await request.get("/api/auth/csrf")).json()) as { csrfToken: string }).csrfToken;
  const statuses: Record<number, number> = {};
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.record({
          email: fc.oneof(
            fc.constant(known),
            wellFormed.map((w) => w.email),
          ),
          password: fc.string({ minLength: 1, maxLength: 30 }),
          csrfToken: fc.constant(csrf),
        }),
        fc.record(
          {
            email: value,
            password: value,
            csrfToken: fc.oneof(fc.constant(csrf), text),
            json: fc.constantFrom("true", "false", undefined),
          },
          { requiredKeys: [] },
        ),
      ),
      fc.constantFrom("form", "json", "garbage"),
      async (input, mode) => {
        const form = Object.fromEntries(Object.entries(input).map(([k, v]) => [k, str(v)]));
        const res = await request.post("/api/auth/callback/credentials", {
          headers: { "x-forwarded-for": nextIp(), ...(mode === "garbage" ? { "content-type": "application/octet-stream" } : {}) },
          ...(mode === "form" ? { form } : mode === "json" ? { data: input } : { data: Buffer.from(str(input.email)) }),
          maxRedirects: 0,
        });
        statuses[res.status()] = (statuses[res.status()] ?? 0) + 1;
        expect(res.status() >= 400 && res.status() < 500, `status ${res.status()} for ${JSON.stringify(form).slice(0, 200)}`).toBe(true);
      },
    ),
    { numRuns: 1000 },
  );
  console.log("sign-in statuses:", JSON.stringify(statuses));
  expect(statuses[401] ?? 0).toBeGreaterThan(0);
});
