import { randomBytes } from "node:crypto";
import { VISITOR_COOKIE, visitorId as visitorIdInput } from "@/lib/validation/shares";
import { parseCookies } from "../auth/session";
import { clientIpFrom } from "../client-ip";
import { hit } from "../rate-limit";
import { crossSiteRefusal } from "./http-guard";

/** A page view sends one beacon; this leaves room for a family or an office behind one address. */
const VISITS_PER_IP = { max: 60, windowMs: 60_000 };
const ONE_YEAR_S = 365 * 24 * 3600;

/** A visit beacon that passed the checks every beacon needs, with the browser's visitor id. */
export interface Beacon {
  ip: string;
  userAgent: string;
  cookieHeader: string | null;
  body: unknown;
  /** The `sadiq_vid` cookie's id, or a new one. */
  visitorId: string;
  /** The Set-Cookie that gives a new visitor its id; null when the browser had one. */
  visitorCookie: string | null;
}

export function beaconResponse(status: number, body: unknown, headers: [string, string][] = []): Response {
  const h = new Headers({ "cache-control": "no-store" });
  for (const [name, value] of headers) h.append(name, value);
  return Response.json(body, { status, headers: h });
}

function visitorCookie(value: string): string {
  const secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https:") ? "; Secure" : "";
  return `${VISITOR_COOKIE}=${value}; Path=/; Max-Age=${ONE_YEAR_S}; HttpOnly; SameSite=Lax${secure}`;
}

/**
 * The visit beacons of share and invite links: only a page's script sends them, and a browser always
 * sends Origin with a script's POST, so a request without one (or from another site) is refused, as is
 * an address over its rate. Answers the refusal, or the beacon to record.
 */
export async function readBeacon(req: Request, name: string): Promise<Beacon | Response> {
  if (!req.headers.get("origin") || crossSiteRefusal(req, process.env.NEXTAUTH_URL)) return beaconResponse(403, { error: "forbidden" });
  const ip = clientIpFrom(req.headers);
  const wait = hit(`${name}:ip:${ip}`, VISITS_PER_IP);
  if (wait) return beaconResponse(429, { error: "rate_limited", retryAfter: wait }, [["retry-after", String(wait)]]);
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return beaconResponse(400, { error: "invalid_request" });
  }
  const cookieHeader = req.headers.get("cookie");
  const known = visitorIdInput.safeParse(parseCookies(cookieHeader).get(VISITOR_COOKIE));
  const visitorId = known.success ? known.data : randomBytes(18).toString("base64url");
  return {
    ip,
    userAgent: req.headers.get("user-agent") ?? "",
    cookieHeader,
    body,
    visitorId,
    visitorCookie: known.success ? null : visitorCookie(visitorId),
  };
}
