import { brandSlugSchema } from "@/lib/validation/auth";
import { uploadPurpose } from "@/lib/validation/reviews";
import { crossSiteRefusal } from "@/server/api/http-guard";
import { userIdFromCookieHeader } from "@/server/auth/session";
import { clientIpFrom } from "@/server/client-ip";
import { getDb } from "@/server/db/client";
import { membershipOf } from "@/server/domain/accounts/members";
import { MAX_IMAGE_BYTES } from "@/server/domain/uploads/sniff";
import { checkImage, saveUpload } from "@/server/domain/uploads/uploads";
import { hit, type Limit } from "@/server/rate-limit";

export const dynamic = "force-dynamic";

const PER_USER: Limit = { max: 30, windowMs: 10 * 60_000 };
const PER_IP: Limit = { max: 60, windowMs: 10 * 60_000 };
/** Room for the multipart framing and the small text fields around the image. */
const MAX_BODY = MAX_IMAGE_BYTES + 64 * 1024;

const STATUS = { empty: 400, tooLarge: 413, unsupportedType: 415 } as const;

function refuse(status: number, message: string, extra: Record<string, unknown> = {}, headers?: HeadersInit) {
  return Response.json({ error: { message, ...extra } }, { status, headers });
}

/** Reads at most `max` bytes of the body; null when it is longer, without buffering the rest. */
async function readCapped(req: Request, max: number): Promise<Uint8Array | null> {
  if (Number(req.headers.get("content-length") ?? 0) > max) return null;
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > max) {
      await reader.cancel();
      return null;
    }
    chunks.push(value);
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

/**
 * Stores one image (JPEG, PNG or WebP, at most 2 MB) for a signed-in member of the brand named in the
 * form. Multipart fields: `file`, `brandSlug`, `purpose` ("review" | "evidence", default "evidence").
 */
export async function POST(req: Request) {
  const crossSite = crossSiteRefusal(req, process.env.NEXTAUTH_URL);
  if (crossSite) return refuse(403, "errors.forbidden", { reason: crossSite });
  const userId = await userIdFromCookieHeader(req.headers.get("cookie"));
  if (!userId) return refuse(401, "errors.signInRequired");
  const wait = Math.max(hit(`upload:user:${userId}`, PER_USER), hit(`upload:ip:${clientIpFrom(req.headers)}`, PER_IP));
  if (wait) return refuse(429, "errors.rateLimited", {}, { "retry-after": String(wait) });

  if (!(req.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data")) {
    return refuse(400, "uploads.badForm");
  }
  let body: Uint8Array | null;
  try {
    body = await readCapped(req, MAX_BODY);
  } catch {
    return refuse(400, "uploads.badForm");
  }
  if (!body) return refuse(413, "uploads.tooLarge", { fields: { file: "uploads.tooLarge" } });
  let form: FormData;
  try {
    form = await new Response(Buffer.from(body), { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    return refuse(400, "uploads.badForm");
  }

  const slug = brandSlugSchema.safeParse(form.get("brandSlug"));
  // Without a purpose the upload is evidence: the stricter kind, never public, erased with habit data.
  const purpose = uploadPurpose.safeParse(form.get("purpose") ?? "evidence");
  if (!slug.success) return refuse(400, "form.invalid", { fields: { brandSlug: "brand.invalid" } });
  if (!purpose.success) return refuse(400, "form.invalid", { fields: { purpose: "uploads.badPurpose" } });
  const db = getDb();
  const membership = await membershipOf(db, userId, slug.data);
  if (!membership) return refuse(403, "errors.forbidden");

  const file = form.get("file");
  if (!(file instanceof Blob)) return refuse(400, "uploads.fileRequired", { fields: { file: "uploads.fileRequired" } });
  if (file.size > MAX_IMAGE_BYTES) return refuse(413, "uploads.tooLarge", { fields: { file: "uploads.tooLarge" } });
  const bytes = new Uint8Array(await file.arrayBuffer());
  const checked = checkImage(bytes);
  if (!checked.ok) {
    const key = `uploads.${checked.reason}`;
    return refuse(STATUS[checked.reason], key, { fields: { file: key } });
  }
  const member = { brandId: membership.brandId, memberId: membership.membershipId, userId };
  const { id } = await saveUpload(db, member, purpose.data, bytes);
  return Response.json({ id }, { status: 201 });
}
