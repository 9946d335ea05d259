import { createHash, createHmac, randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { pickPrize, rollOf, type SnapshotPrize, verifyDraw } from "./verify";

const prize = (id: string, kind: SnapshotPrize["kind"], weight: number, position: number): SnapshotPrize => ({
  id,
  kind,
  label: id,
  points: kind === "points" ? 10 : 0,
  weight,
  position,
  rewardId: null,
  cost: kind === "points" ? 10 : 0,
});

const snapshot = [
  prize("none", "nothing", 50, 0),
  prize("small", "points", 30, 1),
  prize("big", "points", 15, 2),
  prize("huge", "points", 5, 3),
];

/** The roll as the README tells people to compute it by hand, with Node's own HMAC. */
function nodeRoll(seed: Buffer, drawId: string) {
  return createHmac("sha256", seed).update(drawId).digest().readBigUInt64BE(0);
}

function nodePick(snap: SnapshotPrize[], pity: boolean, roll: bigint) {
  const pool = [...snap].sort((a, b) => a.position - b.position).filter((p) => !pity || p.kind !== "nothing");
  const total = pool.reduce((s, p) => s + p.weight, 0);
  let r = Number(roll % BigInt(total));
  for (const p of pool) {
    if (r < p.weight) return p.id;
    r -= p.weight;
  }
  throw new Error("unreachable");
}

describe("pickPrize", () => {
  it("maps each roll to the prize whose cumulative range holds it, in position order", () => {
    const shuffled = [snapshot[2], snapshot[0], snapshot[3], snapshot[1]] as SnapshotPrize[];
    expect(pickPrize(shuffled, false, 0n)?.id).toBe("none");
    expect(pickPrize(shuffled, false, 49n)?.id).toBe("none");
    expect(pickPrize(shuffled, false, 50n)?.id).toBe("small");
    expect(pickPrize(shuffled, false, 79n)?.id).toBe("small");
    expect(pickPrize(shuffled, false, 80n)?.id).toBe("big");
    expect(pickPrize(shuffled, false, 95n)?.id).toBe("huge");
    expect(pickPrize(shuffled, false, 99n)?.id).toBe("huge");
    expect(pickPrize(shuffled, false, 100n)?.id).toBe("none");
  });

  it("draws only among winning prizes under pity", () => {
    // Winning weights 30/15/5 = 50: roll 0 → small, 30 → big, 45 → huge, 50 wraps to small.
    expect(pickPrize(snapshot, true, 0n)?.id).toBe("small");
    expect(pickPrize(snapshot, true, 30n)?.id).toBe("big");
    expect(pickPrize(snapshot, true, 45n)?.id).toBe("huge");
    expect(pickPrize(snapshot, true, 50n)?.id).toBe("small");
    expect(pickPrize([prize("none", "nothing", 5, 0)], true, 3n)).toBeNull();
  });
});

describe("verifyDraw (WebCrypto) against Node's crypto", () => {
  it("computes the same roll as an HMAC done by hand", async () => {
    for (let i = 0; i < 50; i++) {
      const seed = randomBytes(32);
      const id = randomUUID();
      expect(await rollOf(new Uint8Array(seed), id)).toBe(nodeRoll(seed, id));
    }
  });

  it("accepts honest draws and names what was tampered with", async () => {
    const seed = randomBytes(32);
    const seedHex = seed.toString("hex");
    const commitment = createHash("sha256").update(seed).digest("hex");
    for (let i = 0; i < 40; i++) {
      const drawId = randomUUID();
      const pity = i % 4 === 0;
      const rolled = nodePick(snapshot, pity, nodeRoll(seed, drawId));
      const limited = i % 5 === 0 && rolled !== "none";
      const draw = {
        drawId,
        snapshot,
        pityApplied: pity,
        rolledPrizeId: rolled,
        outcomePrizeId: limited ? null : rolled,
        budgetLimited: limited,
      };
      expect(await verifyDraw(draw, seedHex, commitment)).toEqual({ ok: true, reasons: [], expectedPrizeId: rolled });

      const other = snapshot.find((p) => p.id !== rolled)?.id ?? "";
      expect((await verifyDraw({ ...draw, outcomePrizeId: other, budgetLimited: false }, seedHex, commitment)).reasons).toContain(
        "outcomeMismatch",
      );
      expect((await verifyDraw({ ...draw, rolledPrizeId: other }, seedHex, commitment)).reasons).toContain("rolledMismatch");
      // Removing the rolled prize's weight from the snapshot moves the roll elsewhere.
      const tamperedWeights = snapshot.filter((p) => p.id !== rolled || (pity && p.kind === "nothing"));
      const w = await verifyDraw({ ...draw, snapshot: tamperedWeights }, seedHex, commitment);
      expect(w.ok).toBe(false);
      expect(w.reasons).toContain("rolledMismatch");
      const flipped = Buffer.from(seed);
      flipped[0] = (flipped[0] ?? 0) ^ 1;
      expect((await verifyDraw(draw, flipped.toString("hex"), commitment)).reasons).toContain("commitmentMismatch");
    }
  });

  it("refuses malformed seeds and snapshots", async () => {
    const draw = {
      drawId: randomUUID(),
      snapshot,
      pityApplied: false,
      rolledPrizeId: "none",
      outcomePrizeId: "none",
      budgetLimited: false,
    };
    expect(await verifyDraw(draw, "abc", "00")).toEqual({ ok: false, reasons: ["badSeed"], expectedPrizeId: null });
    expect(await verifyDraw(draw, "zz".repeat(32), "00")).toEqual({ ok: false, reasons: ["badSeed"], expectedPrizeId: null });
    const seed = randomBytes(32);
    const commitment = createHash("sha256").update(seed).digest("hex");
    const zeroWeight = snapshot.map((p) => (p.id === "big" ? { ...p, weight: 0 } : p));
    expect((await verifyDraw({ ...draw, snapshot: zeroWeight }, seed.toString("hex"), commitment)).reasons).toEqual(["badSnapshot"]);
    const dupPosition = snapshot.map((p) => ({ ...p, position: 0 }));
    expect((await verifyDraw({ ...draw, snapshot: dupPosition }, seed.toString("hex"), commitment)).reasons).toEqual(["badSnapshot"]);
  });
});
