import type { Db } from "../../db/client";
import { referralVisits } from "../../db/schema";
import { brandTimeZone } from "../boards/boards";
import { localDay } from "../quests/periods";
import { looksLikeBot } from "../shares/visits";
import { ownerOfCode } from "./codes";
import { hashIp, hashVisitor } from "./request";
import { loadSettings } from "./settings";

export interface ReferralVisitArgs {
  code: string;
  /** The random id of the visitor's `sadiq_vid` cookie. */
  visitorId: string;
  ip: string;
  userAgent: string;
  now?: Date;
}

export interface ReferralVisitResult {
  /** The code names a member of a brand with referrals on: the caller sets the cookie. */
  known: boolean;
  /** A new (code, visitor, day): it counted in the funnel. */
  recorded: boolean;
  /** How long the `sadiq_ref` cookie should live. */
  cookieDays: number;
}

/**
 * One visit per invite link, browser and day (in the brand's time zone) for the referrer's funnel.
 * Unknown codes and crawlers count nothing; the referrer's own visits count like anyone's, since a
 * funnel of link opens is theirs to read.
 */
export async function recordVisit(db: Db, v: ReferralVisitArgs): Promise<ReferralVisitResult> {
  const now = v.now ?? new Date();
  const owner = await ownerOfCode(db, v.code);
  if (!owner) return { known: false, recorded: false, cookieDays: 0 };
  const s = await loadSettings(db, owner.brandId);
  if (!s.enabled) return { known: false, recorded: false, cookieDays: 0 };
  if (looksLikeBot(v.userAgent)) return { known: true, recorded: false, cookieDays: s.cookieDays };
  const day = localDay(now, await brandTimeZone(db, owner.brandId));
  const inserted = await db
    .insert(referralVisits)
    .values({ memberId: owner.memberId, visitorHash: hashVisitor(v.visitorId), day, ipHash: hashIp(v.ip), createdAt: now })
    .onConflictDoNothing()
    .returning({ day: referralVisits.day });
  return { known: true, recorded: inserted.length > 0, cookieDays: s.cookieDays };
}
