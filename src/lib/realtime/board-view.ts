import type { BoardFrame, BoardRowView } from "./events";

/** What a client shows of a board: its rows by member, its own place, and the last frame it applied. */
export interface BoardView {
  seq: number | null;
  rows: Map<string, BoardRowView>;
  me: BoardFrame["me"];
  total: number;
}

export const emptyView = (): BoardView => ({ seq: null, rows: new Map(), me: null, total: 0 });

/**
 * Applies a frame. Returns null when the frame does not follow the last one applied (a gap): the caller
 * then asks `leaderboards.since` or watches again, and the server answers with a full view.
 */
export function applyFrame(view: BoardView, frame: BoardFrame): BoardView | null {
  if (!frame.full && frame.prevSeq !== view.seq) return null;
  const rows = frame.full ? new Map<string, BoardRowView>() : new Map(view.rows);
  for (const id of frame.removed) rows.delete(id);
  for (const r of frame.changes) rows.set(r.memberId, r);
  return { seq: frame.seq, rows, me: frame.me, total: frame.total };
}

/** The rows in board order. */
export function rowsInOrder(view: BoardView): BoardRowView[] {
  return [...view.rows.values()].sort((a, b) => a.rank - b.rank);
}
