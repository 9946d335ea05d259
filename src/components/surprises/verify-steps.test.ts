import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { bytesToHex, pickPrize, rollOf, type SnapshotPrize, sha256Hex } from "@/lib/surprises/verify";
import { check } from "./verify-steps";

const snapshot: SnapshotPrize[] = [
  { id: "p-50", kind: "points", label: "50 points", points: 50, weight: 50, position: 0, rewardId: null, cost: 50 },
  { id: "p-30", kind: "points", label: "10 points", points: 10, weight: 30, position: 1, rewardId: null, cost: 10 },
  { id: "p-15", kind: "streak_freeze", label: "A freeze", points: 0, weight: 15, position: 2, rewardId: null, cost: 0 },
  { id: "p-5", kind: "nothing", label: "Nothing", points: 0, weight: 5, position: 3, rewardId: null, cost: 0 },
];

/** A draw recorded honestly from a fresh seed, as the server records one. */
async function honestDraw(pityApplied = false) {
  const seed = crypto.getRandomValues(new Uint8Array(32));
  const seedHex = bytesToHex(seed);
  const drawId = randomUUID();
  const rolled = pickPrize(snapshot, pityApplied, await rollOf(seed, drawId));
  if (!rolled) throw new Error("no prize");
  const draw = {
    drawId,
    tableName: "Morning luck",
    period: "2026-12-04",
    createdAt: new Date("2026-12-04T08:00:00Z"),
    snapshot,
    pityApplied,
    rolledPrizeId: rolled.id,
    outcomePrizeId: rolled.id,
    budgetLimited: false,
    outcome: { kind: rolled.kind, label: rolled.label, points: rolled.points },
  };
  return { draw, seedHex, commitment: await sha256Hex(seed), roll: await rollOf(seed, drawId), rolled };
}

describe("the verify page's steps", () => {
  it("show the commitment, the roll, the range it lands in and a pass for an honest draw", async () => {
    const { draw, seedHex, commitment, roll, rolled } = await honestDraw();
    const steps = await check({ draw, commitment }, seedHex);
    expect(steps.ok).toBe(true);
    expect(steps.reasons).toEqual([]);
    expect(steps.seedOk).toBe(true);
    expect(steps.computedCommitment).toBe(commitment);
    expect(steps.commitmentOk).toBe(true);
    expect(steps.roll).toBe(roll.toString());
    expect(steps.total).toBe(100);
    expect(steps.reduced).toBe(Number(roll % 100n));
    expect(steps.ranges.map((r) => [r.prize.id, r.from, r.to])).toEqual([
      ["p-50", 0, 49],
      ["p-30", 50, 79],
      ["p-15", 80, 94],
      ["p-5", 95, 99],
    ]);
    expect(steps.hit?.id).toBe(rolled.id);
    const range = steps.ranges.find((r) => r.prize.id === rolled.id);
    expect(steps.reduced).toBeGreaterThanOrEqual(range?.from ?? -1);
    expect(steps.reduced).toBeLessThanOrEqual(range?.to ?? -1);
  });

  it("look up a guaranteed win among the winning prizes only", async () => {
    const { draw, seedHex, commitment, roll } = await honestDraw(true);
    const steps = await check({ draw, commitment }, seedHex);
    expect(steps.ok).toBe(true);
    expect(steps.total).toBe(95);
    expect(steps.ranges.map((r) => r.prize.id)).toEqual(["p-50", "p-30", "p-15"]);
    expect(steps.reduced).toBe(Number(roll % 95n));
    expect(steps.hit?.kind).not.toBe("nothing");
  });

  it("fail a tampered outcome, naming it", async () => {
    const { draw, seedHex, commitment } = await honestDraw();
    const other = snapshot.find((p) => p.id !== draw.outcomePrizeId)?.id ?? null;
    const steps = await check({ draw: { ...draw, outcomePrizeId: other, rolledPrizeId: other ?? "" }, commitment }, seedHex);
    expect(steps.ok).toBe(false);
    expect(steps.commitmentOk).toBe(true);
    expect(steps.reasons).toEqual(["rolledMismatch", "outcomeMismatch"]);
  });

  it("fail a pasted seed that is not the committed one, and a seed that is not hex", async () => {
    const { draw, commitment } = await honestDraw();
    const wrong = await check({ draw, commitment }, "ab".repeat(32));
    expect(wrong.ok).toBe(false);
    expect(wrong.seedOk).toBe(true);
    expect(wrong.commitmentOk).toBe(false);
    expect(wrong.reasons).toContain("commitmentMismatch");

    const garbage = await check({ draw, commitment }, "not a seed");
    expect(garbage).toMatchObject({ ok: false, seedOk: false, roll: null, reduced: null, reasons: ["badSeed"] });
  });
});
