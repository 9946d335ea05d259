import { describe, expect, it } from "vitest";
import { isFresh, matches, newSecret, parseSignature, parseTimestamp, SECRET_PREFIX, sign } from "./signature";

// Computed independently with: printf '%s.%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$SECRET"
const VECTOR = {
  secret: "sdq_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
  timestamp: "1700000000",
  body: '{"quest":"3f1c2a4e-8b9d-4c6e-a1f0-2b3c4d5e6f70","member":{"email":"aysel@example.com"},"idempotencyKey":"order-1001"}',
  hex: "2d10de50bb7f53c02bc6bfa9ca38e9ece9fc89280fc3eec37193d8a72f7082bf",
};

describe("sign", () => {
  it('is the hex HMAC-SHA256 of "<timestamp>.<body>" keyed with the whole secret', () => {
    expect(sign(VECTOR.secret, VECTOR.timestamp, VECTOR.body)).toBe(VECTOR.hex);
    expect(sign(VECTOR.secret, VECTOR.timestamp, new TextEncoder().encode(VECTOR.body))).toBe(VECTOR.hex);
  });

  it("matches only the exact secret, timestamp and body", () => {
    const sig = parseSignature(`sha256=${VECTOR.hex}`);
    if (!sig) throw new Error("did not parse");
    expect(matches(VECTOR.secret, VECTOR.timestamp, VECTOR.body, sig)).toBe(true);
    expect(matches(`${VECTOR.secret}x`, VECTOR.timestamp, VECTOR.body, sig)).toBe(false);
    expect(matches(VECTOR.secret, "1700000001", VECTOR.body, sig)).toBe(false);
    expect(matches(VECTOR.secret, VECTOR.timestamp, `${VECTOR.body} `, sig)).toBe(false);
    expect(matches(VECTOR.secret, VECTOR.timestamp, VECTOR.body, parseSignature(`sha256=${VECTOR.hex.toUpperCase()}`) ?? sig)).toBe(true);
  });
});

describe("parsing", () => {
  it("accepts only sha256=<64 hex>", () => {
    expect(parseSignature(`sha256=${VECTOR.hex}`)?.toString("hex")).toBe(VECTOR.hex);
    for (const bad of [
      null,
      "",
      VECTOR.hex,
      `sha1=${VECTOR.hex}`,
      `sha256=${VECTOR.hex.slice(1)}`,
      `sha256=${VECTOR.hex}00`,
      "sha256=zz",
    ]) {
      expect(parseSignature(bad)).toBeNull();
    }
  });

  it("accepts only whole unix seconds", () => {
    expect(parseTimestamp("1700000000")).toBe(1700000000);
    for (const bad of [null, "", "1700000000.5", "-1", "1e9", "2026-01-01T00:00:00Z", "1700000000000000"]) {
      expect(parseTimestamp(bad)).toBeNull();
    }
  });
});

describe("isFresh", () => {
  const now = new Date(1_700_000_000_000);
  it("allows five minutes either way and no more", () => {
    expect(isFresh(1_700_000_000, now)).toBe(true);
    expect(isFresh(1_700_000_000 - 300, now)).toBe(true);
    expect(isFresh(1_700_000_000 + 300, now)).toBe(true);
    expect(isFresh(1_700_000_000 - 301, now)).toBe(false);
    expect(isFresh(1_700_000_000 + 301, now)).toBe(false);
  });
});

describe("newSecret", () => {
  it("is the prefix and 32 random bytes in base64url", () => {
    const a = newSecret();
    expect(a.startsWith(SECRET_PREFIX)).toBe(true);
    expect(Buffer.from(a.slice(SECRET_PREFIX.length), "base64url")).toHaveLength(32);
    expect(a).toMatch(/^sdq_[A-Za-z0-9_-]{43}$/);
    expect(newSecret()).not.toBe(a);
  });
});
