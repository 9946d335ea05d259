import { randomBytes } from "node:crypto";
import { z } from "zod";
import { normalizeReferralCode } from "@/lib/validation/referrals";
import { VISITOR_COOKIE, visitorId as visitorIdInput } from "@/lib/validation/shares";
import { crossSiteRefusal } from "@/server/api/http-guard";
import { parseCookies } from "@/server/auth/session";
import { clientIpFrom } from "@/server/client-ip";
import { getDb } from "@/server/db/client";
import { referralCookie } from "@/server/domain/referrals/request";
import { recordVisit } from "@/server/domain/referrals/visits";
import { hit } from "@/server/rate-limit";

export const dynamic = "force-dynamic";

/** A page view sends one beacon; this leaves room for a family or an office behind one address. */
const VISITS_PER_IP = { max: 60, windowMs: 60_000 };
const ONE_YEAR_S = 365 * 24 * 3600;
const beaconInput = z.object({ code: z.string().trim().min(1).max(64) });

function json(status: number, body: unknown, headers: [string, string][] = []) {
  const h = new Headers({ "cache-control": "no-store" });
  for (const [name, value] of headers) h.append(name, value);
  return Response.json(body, { status, headers: h });
}

function visitorCookie(value: string): string {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https:") ? "; Secure" : "";
  return `${VISITOR_COOKIE}=${value}; Path=/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * The visit beacon of /r/<code>: counts the visit in the referrer's funnel and remembers the invite in
 * the `sadiq_ref` cookie for the brand's number of days, so a sign-up by password, magic link or OAuth
 * in this browser is attached. Only a page's script sends it, so link-preview crawlers never count.
 */
export async function POST(req: Request) {
  // A browser always sends Origin with a script's POST; without one it is not the page's beacon.
  if (!req.headers.get("origin") || crossSiteRefusal(req, process.env.NEXTAUTH_URL)) return json(403, { error: "forbidden" });
  const ip = clientIpFrom(req.headers);
  const wait = hit(`referral-visit:ip:${ip}`, VISITS_PER_IP);
  if (wait) return json(429, { error: "rate_limited", retryAfter: wait }, [["retry-after", String(wait)]]);

  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return json(400, { error: "invalid_request" });
  }
  const parsed = beaconInput.safeParse(body);
  if (!parsed.success) return json(404, { error: "not_found", message: "referrals.notFound" });

  const known = visitorIdInput.safeParse(parseCookies(req.headers.get("cookie")).get(VISITOR_COOKIE));
  const visitorId = known.success ? known.data : randomBytes(18).toString("base64url");
  const visit = await recordVisit(getDb(), {
    code: parsed.data.code,
    visitorId,
    ip,
    userAgent: req.headers.get("user-agent") ?? "",
  });
  const code = normalizeReferralCode(parsed.data.code);
  if (!visit.known || !code) return json(404, { error: "not_found", message: "referrals.notFound" });
  const cookies: [string, string][] = [["set-cookie", referralCookie(code, visit.cookieDays)]];
  if (!known.success) cookies.push(["set-cookie", visitorCookie(visitorId)]);
  return json(200, { ok: true }, cookies);
}
