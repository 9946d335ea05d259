import { describe, expect, it } from "vitest";
import type { BoardFrame } from "@/lib/realtime/events";
import { applyFrame, applySince, aroundMe, type BoardState, fromSnapshot, type Row, topRows } from "./board-state";

const row = (memberId: string, rank: number, points: number): Row => ({ memberId, handle: memberId, points, rank });

function frame(over: Partial<BoardFrame>): BoardFrame {
  return {
    board: "points",
    period: "week",
    periodKey: "w2026-05-04",
    seq: 1,
    prevSeq: null,
    full: false,
    total: 5,
    window: { top: 2, from: 2, to: 5 },
    me: { rank: 3, points: 30, previousRank: null, hidden: false, excluded: false, topPercent: null },
    changes: [],
    removed: [],
    ...over,
  };
}

const full = (seq: number) =>
  applyFrame(
    fromSnapshot(
      {
        seq: 0,
        periodKey: "w2026-05-04",
        top: [],
        limit: 2,
        place: { rank: null, points: 0, total: 0, hidden: false, excluded: false, topPercent: null, above: [], below: [] },
      },
      "me",
      null,
    ),
    frame({
      seq,
      full: true,
      changes: [row("a", 1, 50), row("b", 2, 40), row("me", 3, 30), row("c", 4, 20), row("d", 5, 10)].map((r) => ({
        ...r,
        previousRank: null,
      })),
    }),
    "me",
  ).state;

describe("applyFrame", () => {
  it("replaces every row on a full frame and learns the member's own id from their handle", () => {
    const s = full(7);
    expect(s.seq).toBe(7);
    expect(s.rows.map((r) => r.memberId)).toEqual(["a", "b", "me", "c", "d"]);
    expect(s.myId).toBe("me");
    expect(s.flash).toEqual({});
    expect(topRows(s).map((r) => r.memberId)).toEqual(["a", "b"]);
  });

  it("upserts changes, deletes removed members and sorts by rank", () => {
    const s = full(7);
    const { state, gap } = applyFrame(
      s,
      frame({
        seq: 9,
        prevSeq: 7,
        changes: [
          { ...row("c", 1, 60), previousRank: 4 },
          { ...row("a", 2, 50), previousRank: 1 },
          { ...row("b", 3, 40), previousRank: 2 },
          { ...row("me", 4, 30), previousRank: 3 },
        ],
        removed: ["d"],
        me: { rank: 4, points: 30, previousRank: 3, hidden: false, excluded: false, topPercent: null },
      }),
      "me",
    );
    expect(gap).toBe(false);
    expect(state.rows.map((r) => [r.memberId, r.rank])).toEqual([
      ["c", 1],
      ["a", 2],
      ["b", 3],
      ["me", 4],
    ]);
    // Only the row whose score changed glows; the others just move.
    expect(Object.keys(state.flash)).toEqual(["c"]);
    expect(state.me.rank).toBe(4);
  });

  it("reports a gap when prevSeq is not the last applied seq, and still applies the frame", () => {
    const s = full(7);
    const { state, gap } = applyFrame(s, frame({ seq: 12, prevSeq: 10, changes: [{ ...row("d", 5, 15), previousRank: 5 }] }), "me");
    expect(gap).toBe(true);
    expect(state.seq).toBe(12);
    expect(state.rows.find((r) => r.memberId === "d")?.points).toBe(15);
  });

  it("never reports a gap for a full frame", () => {
    const s = full(7);
    expect(applyFrame(s, frame({ seq: 30, prevSeq: null, full: true, changes: [] }), "me").gap).toBe(false);
  });
});

describe("applySince", () => {
  const answer = (seq: number) => ({
    seq,
    periodKey: "w2026-05-04",
    changed: ["b"],
    rows: [row("b", 1, 70), row("a", 2, 50)],
    me: {
      rank: 3,
      points: 30,
      total: 5,
      hidden: false,
      excluded: false,
      topPercent: null,
      above: [row("b", 1, 70), row("a", 2, 50)],
      below: [row("c", 4, 20), row("d", 5, 10)],
    },
  });

  it("replaces the view with the snapshot, keeping the member's own row", () => {
    const { state, stale } = applySince(full(7), answer(9), "me");
    expect(stale).toBe(false);
    expect(state.seq).toBe(9);
    expect(state.rows.map((r) => [r.memberId, r.rank])).toEqual([
      ["b", 1],
      ["a", 2],
      ["me", 3],
      ["c", 4],
      ["d", 5],
    ]);
    expect(Object.keys(state.flash)).toEqual(["b"]);
  });

  it("ignores a snapshot older than frames already applied", () => {
    const s: BoardState = full(10);
    const { state, stale } = applySince(s, answer(9), "me");
    expect(stale).toBe(true);
    expect(state).toBe(s);
  });
});

describe("aroundMe", () => {
  it("gives up to three rows above and below a public member", () => {
    const s = full(7);
    const { above, mine, below } = aroundMe(s);
    expect(above.map((r) => r.memberId)).toEqual(["a", "b"]);
    expect(mine?.memberId).toBe("me");
    expect(below.map((r) => r.memberId)).toEqual(["c", "d"]);
  });

  it("puts a hidden member before the row at their rank, which stands behind them", () => {
    const s = fromSnapshot(
      {
        seq: 3,
        periodKey: "all",
        top: [row("a", 1, 50), row("b", 2, 40)],
        limit: 2,
        place: {
          rank: 3,
          points: 30,
          total: 5,
          hidden: true,
          excluded: false,
          topPercent: null,
          above: [row("a", 1, 50), row("b", 2, 40)],
          below: [row("c", 3, 20), row("d", 4, 10)],
        },
      },
      "me",
      null,
    );
    const { above, mine, below } = aroundMe(s);
    expect(mine).toBeNull();
    expect(above.map((r) => r.memberId)).toEqual(["a", "b"]);
    expect(below.map((r) => r.memberId)).toEqual(["c", "d"]);
    expect(s.window).toEqual({ top: 2, from: 1, to: 5 });
  });
});
