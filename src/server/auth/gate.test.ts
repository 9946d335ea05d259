import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { csrfValid, gateAuthPost } from "./gate";

const secret = "gate-secret";
const token = "abc123";
const cookie = `next-auth.csrf-token=${token}|${createHash("sha256").update(`${token}${secret}`).digest("hex")}`;

function post(path: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return new Request(`http://127.0.0.1:3000/api/auth/${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      cookie,
      "x-sadiq-client-ip": `198.18.${Math.floor(Math.random() * 250)}.1`,
      ...headers,
    },
    body: new URLSearchParams(fields),
  });
}

describe("csrfValid", () => {
  it("accepts the token that matches the signed cookie", () => {
    expect(csrfValid(cookie, token, secret)).toBe(true);
  });
  it("refuses a wrong token, a wrong signature or no cookie", () => {
    expect(csrfValid(cookie, "other", secret)).toBe(false);
    expect(csrfValid(cookie, token, "other-secret")).toBe(false);
    expect(csrfValid(null, token, secret)).toBe(false);
    expect(csrfValid(cookie, 42, secret)).toBe(false);
  });
});

describe("gateAuthPost", () => {
  it("lets well-formed sign-ins through to next-auth", async () => {
    expect(await gateAuthPost(post("callback/credentials", { csrfToken: token, email: "a@b.co", password: "x" }), secret)).toBeUndefined();
  });
  it("answers malformed input with 400 and field messages", async () => {
    const res = await gateAuthPost(post("callback/credentials", { csrfToken: token, email: "nope", password: "" }), secret);
    expect(res?.status).toBe(400);
    expect(await res?.json()).toEqual({ error: "invalid_request", fields: { email: "email.invalid", password: "password.required" } });
  });
  it("answers a missing CSRF token with 403", async () => {
    const res = await gateAuthPost(post("signin/email", { email: "a@b.co" }), secret);
    expect(res?.status).toBe(403);
  });
  it("limits attempts per account with 429 and Retry-After", async () => {
    const email = `limit.${Date.now()}@example.com`;
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) {
      const res = await gateAuthPost(post("callback/credentials", { csrfToken: token, email, password: "guess" }), secret);
      statuses.push(res?.status ?? 0);
    }
    expect(statuses.slice(0, 10)).toEqual(Array(10).fill(0));
    expect(statuses[10]).toBe(429);
  });
  it("ignores other auth endpoints", async () => {
    expect(await gateAuthPost(post("signout", {}), secret)).toBeUndefined();
  });
});
