/**
 * Commit–reveal verification of surprise draws, shared by the server, its tests and the browser's verify
 * page. Only WebCrypto (`crypto.subtle`) is used, so it runs unchanged in Node 20 and in browsers.
 *
 * A draw's roll is the first 8 bytes (big-endian) of HMAC-SHA256(key = seed, message = drawId), taken
 * modulo the total weight of the prizes it was drawn from. With at most 20 prizes of weight ≤ 1,000,000 the
 * total is below 2^25, so the modulo favours low rolls by at most 2^25 / 2^64 ≈ 2·10⁻¹²: negligible, and
 * simpler to reproduce by hand than rejection sampling.
 */

export interface SnapshotPrize {
  id: string;
  kind: "points" | "reward" | "streak_freeze" | "nothing";
  label: string;
  /** Points a `points` prize pays (0 for the other kinds). */
  points: number;
  weight: number;
  position: number;
  rewardId: string | null;
  /** What the prize costs the table's budgets, fixed when the draw was made. */
  cost: number;
}

export interface VerifiableDraw {
  drawId: string;
  snapshot: SnapshotPrize[];
  pityApplied: boolean;
  rolledPrizeId: string;
  outcomePrizeId: string | null;
  budgetLimited: boolean;
}

export interface VerifyResult {
  ok: boolean;
  /** Stable codes for what did not match (the verify page translates them). */
  reasons: VerifyReason[];
  expectedPrizeId: string | null;
}

export type VerifyReason = "badSeed" | "commitmentMismatch" | "badSnapshot" | "rolledMismatch" | "outcomeMismatch";

const encoder = new TextEncoder();

export function hexToBytes(hex: string): Uint8Array<ArrayBuffer> | null {
  const clean = hex.trim().toLowerCase();
  if (clean.length === 0 || clean.length % 2 !== 0 || !/^[0-9a-f]+$/.test(clean)) return null;
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(clean.slice(i * 2, i * 2 + 2), 16);
  return out;
}

export function bytesToHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  return bytesToHex(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)));
}

/** The uint64 roll of a draw before any reduction. */
export async function rollOf(seed: Uint8Array<ArrayBuffer>, drawId: string): Promise<bigint> {
  const key = await crypto.subtle.importKey("raw", seed, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(drawId)));
  return new DataView(mac.buffer).getBigUint64(0, false);
}

/** The prizes a roll is taken over: all of them, or only the winning ones when pity applies. */
export function candidates(snapshot: readonly SnapshotPrize[], pity: boolean): SnapshotPrize[] {
  const ordered = [...snapshot].sort((a, b) => a.position - b.position);
  return pity ? ordered.filter((p) => p.kind !== "nothing") : ordered;
}

/** The prize whose cumulative weight range (in position order) contains `roll mod total`. */
export function pickPrize(snapshot: readonly SnapshotPrize[], pity: boolean, roll: bigint): SnapshotPrize | null {
  const pool = candidates(snapshot, pity);
  const total = pool.reduce((sum, p) => sum + p.weight, 0);
  if (total <= 0) return null;
  let r = Number(roll % BigInt(total));
  for (const p of pool) {
    if (r < p.weight) return p;
    r -= p.weight;
  }
  return null;
}

function snapshotIsSound(snapshot: readonly SnapshotPrize[]): boolean {
  const ids = new Set(snapshot.map((p) => p.id));
  const positions = new Set(snapshot.map((p) => p.position));
  return (
    snapshot.length > 0 &&
    ids.size === snapshot.length &&
    positions.size === snapshot.length &&
    snapshot.every((p) => Number.isSafeInteger(p.weight) && p.weight >= 1)
  );
}

/**
 * Recomputes a draw from the revealed seed: the seed must hash to the published commitment, the roll
 * must land on the recorded prize, and the outcome must be that prize (or nothing when the budget limited it).
 */
export async function verifyDraw(draw: VerifiableDraw, seedHex: string, commitmentHex: string): Promise<VerifyResult> {
  const reasons: VerifyReason[] = [];
  // 32 bytes, 64 hex digits.
  const seed = seedHex.trim().length === 64 ? hexToBytes(seedHex) : null;
  if (!seed) return { ok: false, reasons: ["badSeed"], expectedPrizeId: null };
  if ((await sha256Hex(seed)) !== commitmentHex.trim().toLowerCase()) reasons.push("commitmentMismatch");
  if (!snapshotIsSound(draw.snapshot)) return { ok: false, reasons: [...reasons, "badSnapshot"], expectedPrizeId: null };
  const expected = pickPrize(draw.snapshot, draw.pityApplied, await rollOf(seed, draw.drawId));
  if (!expected) return { ok: false, reasons: [...reasons, "badSnapshot"], expectedPrizeId: null };
  if (expected.id !== draw.rolledPrizeId) reasons.push("rolledMismatch");
  const expectedOutcome = draw.budgetLimited ? null : expected.id;
  if (draw.outcomePrizeId !== expectedOutcome) reasons.push("outcomeMismatch");
  return { ok: reasons.length === 0, reasons, expectedPrizeId: expected.id };
}
