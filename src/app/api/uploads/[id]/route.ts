import { z } from "zod";
import { userIdFromCookieHeader } from "@/server/auth/session";
import { getDb } from "@/server/db/client";
import { viewableUpload } from "@/server/domain/uploads/uploads";

export const dynamic = "force-dynamic";

const idSchema = z.string().uuid();

const notFound = () => Response.json({ error: { message: "uploads.notFound" } }, { status: 404, headers: { "cache-control": "private" } });

/** Serves an image to whoever may see it; everyone else, and every unknown id, gets the same 404. */
export async function GET(req: Request, { params }: { params: Promise<{ id: string }> }) {
  const id = idSchema.safeParse((await params).id);
  if (!id.success) return notFound();
  const viewer = await userIdFromCookieHeader(req.headers.get("cookie"));
  const upload = await viewableUpload(getDb(), id.data, viewer);
  if (!upload) return notFound();
  return new Response(Buffer.from(upload.bytes), {
    headers: {
      "content-type": upload.contentType,
      "content-length": String(upload.bytes.length),
      "x-content-type-options": "nosniff",
      "cache-control": "private",
      // Even opened directly, an image can run nothing.
      "content-security-policy": "default-src 'none'; sandbox",
    },
  });
}
