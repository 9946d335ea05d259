import { sql } from "drizzle-orm";
import { type DbHandle, rowsOf } from "../db/client";
import { EVENTS_CHANNEL } from "../domain/events/outbox";
import type { SadiqIo } from "./io";

// Ids are taken at insert but transactions commit in any order, so a lower id can appear after a
// higher one was sent. Each pass re-reads a window below the last id and skips what it already sent.
const LOOKBACK = 500;
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
  const start = rowsOf<{ max: number | string | null }>(await handle.db.execute(sql`select max(id) as max from events`))[0]?.max;
  const floor = Number(start ?? 0);
  let lastId = floor;
  const sent = new Set<number>();
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = false;

  async function pass() {
    const rows = rowsOf<EventRow>(
      await handle.db.execute(
        sql`select id, topic, seq, type, payload from events where id > ${Math.max(floor, lastId - LOOKBACK)} order by id limit 2000`,
      ),
    );
    for (const row of rows) {
      const id = Number(row.id);
      if (sent.has(id)) continue;
      sent.add(id);
      if (id > lastId) lastId = id;
      const payload = typeof row.payload === "string" ? (JSON.parse(row.payload) as object) : (row.payload as object);
      // The event name and payload were typed when the domain wrote them (see lib/realtime/events.ts).
      const room = io.to(row.topic) as unknown as { emit: (event: string, data: unknown) => void };
      room.emit(row.type, { ...payload, seq: Number(row.seq) });
    }
    for (const id of sent) if (id <= lastId - LOOKBACK) sent.delete(id);
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
