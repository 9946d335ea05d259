import { createHash, timingSafeEqual } from "node:crypto";
import { fieldErrors, magicLinkInput, signInInput } from "@/lib/validation/auth";
import { clientIpFrom } from "../client-ip";
import { hit, LIMITS } from "../rate-limit";

const CSRF_COOKIES = ["__Host-next-auth.csrf-token", "next-auth.csrf-token"];

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers });
}

function cookieValue(header: string | null, name: string): string | undefined {
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0 && part.slice(0, i).trim() === name) return decodeURIComponent(part.slice(i + 1).trim());
  }
  return undefined;
}

/** Same check as next-auth's: the body token must match the signed cookie. */
export function csrfValid(cookieHeader: string | null, bodyToken: unknown, secret: string): boolean {
  if (typeof bodyToken !== "string" || bodyToken.length === 0 || bodyToken.length > 200) return false;
  const cookie = CSRF_COOKIES.map((n) => cookieValue(cookieHeader, n)).find(Boolean);
  if (!cookie) return false;
  const [token, hash] = cookie.split("|");
  if (!token || !hash) return false;
  const expected = createHash("sha256").update(`${token}${secret}`).digest("hex");
  const a = Buffer.from(hash);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b) && token === bodyToken;
}

async function readBody(req: Request): Promise<Record<string, unknown> | undefined> {
  const type = req.headers.get("content-type") ?? "";
  try {
    if (type.includes("application/json")) {
      const body = (await req.json()) as unknown;
      return body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : undefined;
    }
    if (type.includes("application/x-www-form-urlencoded")) {
      return Object.fromEntries(new URLSearchParams(await req.text()));
    }
  } catch {
    return undefined;
  }
  return undefined;
}

/**
 * Checks a sign-in POST before next-auth sees it, so malformed input gets a 400 with field
 * messages, a bad CSRF token a 403 and too many attempts a 429 — never a redirect or a 500.
 * Returns undefined when next-auth may handle the request.
 */
export async function gateAuthPost(req: Request, secret: string): Promise<Response | undefined> {
  const path = new URL(req.url).pathname;
  const isCredentials = path.endsWith("/callback/credentials");
  const isEmail = path.endsWith("/signin/email");
  if (!isCredentials && !isEmail) return undefined;
  const body = await readBody(req.clone());
  if (!body) return json(400, { error: "invalid_request", fields: { form: "form.invalid" } });
  if (!csrfValid(req.headers.get("cookie"), body.csrfToken, secret)) {
    return json(403, { error: "csrf", fields: { form: "form.expired" } });
  }
  const ip = clientIpFrom(req.headers);
  if (isEmail) {
    const parsed = magicLinkInput.safeParse({ email: body.email });
    if (!parsed.success) return json(400, { error: "invalid_request", fields: fieldErrors(parsed.error) });
    const wait = hit(`magic:ip:${ip}`, LIMITS.magicLinkPerIp);
    if (wait) return json(429, { error: "rate_limited", retryAfter: wait }, { "retry-after": String(wait) });
    return undefined;
  }
  const parsed = signInInput.safeParse({ email: body.email, password: body.password });
  if (!parsed.success) return json(400, { error: "invalid_request", fields: fieldErrors(parsed.error) });
  const wait = Math.max(hit(`signin:ip:${ip}`, LIMITS.signInPerIp), hit(`signin:account:${parsed.data.email}`, LIMITS.signInPerAccount));
  if (wait) return json(429, { error: "rate_limited", retryAfter: wait }, { "retry-after": String(wait) });
  return undefined;
}
