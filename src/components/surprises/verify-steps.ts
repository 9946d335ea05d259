import { candidates, hexToBytes, rollOf, type SnapshotPrize, sha256Hex, verifyDraw } from "@/lib/surprises/verify";
import type { VerifyData } from "./types";

interface Range {
  prize: SnapshotPrize;
  from: number;
  to: number;
}

export interface Steps {
  seedOk: boolean;
  computedCommitment: string | null;
  commitmentOk: boolean;
  roll: string | null;
  total: number;
  reduced: number | null;
  ranges: Range[];
  hit: SnapshotPrize | null;
  ok: boolean;
  reasons: string[];
}

/** The cumulative weight ranges the roll is looked up in, in position order. */
function rangesOf(pool: SnapshotPrize[]): Range[] {
  let from = 0;
  return pool.map((prize) => {
    const range = { prize, from, to: from + prize.weight - 1 };
    from += prize.weight;
    return range;
  });
}

/** Runs every check of the shared verification code in this browser and keeps each intermediate figure to show. */
export async function check(data: Pick<VerifyData, "draw" | "commitment">, seedHex: string): Promise<Steps> {
  const { draw, commitment } = data;
  const pool = candidates(draw.snapshot, draw.pityApplied);
  const ranges = rangesOf(pool);
  const total = ranges.reduce((sum, r) => sum + r.prize.weight, 0);
  const result = await verifyDraw(draw, seedHex, commitment);
  const seed = hexToBytes(seedHex);
  if (seed?.length !== 32) {
    return {
      seedOk: false,
      computedCommitment: null,
      commitmentOk: false,
      roll: null,
      total,
      reduced: null,
      ranges,
      hit: null,
      ok: false,
      reasons: result.reasons,
    };
  }
  const computedCommitment = await sha256Hex(seed);
  const roll = await rollOf(seed, draw.drawId);
  const reduced = total > 0 ? Number(roll % BigInt(total)) : null;
  return {
    seedOk: true,
    computedCommitment,
    commitmentOk: computedCommitment === commitment.toLowerCase(),
    roll: roll.toString(),
    total,
    reduced,
    ranges,
    hit: draw.snapshot.find((p) => p.id === result.expectedPrizeId) ?? null,
    ok: result.ok,
    reasons: result.reasons,
  };
}
