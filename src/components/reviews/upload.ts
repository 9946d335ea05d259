import type { UploadPurpose } from "@/lib/validation/reviews";

/** Client-side limits, mirrored from the server so members learn of a problem before the upload. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
export const PHOTO_TYPES = ["image/jpeg", "image/png", "image/webp"];

export type UploadResult = { ok: true; id: string } | { ok: false; key: string };

/** Sends one image to /api/uploads; the answer is its id or a translation key. */
export async function uploadPhoto(brandSlug: string, file: File, purpose: UploadPurpose): Promise<UploadResult> {
  if (file.size > PHOTO_MAX_BYTES) return { ok: false, key: "uploads.tooLarge" };
  if (!PHOTO_TYPES.includes(file.type)) return { ok: false, key: "uploads.unsupportedType" };
  const body = new FormData();
  body.set("brandSlug", brandSlug);
  body.set("purpose", purpose);
  body.set("file", file);
  try {
    const res = await fetch("/api/uploads", { method: "POST", body, credentials: "same-origin" });
    const json = (await res.json().catch(() => null)) as { id?: string; error?: { message?: string } } | null;
    if (res.ok && json?.id) return { ok: true, id: json.id };
    return { ok: false, key: json?.error?.message ?? "reviews.form.photoFailed" };
  } catch {
    return { ok: false, key: "errors.network" };
  }
}
