import { and, eq, inArray } from "drizzle-orm";
import type { UploadPurpose } from "@/lib/validation/reviews";
import type { DbOrTx } from "../../db/client";
import { memberships, questCompletions, quests, reviews, uploads } from "../../db/schema";
import { DomainError } from "../errors";
import type { Member } from "../points/ledger";
import { type ImageType, MAX_IMAGE_BYTES, sniffImage } from "./sniff";

export type ImageCheck = { ok: true; contentType: ImageType } | { ok: false; reason: "empty" | "tooLarge" | "unsupportedType" };

/** Size first (cheap), then the magic bytes; the declared type plays no part. */
export function checkImage(bytes: Uint8Array): ImageCheck {
  if (bytes.length === 0) return { ok: false, reason: "empty" };
  if (bytes.length > MAX_IMAGE_BYTES) return { ok: false, reason: "tooLarge" };
  const contentType = sniffImage(bytes);
  return contentType ? { ok: true, contentType } : { ok: false, reason: "unsupportedType" };
}

export async function saveUpload(db: DbOrTx, member: Member, purpose: UploadPurpose, bytes: Uint8Array): Promise<{ id: string }> {
  const checked = checkImage(bytes);
  if (!checked.ok) throw new DomainError("BAD_REQUEST", `uploads.${checked.reason}`, { file: `uploads.${checked.reason}` });
  const [row] = await db
    .insert(uploads)
    .values({
      brandId: member.brandId,
      memberId: member.memberId,
      purpose,
      contentType: checked.contentType,
      size: bytes.length,
      // postgres.js sends a Buffer as bytea; PGlite takes any Uint8Array.
      bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length),
    })
    .returning({ id: uploads.id });
  if (!row) throw new Error("upload insert returned nothing");
  return row;
}

/** The member's own upload of this brand with this purpose; anything else is refused as a bad photo. */
export async function requireOwnUpload(db: DbOrTx, member: Member, id: string, purpose: UploadPurpose, field = "photoId") {
  const [row] = await db
    .select({ id: uploads.id })
    .from(uploads)
    .where(
      and(eq(uploads.id, id), eq(uploads.memberId, member.memberId), eq(uploads.brandId, member.brandId), eq(uploads.purpose, purpose)),
    );
  if (!row) throw new DomainError("BAD_REQUEST", "reviews.badPhoto", { [field]: "reviews.badPhoto" });
  return row;
}

async function isStaffOf(db: DbOrTx, userId: string, brandId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: memberships.id })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.brandId, brandId), inArray(memberships.role, ["moderator", "admin"])));
  return !!row;
}

/**
 * The upload if `viewerUserId` may see it, else null (the route answers 404 either way, so ids cannot
 * be probed). Its owner always may. Evidence of a health quest is for the owner alone. A review photo is
 * public once its review is approved and visible to the brand's staff before. Other evidence is visible to
 * staff once it is attached to a completion they may need to judge.
 */
export async function viewableUpload(db: DbOrTx, id: string, viewerUserId: string | null) {
  const [row] = await db
    .select({
      brandId: uploads.brandId,
      purpose: uploads.purpose,
      contentType: uploads.contentType,
      size: uploads.size,
      bytes: uploads.bytes,
      ownerUserId: memberships.userId,
    })
    .from(uploads)
    .innerJoin(memberships, eq(memberships.id, uploads.memberId))
    .where(eq(uploads.id, id));
  if (!row) return null;
  if (viewerUserId !== null && row.ownerUserId === viewerUserId) return row;

  const usedAsEvidence = await db
    .select({ health: quests.health })
    .from(questCompletions)
    .innerJoin(quests, eq(quests.id, questCompletions.questId))
    .where(and(eq(questCompletions.photoId, id), eq(questCompletions.brandId, row.brandId)));
  if (usedAsEvidence.some((c) => c.health)) return null;

  if (row.purpose === "review") {
    const [approved] = await db
      .select({ id: reviews.id })
      .from(reviews)
      .where(and(eq(reviews.photoId, id), eq(reviews.brandId, row.brandId), eq(reviews.status, "approved")))
      .limit(1);
    if (approved) return row;
  } else if (usedAsEvidence.length === 0) {
    return null;
  }
  return viewerUserId !== null && (await isStaffOf(db, viewerUserId, row.brandId)) ? row : null;
}
