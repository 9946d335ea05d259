// A child process of bench/push.ts holding many Socket.IO clients. Commands come over IPC from the parent:
//   connect → open the sockets (Sadiq: board:watch each; bare: just listen), answer "connected"
//   start / stop → the measured window (messages counted inside it)
//   collect → answer with receipts, latencies and (Sadiq) every client's final view
//   close → disconnect and exit
// Times are wall-clock milliseconds with sub-millisecond precision (performance.timeOrigin + now()), so
// they compare across the processes of one machine.
import { io, type Socket } from "socket.io-client";
import type { BoardFrame } from "../../src/lib/realtime/events";

const now = () => performance.timeOrigin + performance.now();

export interface ClientSpec {
  memberId: string;
  /** Cookie header (a next-auth session JWT); empty for the bare server. */
  cookie: string;
}

export interface WatchSpec {
  brandSlug: string;
  board: "points";
  period: "all";
  limit: number;
}

export type ToChild =
  | { type: "connect"; url: string; mode: "sadiq" | "bare"; clients: ClientSpec[]; watch?: WatchSpec; concurrency: number }
  | { type: "start" }
  | { type: "stop" }
  | { type: "count" }
  | { type: "collect" }
  | { type: "close" };

export interface ClientView {
  memberId: string;
  rows: [string, number, number][];
  me: { rank: number | null; points: number } | null;
  window: { top: number; from: number | null; to: number | null } | null;
}

export interface Collected {
  type: "collected";
  /** Messages (frames, rank:changed, broadcasts) received inside the start–stop window, and in all. */
  inWindow: number;
  total: number;
  lastAt: number;
  /** Sadiq: first sighting of "<memberId>:<points>" per client: key, time, and whether it was the client's own member. */
  keys: string[];
  times: Float64Array;
  own: Uint8Array;
  /** Which client of this process saw it (index into its clients). */
  who: Uint32Array;
  /** Bare: receipt time − scheduled send time, ms. */
  latencies: Float64Array;
  gaps: number;
  rewatches: number;
  fullFrames: number;
  rankChanged: number;
  reconnects: number;
  disconnected: number;
  errors: string[];
  views: ClientView[];
}

interface Client {
  index: number;
  spec: ClientSpec;
  socket: Socket;
  rows: Map<string, { points: number; rank: number }>;
  me: { rank: number | null; points: number } | null;
  window: BoardFrame["window"] | null;
  seq: number | null;
  resyncing: boolean;
  seen: Set<string>;
  connects: number;
}

const clients: Client[] = [];
let windowOpen = false;
let inWindow = 0;
let total = 0;
let lastAt = 0;
let gaps = 0;
let rewatches = 0;
let fullFrames = 0;
let rankChanged = 0;
const errors: string[] = [];
const keys: string[] = [];
const times: number[] = [];
const own: number[] = [];
const who: number[] = [];
const latencies: number[] = [];

const send = (msg: unknown) => process.send?.(msg);

function counted() {
  total++;
  lastAt = now();
  if (windowOpen) inWindow++;
}

function saw(c: Client, memberId: string, points: number, at: number) {
  const key = `${memberId}:${points}`;
  if (c.seen.has(key)) return;
  c.seen.add(key);
  keys.push(key);
  times.push(at);
  own.push(memberId === c.spec.memberId ? 1 : 0);
  who.push(c.index);
}

function watch(c: Client, spec: WatchSpec): Promise<void> {
  return new Promise((resolve) => {
    c.socket.timeout(30_000).emit("board:watch", spec, (err: Error | null, res: { ok: boolean; error?: string }) => {
      if (err || !res?.ok) errors.push(`board:watch: ${err?.message ?? res?.error ?? "no answer"}`);
      resolve();
    });
  });
}

/** The contract's client rule: full → replace; else upsert changes and drop removed; a gap in seq → re-watch. */
function onFrame(c: Client, f: BoardFrame, spec: WatchSpec) {
  const at = now();
  counted();
  if (!f.full) {
    if (c.resyncing) return;
    if (f.prevSeq !== c.seq) {
      gaps++;
      c.resyncing = true;
      rewatches++;
      void watch(c, spec);
      return;
    }
  } else {
    fullFrames++;
    c.resyncing = false;
    c.rows.clear();
  }
  for (const id of f.removed) c.rows.delete(id);
  for (const r of f.changes) {
    c.rows.set(r.memberId, { points: r.points, rank: r.rank });
    saw(c, r.memberId, r.points, at);
  }
  c.me = f.me ? { rank: f.me.rank, points: f.me.points } : null;
  if (f.me) saw(c, c.spec.memberId, f.me.points, at);
  c.window = f.window;
  c.seq = f.seq;
}

async function connectOne(url: string, mode: "sadiq" | "bare", spec: ClientSpec, watchSpec?: WatchSpec): Promise<void> {
  const socket = io(url, {
    path: "/socket.io/",
    transports: ["websocket"],
    forceNew: true,
    extraHeaders: spec.cookie ? { cookie: spec.cookie } : {},
    reconnectionDelay: 500,
    timeout: 30_000,
  });
  const c: Client = {
    index: clients.length,
    spec,
    socket,
    rows: new Map(),
    me: null,
    window: null,
    seq: null,
    resyncing: false,
    seen: new Set(),
    connects: 0,
  };
  clients.push(c);
  if (mode === "bare") {
    socket.on("award", (m: { t: number }) => {
      counted();
      latencies.push(now() - m.t);
    });
  } else if (watchSpec) {
    socket.on("leaderboard:delta", (f: BoardFrame) => onFrame(c, f, watchSpec));
    socket.on("rank:changed", () => {
      counted();
      rankChanged++;
    });
  }
  await new Promise<void>((resolve) => {
    socket.on("connect", () => {
      c.connects++;
      // On every (re)connect the client watches again; the server answers with a full frame.
      if (watchSpec) {
        c.resyncing = true;
        void watch(c, watchSpec).then(resolve);
      } else resolve();
    });
    socket.on("connect_error", (err) => {
      errors.push(`connect_error: ${err.message}`);
      resolve();
    });
  });
}

async function connectAll(msg: Extract<ToChild, { type: "connect" }>) {
  const t0 = now();
  let next = 0;
  const worker = async () => {
    while (next < msg.clients.length) {
      const spec = msg.clients[next++] as ClientSpec;
      await connectOne(msg.url, msg.mode, spec, msg.watch);
    }
  };
  await Promise.all(Array.from({ length: Math.min(msg.concurrency, msg.clients.length) }, worker));
  send({ type: "connected", connected: clients.filter((c) => c.socket.connected).length, ms: now() - t0, errors: errors.slice(0, 5) });
}

function collect(): Collected {
  return {
    type: "collected",
    inWindow,
    total,
    lastAt,
    keys,
    times: Float64Array.from(times),
    own: Uint8Array.from(own),
    who: Uint32Array.from(who),
    latencies: Float64Array.from(latencies),
    gaps,
    rewatches,
    fullFrames,
    rankChanged,
    reconnects: clients.reduce((a, c) => a + Math.max(0, c.connects - 1), 0),
    disconnected: clients.filter((c) => !c.socket.connected).length,
    errors: errors.slice(0, 20),
    views: clients.map((c) => ({
      memberId: c.spec.memberId,
      rows: [...c.rows].map(([id, r]) => [id, r.points, r.rank] as [string, number, number]),
      me: c.me,
      window: c.window,
    })),
  };
}

process.on("message", (msg: ToChild) => {
  switch (msg.type) {
    case "connect":
      void connectAll(msg);
      break;
    case "start":
      inWindow = 0;
      windowOpen = true;
      send({ type: "started" });
      break;
    case "stop":
      windowOpen = false;
      send({ type: "stopped" });
      break;
    case "count":
      send({ type: "count", total });
      break;
    case "collect":
      send(collect());
      break;
    case "close":
      for (const c of clients) c.socket.disconnect();
      setTimeout(() => process.exit(0), 200);
      break;
  }
});
// The parent went away: do not linger.
process.on("disconnect", () => process.exit(0));
send({ type: "ready" });
