import { randomBytes } from "node:crypto";
import { VISITOR_COOKIE, visitBeaconInput, visitorId as visitorIdInput } from "@/lib/validation/shares";
import { crossSiteRefusal } from "@/server/api/http-guard";
import { parseCookies, userIdFromCookieHeader } from "@/server/auth/session";
import { clientIpFrom } from "@/server/client-ip";
import { getDb } from "@/server/db/client";
import { DomainError } from "@/server/domain/errors";
import { deviceHash, looksLikeBot, recordVisit } from "@/server/domain/shares/visits";
import { hit } from "@/server/rate-limit";

export const dynamic = "force-dynamic";

/** A page view sends one beacon; this leaves room for a family or an office behind one address. */
const VISITS_PER_IP = { max: 60, windowMs: 60_000 };
const ONE_YEAR_S = 365 * 24 * 3600;

function json(status: number, body: unknown, headers: Record<string, string> = {}) {
  return Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });
}

function visitorCookie(value: string): string {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https:") ? "; Secure" : "";
  return `${VISITOR_COOKIE}=${value}; Path=/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * The visit beacon of /s/<code>: only a page's script sends it (link-preview crawlers never run
 * scripts), so only browsers are counted. Gives the browser its visitor cookie on the first visit.
 */
export async function POST(req: Request) {
  // A browser always sends Origin with a script's POST; without one it is not the page's beacon.
  if (!req.headers.get("origin") || crossSiteRefusal(req, process.env.NEXTAUTH_URL)) return json(403, { error: "forbidden" });
  const ip = clientIpFrom(req.headers);
  const wait = hit(`share-visit:ip:${ip}`, VISITS_PER_IP);
  if (wait) return json(429, { error: "rate_limited", retryAfter: wait }, { "retry-after": String(wait) });

  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json(400, { error: "invalid_request" });
  }
  const parsed = visitBeaconInput.safeParse(body);
  if (!parsed.success) return json(404, { error: "not_found", message: "shares.notFound" });

  const userAgent = req.headers.get("user-agent") ?? "";
  if (looksLikeBot(userAgent)) return json(202, { ok: true });

  const cookieHeader = req.headers.get("cookie");
  const known = visitorIdInput.safeParse(parseCookies(cookieHeader).get(VISITOR_COOKIE));
  const visitorId = known.success ? known.data : randomBytes(18).toString("base64url");
  const headers: Record<string, string> = known.success ? {} : { "set-cookie": visitorCookie(visitorId) };
  try {
    await recordVisit(getDb(), {
      code: parsed.data.code,
      visitorId,
      deviceHash: deviceHash(userAgent, ip, process.env.NEXTAUTH_SECRET ?? ""),
      userId: await userIdFromCookieHeader(cookieHeader),
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return json(404, { error: "not_found", message: err.key });
    throw err;
  }
  // Whether the visit earned anything is the sharer's business, not the visitor's.
  return json(200, { ok: true }, headers);
}
