import { sql } from "drizzle-orm";
import { type DbHandle, rowsOf } from "../db/client";
import { onBoardEvent } from "../domain/boards/live";
import { EVENTS_CHANNEL } from "../domain/events/outbox";
import type { SadiqIo } from "./io";

// Ids are taken at insert but transactions commit in any order, so a lower id can appear after a
// higher one was sent. A skipped id is watched for a while; rolled-back inserts leave ids that never come.
const GAP_WATCH_MS = 15_000;
const MAX_WATCHED = 5_000;
const FALLBACK_POLL_MS = 1000;

interface EventRow {
  id: number | string;
  topic: string;
  seq: number | string;
  type: string;
  payload: unknown;
}

export interface Dispatcher {
  stop: () => Promise<void>;
  /** Resolves once every committed event up to now has been emitted (tests, shutdown). */
  flush: () => Promise<void>;
}

/**
 * Reads the outbox after commit and emits each event to the Socket.IO room named by its topic.
 * Every server process runs one; each serves its own sockets, so all of them see every event.
 */
export async function startDispatcher(handle: DbHandle, io: SadiqIo): Promise<Dispatcher> {
  const db = handle.live;
  const start = rowsOf<{ max: number | string | null }>(await db.execute(sql`select max(id) as max from events`))[0]?.max;
  const floor = Number(start ?? 0);
  let lastId = floor;
  const missing = new Map<number, number>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function pass() {
    const now = Date.now();
    for (const [id, since] of missing) if (now - since > GAP_WATCH_MS) missing.delete(id);
    const watched = [...missing.keys()];
    const late = watched.length
      ? sql` or id in (${sql.join(
          watched.map((id) => sql`${id}`),
          sql`, `,
        )})`
      : sql``;
    const rows = rowsOf<EventRow>(
      await db.execute(sql`select id, topic, seq, type, payload from events where id > ${lastId}${late} order by id limit 2000`),
    );
    for (const row of rows) {
      const id = Number(row.id);
      if (id > lastId) {
        for (let gap = lastId + 1; gap < id && missing.size < MAX_WATCHED; gap++) missing.set(gap, now);
        lastId = id;
      } else if (!missing.delete(id)) {
        continue;
      }
      const payload = typeof row.payload === "string" ? (JSON.parse(row.payload) as object) : (row.payload as object);
      // Board events feed this process's live boards; the hub turns them into per-viewer frames.
      if (row.topic.startsWith("board:")) {
        onBoardEvent(db, row.topic, Number(row.seq), payload);
        continue;
      }
      // The event name and payload were typed when the domain wrote them (see lib/realtime/events.ts).
      const room = io.to(row.topic) as unknown as { emit: (event: string, data: unknown) => void };
      room.emit(row.type, { ...payload, seq: Number(row.seq) });
    }
  }

  function pump(): Promise<void> {
    if (stopped) return Promise.resolve();
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        try {
          await pass();
        } catch (err) {
          if (!stopped) console.error("[dispatcher] reading events failed:", (err as Error).message);
        }
      } while (again && !stopped);
      running = null;
    })();
    return running;
  }

  const unlisten = await handle.listen(EVENTS_CHANNEL, () => void pump());
  const timer = setInterval(() => void pump(), FALLBACK_POLL_MS);
  timer.unref();

  return {
    flush: async () => {
      await pump();
      if (running) await running;
    },
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await unlisten().catch(() => {});
      if (running) await running;
    },
  };
}
