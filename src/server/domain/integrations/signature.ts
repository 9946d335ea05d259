import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { EVENT_WINDOW_SECONDS } from "@/lib/validation/integrations";

/** Secrets start with this, so a leaked one is recognisable (and secret scanners can match it). */
export const SECRET_PREFIX = "sdq_";

/** 32 random bytes, base64url, behind the prefix. The whole string, prefix included, is the HMAC key. */
export function newSecret(): string {
  return SECRET_PREFIX + randomBytes(32).toString("base64url");
}

/** Hex HMAC-SHA256 of `${timestamp}.${rawBody}`: what the brand's system sends as `sha256=<hex>`. */
export function sign(secret: string, timestamp: string, rawBody: string | Uint8Array): string {
  const mac = createHmac("sha256", secret);
  mac.update(`${timestamp}.`);
  mac.update(rawBody);
  return mac.digest("hex");
}

const SIGNATURE = /^sha256=([0-9a-fA-F]{64})$/;
const TIMESTAMP = /^\d{1,12}$/;

/** The 32 bytes of a well-formed `sha256=<hex>` header, or null. */
export function parseSignature(header: string | null | undefined): Buffer | null {
  const hex = header?.trim().match(SIGNATURE)?.[1];
  return hex ? Buffer.from(hex, "hex") : null;
}

/** Unix seconds from the header, or null when it is not a plain integer. */
export function parseTimestamp(header: string | null | undefined): number | null {
  const value = header?.trim();
  return value && TIMESTAMP.test(value) ? Number(value) : null;
}

/** Whether the timestamp is within the window around now, in either direction (replays of old requests fail). */
export function isFresh(timestamp: number, now: Date): boolean {
  return Math.abs(now.getTime() / 1000 - timestamp) <= EVENT_WINDOW_SECONDS;
}

/** Constant-time check of a signature against one secret. */
export function matches(secret: string, timestamp: string, rawBody: string | Uint8Array, signature: Buffer): boolean {
  const expected = Buffer.from(sign(secret, timestamp, rawBody), "hex");
  return signature.length === expected.length && timingSafeEqual(signature, expected);
}
