import { and, asc, eq, isNull, ne } from "drizzle-orm";
import { brandSlugSchema } from "@/lib/validation/auth";
import { EVENT_HEADERS } from "@/lib/validation/integrations";
import type { Db, DbOrTx } from "../../db/client";
import { brands, integrationSecrets, memberships, quests } from "../../db/schema";
import { memberByHandle } from "../accounts/members";
import { audit } from "../audit/audit";
import { DomainError } from "../errors";
import { questStatus } from "../quests/quests";
import { ApiError } from "./api-error";
import { isFresh, matches, newSecret, parseSignature, parseTimestamp } from "./signature";

/** How long the secret before a rotation keeps working, so a brand can roll its systems over without downtime. */
export const GRACE_MS = 24 * 60 * 60_000;

const PREVIEW_CHARS = 8;

/** What staff see about the brand's integration: never the secret, only its first characters. */
export async function integrationOf(db: DbOrTx, brandId: string, now = new Date()) {
  const [row] = await db.select().from(integrationSecrets).where(eq(integrationSecrets.brandId, brandId));
  const custom = await db
    .select()
    .from(quests)
    .where(and(eq(quests.brandId, brandId), eq(quests.kind, "custom"), isNull(quests.archivedAt)))
    .orderBy(asc(quests.createdAt));
  const graceLeft = row?.previousSecret && row.previousValidUntil && row.previousValidUntil > now;
  return {
    hasSecret: !!row,
    secretPreview: row ? `${row.secret.slice(0, PREVIEW_CHARS)}…` : null,
    rotatedAt: row ? row.rotatedAt.toISOString() : null,
    previousValidUntil: graceLeft && row.previousValidUntil ? row.previousValidUntil.toISOString() : null,
    customQuests: custom.map((q) => ({ id: q.id, title: q.title, active: questStatus(q, now) === "active" })),
  };
}

/**
 * Issues a new secret (the first one when the brand has none). The one it replaces stays valid for
 * 24 hours; a second rotation within that time ends the oldest at once. Returned in full only here.
 */
export async function rotateSecret(db: Db, args: { brandId: string; actorUserId: string; now?: Date }) {
  const now = args.now ?? new Date();
  const secret = newSecret();
  return db.transaction(async (tx) => {
    const [created] = await tx
      .insert(integrationSecrets)
      .values({ brandId: args.brandId, secret, rotatedAt: now, rotatedBy: args.actorUserId })
      .onConflictDoNothing()
      .returning();
    let previousValidUntil: Date | null = null;
    let before: { rotatedAt: string } | null = null;
    if (!created) {
      const [current] = await tx.select().from(integrationSecrets).where(eq(integrationSecrets.brandId, args.brandId)).for("update");
      if (!current) throw new Error("integration secret vanished");
      previousValidUntil = new Date(now.getTime() + GRACE_MS);
      before = { rotatedAt: current.rotatedAt.toISOString() };
      await tx
        .update(integrationSecrets)
        .set({ secret, previousSecret: current.secret, previousValidUntil, rotatedAt: now, rotatedBy: args.actorUserId })
        .where(eq(integrationSecrets.brandId, args.brandId));
    }
    // The audit log records that and when, never the secret or any part of it.
    await audit(tx, {
      brandId: args.brandId,
      actorUserId: args.actorUserId,
      action: created ? "integrations.createSecret" : "integrations.rotateSecret",
      targetType: "integration",
      targetId: "events-api",
      before,
      after: { rotatedAt: now.toISOString(), previousValidUntil: previousValidUntil?.toISOString() ?? null },
    });
    return { secret, rotatedAt: now.toISOString(), previousValidUntil: previousValidUntil?.toISOString() ?? null };
  });
}

const unsigned = () =>
  new ApiError(
    401,
    "missing_signature",
    `Send the headers ${EVENT_HEADERS.brand} (brand slug), ${EVENT_HEADERS.timestamp} (unix seconds) and ${EVENT_HEADERS.signature} (sha256=<hex HMAC-SHA256 of "<timestamp>.<body>">).`,
  );

export interface SignedHeaders {
  brandSlug: string;
  timestamp: string;
  signature: Buffer;
}

/**
 * The checks that need neither the body nor the database, so a request that cannot be valid is
 * refused before anything is read: all three headers well-formed, and the timestamp fresh.
 */
export function signedHeaders(headers: Headers, now = new Date()): SignedHeaders {
  const brandSlug = headers.get(EVENT_HEADERS.brand)?.trim() ?? "";
  const rawTimestamp = headers.get(EVENT_HEADERS.timestamp);
  const timestamp = parseTimestamp(rawTimestamp);
  const signature = parseSignature(headers.get(EVENT_HEADERS.signature));
  if (!brandSlugSchema.safeParse(brandSlug).success || timestamp === null || !signature || !rawTimestamp) throw unsigned();
  if (!isFresh(timestamp, now)) {
    throw new ApiError(
      401,
      "stale_timestamp",
      `${EVENT_HEADERS.timestamp} is more than 5 minutes away from the server's clock (now ${Math.floor(now.getTime() / 1000)}); sign each request when you send it and keep your clock in sync.`,
      { serverTime: Math.floor(now.getTime() / 1000) },
    );
  }
  return { brandSlug, timestamp: rawTimestamp.trim(), signature };
}

/**
 * The whole check of a signed request: the headers (as `signedHeaders`), then the signature against the
 * brand's secret and, during the grace period after a rotation, the previous one. Returns the brand's
 * id. An unknown brand, a brand without a secret and a wrong signature are refused alike. The HMAC key
 * is the brand's own secret, so a request signed for one brand never passes as another's, whatever
 * the brand header says.
 */
export async function verify(db: DbOrTx, args: { headers: Headers; rawBody: string | Uint8Array; now?: Date }): Promise<string> {
  const now = args.now ?? new Date();
  const signed = signedHeaders(args.headers, now);
  const [row] = await db
    .select({
      brandId: brands.id,
      secret: integrationSecrets.secret,
      previousSecret: integrationSecrets.previousSecret,
      previousValidUntil: integrationSecrets.previousValidUntil,
    })
    .from(brands)
    .innerJoin(integrationSecrets, eq(integrationSecrets.brandId, brands.id))
    .where(eq(brands.slug, signed.brandSlug));
  const candidates = row ? [row.secret] : [];
  if (row?.previousSecret && row.previousValidUntil && row.previousValidUntil > now) candidates.push(row.previousSecret);
  // Every candidate is checked (no early exit), so timing says nothing about which one matched.
  let ok = false;
  for (const secret of candidates) ok = matches(secret, signed.timestamp, args.rawBody, signed.signature) || ok;
  if (!row || !ok) {
    throw new ApiError(
      401,
      "bad_signature",
      `The signature does not match: ${EVENT_HEADERS.signature} must be "sha256=" and the hex HMAC-SHA256, keyed with the brand's secret, of the timestamp, a dot and the exact body bytes.`,
    );
  }
  return row.brandId;
}

function isUniqueViolation(err: unknown): boolean {
  const e = err as { code?: string; cause?: { code?: string } };
  return e?.code === "23505" || e?.cause?.code === "23505";
}

const taken = () => new DomainError("CONFLICT", "integrations.externalIdTaken", { externalId: "integrations.externalIdTaken" });

/** Staff set (or clear, with null) the brand's own id for a member; an id belongs to one member of a brand. */
export async function linkMember(db: Db, args: { brandId: string; handle: string; externalId: string | null; actorUserId: string }) {
  const target = await memberByHandle(db, args.brandId, args.handle);
  try {
    return await db.transaction(async (tx) => {
      const [current] = await tx
        .select({ externalId: memberships.externalId })
        .from(memberships)
        .where(eq(memberships.id, target.memberId))
        .for("update");
      const before = current?.externalId ?? null;
      const result = { handle: target.handle, externalId: args.externalId, changed: before !== args.externalId };
      if (!result.changed) return result;
      if (args.externalId !== null) {
        const [clash] = await tx
          .select({ id: memberships.id })
          .from(memberships)
          .where(
            and(eq(memberships.brandId, args.brandId), eq(memberships.externalId, args.externalId), ne(memberships.id, target.memberId)),
          );
        if (clash) throw taken();
      }
      await tx.update(memberships).set({ externalId: args.externalId }).where(eq(memberships.id, target.memberId));
      await audit(tx, {
        brandId: args.brandId,
        actorUserId: args.actorUserId,
        action: "integrations.linkMember",
        targetType: "member",
        targetId: `@${target.handle}`,
        before: { externalId: before },
        after: { externalId: args.externalId },
      });
      return result;
    });
  } catch (err) {
    // Two staff linking the same id at once: the unique index settles it.
    if (isUniqueViolation(err)) throw taken();
    throw err;
  }
}
