import { EVENT_MAX_BYTES, eventBody } from "@/lib/validation/integrations";
import { clientIpFrom } from "@/server/client-ip";
import { getDb } from "@/server/db/client";
import { ApiError } from "@/server/domain/integrations/api-error";
import { acceptEvent } from "@/server/domain/integrations/events";
import { signedHeaders, verify } from "@/server/domain/integrations/secrets";
import { hit, type Limit } from "@/server/rate-limit";

export const dynamic = "force-dynamic";

// Before the signature is known to be good, per client address (cheap refusals of floods); after, per
// brand, so one brand's backfill cannot starve another and a stranger cannot use up a brand's quota.
const PER_IP: Limit = { max: 2400, windowMs: 60_000 };
const PER_BRAND: Limit = { max: 1200, windowMs: 60_000 };

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Response.json(body, { status, headers: { "cache-control": "no-store", ...headers } });

const tooLarge = () => new ApiError(413, "body_too_large", `The body must be at most ${EVENT_MAX_BYTES} bytes.`);

function limited(key: string, limit: Limit) {
  const wait = hit(key, limit);
  if (wait) throw new ApiError(429, "rate_limited", `Too many requests; retry in ${wait} s.`, { retryAfter: wait });
}

/** Reads at most EVENT_MAX_BYTES, stopping as soon as the body is known to be too large. */
async function readBody(req: Request): Promise<Uint8Array> {
  const declared = Number(req.headers.get("content-length") ?? "0");
  if (declared > EVENT_MAX_BYTES) throw tooLarge();
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > EVENT_MAX_BYTES) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}

function parse(raw: Uint8Array) {
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(raw));
  } catch {
    throw new ApiError(400, "invalid_json", "The body is not valid UTF-8 JSON.");
  }
  const parsed = eventBody.safeParse(data);
  if (!parsed.success) {
    const fields: Record<string, string> = {};
    for (const issue of parsed.error.issues) fields[issue.path.join(".") || "body"] ??= issue.message;
    throw new ApiError(400, "invalid_body", "The body does not have the expected shape; see fields.", { fields });
  }
  return parsed.data;
}

/**
 * POST /api/v1/events — the brand's own systems award a custom quest to a member. Server to server:
 * no cookies, no session and no Origin check; the HMAC signature is the only credential, and it is
 * checked before the body is parsed.
 */
export async function POST(req: Request) {
  try {
    limited(`events:ip:${clientIpFrom(req.headers)}`, PER_IP);
    const now = new Date();
    const signed = signedHeaders(req.headers, now);
    const raw = await readBody(req);
    const db = getDb();
    const brandId = await verify(db, { headers: req.headers, rawBody: raw, now });
    limited(`events:brand:${signed.brandSlug}`, PER_BRAND);
    const answer = await acceptEvent(db, { brandId, body: parse(raw), now });
    return json(answer.status, answer.body);
  } catch (err) {
    if (err instanceof ApiError) {
      const retry: Record<string, string> = typeof err.extra.retryAfter === "number" ? { "retry-after": String(err.extra.retryAfter) } : {};
      return json(err.status, err.body(), retry);
    }
    console.error("[events]", err);
    return json(500, { error: "internal", message: "Something went wrong on our side; retry with the same idempotencyKey." });
  }
}

/** Anything but POST: a JSON answer like every other refusal, naming the method to use. */
export function GET() {
  return json(405, { error: "method_not_allowed", message: "Send events with POST." }, { allow: "POST" });
}
