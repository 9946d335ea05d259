import { createHash } from "node:crypto";

/**
 * A short, stable fingerprint of what a request asks for (keys in any order), stored beside an idempotency
 * key so that a retry is recognised and a key reused for a different request is refused.
 */
export function payloadHash(payload: Record<string, unknown>): string {
  const canonical = JSON.stringify(
    Object.keys(payload)
      .sort()
      .map((k) => [k, payload[k] ?? null]),
  );
  return createHash("sha256").update(canonical).digest("hex").slice(0, 32);
}
