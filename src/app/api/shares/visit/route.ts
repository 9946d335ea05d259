import { visitBeaconInput } from "@/lib/validation/shares";
import { beaconResponse, readBeacon } from "@/server/api/beacon";
import { userIdFromCookieHeader } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { DomainError } from "@/server/domain/errors";
import { deviceHash, looksLikeBot, recordVisit } from "@/server/domain/shares/visits";

export const dynamic = "force-dynamic";

/**
 * The visit beacon of /s/<code>: only a page's script sends it (link-preview crawlers never run
 * scripts), so only browsers are counted. Gives the browser its visitor cookie on the first visit.
 */
export async function POST(req: Request) {
  const beacon = await readBeacon(req, "share-visit");
  if (beacon instanceof Response) return beacon;
  const parsed = visitBeaconInput.safeParse(beacon.body);
  if (!parsed.success) return beaconResponse(404, { error: "not_found", message: "shares.notFound" });
  if (looksLikeBot(beacon.userAgent)) return beaconResponse(202, { ok: true });
  try {
    await recordVisit(getDb(), {
      code: parsed.data.code,
      visitorId: beacon.visitorId,
      deviceHash: deviceHash(beacon.userAgent, beacon.ip, process.env.NEXTAUTH_SECRET ?? ""),
      userId: await userIdFromCookieHeader(beacon.cookieHeader),
    });
  } catch (err) {
    if (err instanceof DomainError && err.code === "NOT_FOUND") return beaconResponse(404, { error: "not_found", message: err.key });
    throw err;
  }
  // Whether the visit earned anything is the sharer's business, not the visitor's.
  return beaconResponse(200, { ok: true }, beacon.visitorCookie ? [["set-cookie", beacon.visitorCookie]] : []);
}
