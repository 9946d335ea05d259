import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { boardOrder, type RankEntry, RankIndex } from "./rank-index";

const entry = (i: number, score: number, reachedAt: number): RankEntry => ({
  memberId: `m${String(i).padStart(4, "0")}`,
  handle: `h${i}`,
  score,
  reachedAt,
});

describe("RankIndex", () => {
  it("ranks by score, then who reached it first, then member id", () => {
    const idx = new RankIndex();
    idx.upsert(entry(1, 10, 500));
    idx.upsert(entry(2, 20, 900));
    idx.upsert(entry(3, 10, 100));
    idx.upsert(entry(4, 10, 100));
    expect(idx.range(1, 10).map((e) => [e.memberId, e.rank])).toEqual([
      ["m0002", 1],
      ["m0003", 2],
      ["m0004", 3],
      ["m0001", 4],
    ]);
    expect(idx.rankOf("m0001")).toBe(4);
    expect(idx.countBefore(15, 0, "zzz")).toBe(1);
    expect(idx.at(2)?.memberId).toBe("m0003");
  });

  it("agrees with a sorted array under random inserts, moves and removes", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 40 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 5 }), fc.boolean()), {
          maxLength: 300,
        }),
        fc.boolean(),
        (ops, bulk) => {
          const idx = new RankIndex();
          const truth = new Map<string, RankEntry>();
          if (bulk) {
            const initial = Array.from({ length: 25 }, (_, i) => entry(100 + i, i % 7, i));
            for (const e of initial) truth.set(e.memberId, e);
            idx.load([...initial].sort(boardOrder));
          }
          for (const [m, score, reached, del] of ops) {
            const e = entry(m, score, reached);
            if (del) {
              expect(idx.remove(e.memberId)).toBe(truth.delete(e.memberId));
            } else {
              idx.upsert(e);
              truth.set(e.memberId, e);
            }
          }
          const sorted = [...truth.values()].sort(boardOrder);
          expect(idx.size).toBe(sorted.length);
          expect(idx.range(1, sorted.length + 5).map((e) => e.memberId)).toEqual(sorted.map((e) => e.memberId));
          for (const [i, e] of sorted.entries()) expect(idx.rankOf(e.memberId)).toBe(i + 1);
          const mid = Math.floor(sorted.length / 2) + 1;
          expect(idx.range(mid, 3).map((e) => e.rank)).toEqual(sorted.slice(mid - 1, mid + 2).map((_, i) => mid + i));
        },
      ),
      { numRuns: 200 },
    );
  });

  it("loads a million sorted entries and answers in microseconds", () => {
    const n = 1_000_000;
    const sorted = Array.from({ length: n }, (_, i) => entry(i, n - i, 0));
    const idx = new RankIndex();
    idx.load(sorted);
    expect(idx.size).toBe(n);
    expect(idx.rankOf("m500000")).toBe(500_001);
    expect(idx.at(n)?.memberId).toBe(`m${n - 1}`);
    idx.upsert({ ...entry(500000, n + 5, 0) });
    expect(idx.rankOf("m500000")).toBe(1);
    expect(idx.rankOf("m0000")).toBe(2);
  });
});
