import { AsyncLocalStorage } from "node:async_hooks";
import { createHash } from "node:crypto";
import { normalizeReferralCode, REFERRAL_COOKIE } from "@/lib/validation/referrals";
import { VISITOR_COOKIE, visitorId as visitorIdSchema } from "@/lib/validation/shares";
import { parseCookies } from "../../auth/session";
import { clientIpFrom } from "../../client-ip";
import { deviceHash } from "../shares/visits";

export { REFERRAL_COOKIE };

/** What a sign-up request tells about where it came from; only hashes of it are ever stored. */
export interface SignUpSource {
  /** The code typed or carried by the `sadiq_ref` cookie; anything that is not a code is ignored. */
  code: string | null;
  ip: string;
  userAgent: string;
  /** The `sadiq_vid` browser cookie, when the visitor has one. */
  visitorId: string | null;
}

const secret = () => process.env.NEXTAUTH_SECRET ?? "";

/** sha256 with the server secret: equal values compare equal, yet the table names none of them. */
function salted(kind: string, value: string): string {
  return createHash("sha256").update(`${secret()}\n${kind}\n${value}`).digest("base64url");
}

export const hashIp = (ip: string) => salted("ip", ip);
export const hashVisitor = (visitorId: string) => salted("vid", visitorId);

/** One browser: its visitor cookie when it has one, else its user agent and address, as share visits tell devices. */
export function deviceKey(s: Pick<SignUpSource, "visitorId" | "userAgent" | "ip">): string {
  return s.visitorId ? hashVisitor(s.visitorId) : deviceHash(s.userAgent, s.ip, secret());
}

/** The referral code in a Cookie header, or null when there is none or it is not a code. */
export function referralCodeFromCookieHeader(header: string | null | undefined): string | null {
  return normalizeReferralCode(parseCookies(header).get(REFERRAL_COOKIE));
}

export function visitorIdFromCookieHeader(header: string | null | undefined): string | null {
  const parsed = visitorIdSchema.safeParse(parseCookies(header).get(VISITOR_COOKIE));
  return parsed.success ? parsed.data : null;
}

/** The Set-Cookie value that remembers an invite for the brand's number of days. */
export function referralCookie(code: string, days: number, secure = (process.env.NEXTAUTH_URL ?? "").startsWith("https:")): string {
  return `${REFERRAL_COOKIE}=${code}; Path=/; Max-Age=${days * 86_400}; HttpOnly; SameSite=Lax${secure ? "; Secure" : ""}`;
}

/** A typed code wins over the cookie; a typed code that is not one falls back to the cookie. */
export function signUpSource(r: {
  code?: string | null;
  cookieHeader?: string | null;
  ip: string;
  userAgent?: string | null;
}): SignUpSource {
  return {
    code: normalizeReferralCode(r.code) ?? referralCodeFromCookieHeader(r.cookieHeader),
    ip: r.ip,
    userAgent: r.userAgent ?? "",
    visitorId: visitorIdFromCookieHeader(r.cookieHeader),
  };
}

export function signUpSourceFrom(headers: Headers): SignUpSource {
  return signUpSource({ cookieHeader: headers.get("cookie"), ip: clientIpFrom(headers), userAgent: headers.get("user-agent") });
}

/**
 * next-auth's createUser event is not given the request, so the auth route runs its handler inside this
 * store and the event reads where the sign-up came from. Kept on globalThis: the route and the auth
 * options may be loaded as separate module copies.
 */
const g = globalThis as unknown as { __sadiqSignUpRequest?: AsyncLocalStorage<SignUpSource> };
if (!g.__sadiqSignUpRequest) g.__sadiqSignUpRequest = new AsyncLocalStorage<SignUpSource>();
const store = g.__sadiqSignUpRequest;

export function withSignUpRequest<T>(req: Request, fn: () => T): T {
  return store.run(signUpSourceFrom(req.headers), fn);
}

export function currentSignUpSource(): SignUpSource | undefined {
  return store.getStore();
}
