import { randomBytes } from "node:crypto";
import { and, desc, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { balances, brands, memberships, questCompletions, quests, shares, type shareTarget, shareVisits, streaks } from "../../db/schema";
import { DomainError } from "../errors";
import type { Member } from "../points/ledger";

export type ShareTarget = (typeof shareTarget.enumValues)[number];
export type ShareRow = typeof shares.$inferSelect;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** 12 url-safe characters (72 random bits): unguessable, yet short enough to read out or type. */
export function newShareCode(): string {
  return randomBytes(9).toString("base64url");
}

/** Where links point: the public address members use (NEXTAUTH_URL; the server sets it at start). */
export function appOrigin(): string {
  return (process.env.NEXTAUTH_URL ?? `http://localhost:${process.env.PORT ?? 3000}`).replace(/\/+$/, "");
}

export function shareUrl(code: string, origin = appOrigin()): string {
  return `${origin}/s/${code}`;
}

export interface CreateShareArgs {
  member: Member;
  /** A share quest: the link pays for it and the quest decides the target. Any other quest is the target. */
  questId?: string;
  target?: ShareTarget;
  targetId?: string;
}

interface Resolved {
  questId: string | null;
  target: ShareTarget;
  targetId: string | null;
}

async function liveQuest(db: Db, brandId: string, questId: string) {
  if (!UUID.test(questId)) return undefined;
  const [q] = await db
    .select()
    .from(quests)
    .where(and(eq(quests.id, questId), eq(quests.brandId, brandId), isNull(quests.archivedAt)));
  return q;
}

async function resolveTarget(db: Db, a: CreateShareArgs): Promise<Resolved> {
  if (a.questId) {
    const quest = await liveQuest(db, a.member.brandId, a.questId);
    if (!quest) throw new DomainError("NOT_FOUND", "shares.questNotFound", { questId: "shares.questNotFound" });
    if (quest.kind !== "share") return { questId: null, target: "quest", targetId: quest.id };
    const target = quest.shareTarget ?? "brand";
    // A share quest without a named quest to share shares itself.
    const targetId = target === "brand" ? null : target === "quest" ? (quest.shareTargetId ?? quest.id) : quest.shareTargetId;
    return { questId: quest.id, target, targetId };
  }
  const target = a.target ?? "brand";
  if (target === "brand") return { questId: null, target, targetId: null };
  if (!a.targetId) throw new DomainError("BAD_REQUEST", "shares.badTarget", { targetId: "shares.badTarget" });
  if (target === "quest" && !(await liveQuest(db, a.member.brandId, a.targetId))) {
    throw new DomainError("NOT_FOUND", "shares.questNotFound", { targetId: "shares.questNotFound" });
  }
  // Ideas arrive with #6; until then an idea link shows the brand with a placeholder.
  return { questId: null, target, targetId: a.targetId };
}

async function findShare(db: Db, memberId: string, r: Resolved): Promise<ShareRow | undefined> {
  const [row] = await db
    .select()
    .from(shares)
    .where(
      and(
        eq(shares.memberId, memberId),
        eq(shares.target, r.target),
        r.targetId === null ? isNull(shares.targetId) : eq(shares.targetId, r.targetId),
        r.questId === null ? isNull(shares.questId) : eq(shares.questId, r.questId),
      ),
    );
  return row;
}

/**
 * The member's personal link to a page of the brand. One per (member, target, quest): asking again,
 * or two requests racing, return the same code (the unique index decides, ON CONFLICT never aborts).
 */
export async function createShare(db: Db, a: CreateShareArgs): Promise<ShareRow> {
  const r = await resolveTarget(db, a);
  for (let attempt = 0; attempt < 5; attempt++) {
    const [row] = await db
      .insert(shares)
      .values({ code: newShareCode(), brandId: a.member.brandId, memberId: a.member.memberId, ...r })
      .onConflictDoNothing()
      .returning();
    if (row) return row;
    const existing = await findShare(db, a.member.memberId, r);
    if (existing) return existing;
    // Otherwise the random code itself collided: draw another.
  }
  throw new Error("could not allocate a share code");
}

/** What the public page of a link shows. Counts only: never a completion's value (health data). */
export interface SharePage {
  code: string;
  brand: { slug: string; name: string; tagline: string };
  sharer: { handle: string; questsCompleted: number; pointsEarned: number; bestStreak: number };
  target:
    | { kind: "brand" }
    | { kind: "quest"; questId: string; title: string; description: string; icon: string; basePoints: number }
    | { kind: "idea" };
  /** The share quest the link was made for, if any. */
  quest: { title: string } | null;
}

export async function sharePage(db: Db, code: string): Promise<SharePage | null> {
  const [row] = await db
    .select({
      share: shares,
      brand: { slug: brands.slug, name: brands.name, tagline: brands.tagline },
      handle: memberships.handle,
      questTitle: quests.title,
    })
    .from(shares)
    .innerJoin(brands, eq(brands.id, shares.brandId))
    .innerJoin(memberships, eq(memberships.id, shares.memberId))
    .leftJoin(quests, eq(quests.id, shares.questId))
    .where(eq(shares.code, code));
  if (!row) return null;
  const memberId = row.share.memberId;
  const [[done], [balance], [streak]] = await Promise.all([
    db
      .select({ n: sql<number>`count(*)::int` })
      .from(questCompletions)
      .where(and(eq(questCompletions.memberId, memberId), eq(questCompletions.state, "approved"))),
    db.select({ earned: balances.lifetimeEarned }).from(balances).where(eq(balances.memberId, memberId)),
    db
      .select({ best: sql<number>`coalesce(max(${streaks.best}), 0)::int` })
      .from(streaks)
      .where(eq(streaks.memberId, memberId)),
  ]);
  let target: SharePage["target"] = { kind: row.share.target === "idea" ? "idea" : "brand" };
  if (row.share.target === "quest" && row.share.targetId) {
    const q = await liveQuest(db, row.share.brandId, row.share.targetId);
    // A quest archived since the link was made: the page falls back to the brand.
    if (q) target = { kind: "quest", questId: q.id, title: q.title, description: q.description, icon: q.icon, basePoints: q.basePoints };
  }
  return {
    code,
    brand: row.brand,
    sharer: {
      handle: row.handle,
      questsCompleted: done?.n ?? 0,
      pointsEarned: balance?.earned ?? 0,
      bestStreak: streak?.best ?? 0,
    },
    target,
    quest: row.questTitle ? { title: row.questTitle } : null,
  };
}

/** The member's links, newest first, with visits by others and the points they brought. */
export async function sharesOf(db: Db, member: Member) {
  const rows = await db
    .select({
      code: shares.code,
      target: shares.target,
      targetId: shares.targetId,
      questId: shares.questId,
      questTitle: quests.title,
      createdAt: shares.createdAt,
      visits: sql<number>`(select count(*) from ${shareVisits} v
        where v.share_id = ${shares.id} and v.user_id is distinct from ${member.userId})::int`,
      points: sql<number>`(select coalesce(sum(c.points), 0) from ${shareVisits} v
        join ${questCompletions} c on c.id = v.completion_id
        where v.share_id = ${shares.id} and c.state = 'approved')::int`,
    })
    .from(shares)
    .leftJoin(quests, eq(quests.id, shares.questId))
    .where(eq(shares.memberId, member.memberId))
    .orderBy(desc(shares.createdAt));
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }));
}
