const KEY = "sadiq.surprises.seen";
const KEEP = 50;

function read(): string[] {
  try {
    const parsed: unknown = JSON.parse(window.localStorage.getItem(KEY) ?? "[]");
    return Array.isArray(parsed) ? parsed.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

/** Whether this browser already revealed the draw, so a page load never replays a reveal the socket showed. */
export function wasRevealed(drawId: string): boolean {
  return read().includes(drawId);
}

export function markRevealed(drawId: string): void {
  try {
    const ids = [drawId, ...read().filter((id) => id !== drawId)].slice(0, KEEP);
    window.localStorage.setItem(KEY, JSON.stringify(ids));
  } catch {
    // Private mode or a full store: the worst case is one reveal shown twice.
  }
}
