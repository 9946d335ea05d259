import { createHash } from "node:crypto";
import { and, eq, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { memberships, quests, shares, shareVisits } from "../../db/schema";
import { DomainError } from "../errors";
import { complete } from "../quests/completions";

/** A device, as far as a server can tell one: its browser and address, salted so the hash names neither. */
export function deviceHash(userAgent: string, ip: string, salt: string): string {
  return createHash("sha256").update(`${salt}\n${userAgent}\n${ip}`).digest("base64url");
}

// Crawlers that fetch link previews, scripted clients and headless browsers. The beacon already needs
// JavaScript; this catches the automated browsers that run it.
const BOT =
  /bot\b|bot\/|crawl|spider|slurp|scrape|preview|facebookexternalhit|facebot|embedly|whatsapp|telegram|discord|slack|skype|vkshare|pinterest|bitly|headless|phantom|puppeteer|playwright|selenium|lighthouse|curl|wget|python|java\/|okhttp|go-http|node-fetch|axios|undici|libwww|httpclient/i;

export function looksLikeBot(userAgent: string | null | undefined): boolean {
  return !userAgent || userAgent.length < 10 || BOT.test(userAgent);
}

export interface VisitArgs {
  code: string;
  /** The random id in the visitor's `sadiq_vid` cookie. */
  visitorId: string;
  deviceHash: string;
  /** The signed-in user, if any. */
  userId: string | null;
  now?: Date;
}

export interface VisitResult {
  /** False for a visitor already counted on this link: a replayed beacon changes nothing. */
  recorded: boolean;
  /** The sharer themself (signed in, their browser, or one of their devices). */
  own: boolean;
  /** The completion this visit earned the sharer, if it was the first by someone else in the period. */
  completionId: string | null;
}

type ShareInfo = { id: string; memberId: string; sharerUserId: string };

/**
 * Whether the visit is the sharer's: their account, or a browser or device already seen on one of
 * their links while it was theirs. Visits recognised this way are stored under the sharer's user id,
 * so a browser they once used signed in stays theirs when they open the link signed out.
 */
async function isSharer(db: Db, share: ShareInfo, v: VisitArgs): Promise<boolean> {
  if (v.userId === share.sharerUserId) return true;
  const [known] = await db
    .select({ id: shareVisits.id })
    .from(shareVisits)
    .innerJoin(shares, eq(shares.id, shareVisits.shareId))
    .where(
      and(
        eq(shares.memberId, share.memberId),
        eq(shareVisits.userId, share.sharerUserId),
        or(eq(shareVisits.visitorId, v.visitorId), eq(shareVisits.deviceHash, v.deviceHash)),
      ),
    )
    .limit(1);
  return !!known;
}

/**
 * Records one visit per (link, visitor). The first visit by someone other than the sharer in a
 * cadence period completes the link's share quest; the completion core allows one per period, so
 * later visitors (and racing ones) earn nothing and see no error. The completion is made before the
 * visit row under a key naming the visitor, so a retry after a crash pays once, not twice or never.
 */
export async function recordVisit(db: Db, v: VisitArgs): Promise<VisitResult> {
  const now = v.now ?? new Date();
  const [share] = await db
    .select({
      id: shares.id,
      brandId: shares.brandId,
      memberId: shares.memberId,
      questId: shares.questId,
      questKind: quests.kind,
      sharerUserId: memberships.userId,
    })
    .from(shares)
    .innerJoin(memberships, eq(memberships.id, shares.memberId))
    .leftJoin(quests, eq(quests.id, shares.questId))
    .where(eq(shares.code, v.code));
  if (!share) throw new DomainError("NOT_FOUND", "shares.notFound");

  const [seen] = await db
    .select({ userId: shareVisits.userId, completionId: shareVisits.completionId })
    .from(shareVisits)
    .where(and(eq(shareVisits.shareId, share.id), eq(shareVisits.visitorId, v.visitorId)));
  if (seen) return { recorded: false, own: seen.userId === share.sharerUserId, completionId: seen.completionId };

  const own = await isSharer(db, share, v);
  let completionId: string | null = null;
  if (!own && share.questId && share.questKind === "share") {
    try {
      const done = await complete(db, {
        member: { brandId: share.brandId, memberId: share.memberId, userId: share.sharerUserId },
        questId: share.questId,
        key: `share:${share.id}:${v.visitorId}`,
        source: "share",
        now,
      });
      completionId = done.completion.id;
    } catch (err) {
      // Already paid this period, or the quest ended, was archived or is above the sharer's tier:
      // the visit still counts, it just earns nothing.
      if (!(err instanceof DomainError)) throw err;
    }
  }
  const [row] = await db
    .insert(shareVisits)
    .values({
      shareId: share.id,
      visitorId: v.visitorId,
      deviceHash: v.deviceHash,
      userId: v.userId ?? (own ? share.sharerUserId : null),
      completionId,
      createdAt: now,
    })
    .onConflictDoNothing()
    .returning({ id: shareVisits.id });
  return { recorded: !!row, own, completionId };
}
