import { z } from "zod";
import { normalizeReferralCode } from "@/lib/validation/referrals";
import { beaconResponse, readBeacon } from "@/server/api/beacon";
import { getDb } from "@/server/db/client";
import { referralCookie } from "@/server/domain/referrals/request";
import { recordVisit } from "@/server/domain/referrals/visits";

export const dynamic = "force-dynamic";

const beaconInput = z.object({ code: z.string().trim().min(1).max(64) });
const notFound = () => beaconResponse(404, { error: "not_found", message: "referrals.notFound" });

/**
 * The visit beacon of /r/<code>: counts the visit in the referrer's funnel and remembers the invite in
 * the `sadiq_ref` cookie for the brand's number of days, so a sign-up by password, magic link or OAuth
 * in this browser is attached. Only a page's script sends it, so link-preview crawlers never count.
 */
export async function POST(req: Request) {
  const beacon = await readBeacon(req, "referral-visit");
  if (beacon instanceof Response) return beacon;
  const parsed = beaconInput.safeParse(beacon.body);
  const code = parsed.success ? normalizeReferralCode(parsed.data.code) : null;
  if (!code) return notFound();
  const visit = await recordVisit(getDb(), { code, visitorId: beacon.visitorId, ip: beacon.ip, userAgent: beacon.userAgent });
  if (!visit.known) return notFound();
  const cookies: [string, string][] = [["set-cookie", referralCookie(code, visit.cookieDays)]];
  if (beacon.visitorCookie) cookies.push(["set-cookie", beacon.visitorCookie]);
  return beaconResponse(200, { ok: true }, cookies);
}
