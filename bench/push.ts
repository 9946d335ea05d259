// Live-leaderboard push benchmark: the real Sadiq server (production build, durable PostgreSQL) with many
// signed-in Socket.IO clients watching the points board, while staff award points through the HTTP API at a
// fixed rate. Measures award → client latency, messages per second, server CPU, and whether every client's
// final view equals the ranking in SQL. Baseline in the same run: a bare Socket.IO server broadcasting one
// message per award to the same number of clients.
//   node --import tsx bench/push.ts        (npm run bench:push)
// Settings (environment): see bench/README.md.
import { type ChildProcess, fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { encode } from "next-auth/jwt";
import postgres from "postgres";
import { periodKey } from "../src/server/domain/boards/boards";
import { type Cluster, pgBinDir, startCluster } from "./lib/cluster";
import { machineBusyCpu, parentPid, postgresCpu, processCpu } from "./lib/cpu";
import { fakeIp, jsonPost, send, signIn } from "./lib/http";
import { freePort, sleep } from "./lib/proc";
import { summarizeProfile } from "./lib/profile";
import type { ClientSpec, ClientView, Collected, ToChild, WatchSpec } from "./lib/push-client";
import { waitForQuiet } from "./lib/quiet";
import { runBenchmark } from "./lib/run";
import { ensureBuilt, ROOT, type Server, startServer } from "./lib/server";
import { fmt, median, percentile, table } from "./lib/stats";

// ---------------------------------------------------------------- settings

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

function config() {
  return {
    clients: intEnv("BENCH_CLIENTS", 2000, 2, 20_000),
    procs: intEnv("BENCH_CLIENT_PROCS", 2, 1, 16),
    rate: intEnv("BENCH_RATE", 200, 1, 5000),
    seconds: intEnv("BENCH_SECONDS", 30, 1, 600),
    limit: intEnv("BENCH_LIMIT", 10, 1, 100),
    repeats: intEnv("BENCH_REPEATS", 1, 1, 10),
    /** Awards in flight at most (HTTP connections of the load generator). */
    inflight: intEnv("BENCH_INFLIGHT", 64, 1, 1024),
    /** Longest wait for stragglers after the sending window, seconds. */
    drain: intEnv("BENCH_DRAIN", 60, 1, 600),
    sessions: intEnv("BENCH_SESSIONS", 4, 1, 64),
    tickMs: process.env.SADIQ_BOARD_TICK_MS || undefined,
    baseline: process.env.BENCH_BASELINE !== "0",
    /** Seconds to wait, before each phase, for other processes to leave the CPUs alone (0: do not wait). */
    quietWait: intEnv("BENCH_QUIET_WAIT", 0, 0, 7200),
    /** The bare server stops broadcasting once its RSS passes this (it buffers without limit). */
    bareMaxRssMb: intEnv("BENCH_BARE_MAX_MB", 1500, 100, 16_000),
    /** 1: run the Sadiq server under --cpu-prof and print where its time went. */
    profile: process.env.BENCH_PROFILE === "1",
  };
}
type Config = ReturnType<typeof config>;

const ADMIN_EMAIL = "bench-admin@example.com";
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString("base64url")}`;
const AMOUNT = 10;
const log = (line: string) => console.log(`[bench] ${line}`);
const now = () => performance.timeOrigin + performance.now();
const sorted = (xs: ArrayLike<number>) => Float64Array.from(xs).sort();

// ---------------------------------------------------------------- child processes

interface Child {
  proc: ChildProcess;
  /** Resolves with the next message of a type. */
  next: <T>(type: string, timeoutMs?: number) => Promise<T>;
  send: (msg: unknown) => void;
}

function spawnChild(script: string): Promise<Child> {
  const proc = fork(path.join(ROOT, script), [], {
    cwd: ROOT,
    execArgv: ["--import", "tsx"],
    serialization: "advanced",
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const waiting = new Map<string, { resolve: (msg: unknown) => void; reject: (err: Error) => void }[]>();
  const early = new Map<string, unknown[]>();
  let exited: Error | undefined;
  proc.on("message", (msg: { type: string }) => {
    const w = waiting.get(msg.type)?.shift();
    if (w) w.resolve(msg);
    else early.set(msg.type, [...(early.get(msg.type) ?? []), msg]);
  });
  proc.once("exit", (code, signal) => {
    exited = new Error(`${script} exited with ${signal ?? code}`);
    for (const list of waiting.values()) for (const w of list.splice(0)) w.reject(exited);
  });
  const child: Child = {
    proc,
    send: (msg) => proc.send(msg as never),
    next: <T>(type: string, timeoutMs = 300_000) =>
      new Promise<T>((resolve, reject) => {
        const queued = early.get(type);
        if (queued?.length) return resolve(queued.shift() as T);
        if (exited) return reject(exited);
        const timer = setTimeout(() => reject(new Error(`${script}: no "${type}" within ${timeoutMs / 1000} s`)), timeoutMs);
        const list = waiting.get(type) ?? [];
        list.push({
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m as T);
          },
          reject: (err) => {
            clearTimeout(timer);
            reject(err);
          },
        });
        waiting.set(type, list);
      }),
  };
  return child.next("ready", 60_000).then(() => child);
}

/** Sends one command to every child and waits for each one's answer. */
function ask<T>(children: Child[], msg: ToChild, reply: string): Promise<T[]> {
  return Promise.all(
    children.map((c) => {
      c.send(msg);
      return c.next<T>(reply);
    }),
  );
}

async function stopChild(c: Child) {
  if (c.proc.exitCode !== null || c.proc.signalCode !== null) return;
  const exited = new Promise((r) => c.proc.once("exit", r));
  try {
    c.send({ type: "close" });
  } catch {
    // already gone
  }
  await Promise.race([exited, sleep(5000)]);
  if (c.proc.exitCode === null && c.proc.signalCode === null) c.proc.kill("SIGKILL");
}

// ---------------------------------------------------------------- CPU

interface CpuWindow {
  server: number;
  postgres: number;
  clients: number;
  loadgen: number;
  machine: number;
  wall: number;
}

function cpuProbe(serverPid: number | undefined, postmasterPid: number | undefined, clientPids: number[]) {
  const read = () => {
    const u = process.cpuUsage();
    return {
      server: serverPid ? processCpu(serverPid) : 0,
      postgres: postmasterPid ? postgresCpu(postmasterPid) : 0,
      clients: clientPids.reduce((a, pid) => a + processCpu(pid), 0),
      loadgen: (u.user + u.system) / 1e6,
      machine: machineBusyCpu(),
      at: performance.now(),
    };
  };
  const a = read();
  return (): CpuWindow => {
    const b = read();
    const wall = (b.at - a.at) / 1000;
    const per = (x: number, y: number) => (wall > 0 ? (x - y) / wall : 0);
    return {
      server: per(b.server, a.server),
      postgres: per(b.postgres, a.postgres),
      clients: per(b.clients, a.clients),
      loadgen: per(b.loadgen, a.loadgen),
      machine: per(b.machine, a.machine),
      wall,
    };
  };
}

const otherCores = (c: CpuWindow) => Math.max(0, c.machine - c.server - c.postgres - c.clients - c.loadgen);

// ---------------------------------------------------------------- seeding

interface Seeded {
  brandId: string;
  slug: string;
  members: { memberId: string; userId: string; handle: string }[];
}

async function seed(sql: postgres.Sql, n: number, run: string): Promise<Seeded> {
  const slug = `push-${run}`;
  const [brand] = await sql<
    { id: string }[]
  >`insert into brands (slug, name, time_zone) values (${slug}, 'Push bench', 'UTC') returning id`;
  if (!brand) throw new Error("brand insert returned nothing");
  const at = new Date();
  const week = periodKey("week", at, "UTC");
  const month = periodKey("month", at, "UTC");
  await sql.begin(async (tx) => {
    await tx`create temp table ps on commit drop as
             select g as n, gen_random_uuid() as user_id, gen_random_uuid() as member_id,
                    least(10000000, 5 * floor(power(1 - random(), -1 / 1.2)))::bigint as score
             from generate_series(1, ${n}::int) g`;
    await tx`insert into users (id, email, name) select user_id, 'push-' || ${run} || '-' || n || '@bench.invalid', 'Push ' || n from ps`;
    await tx`insert into memberships (id, brand_id, user_id, handle) select member_id, ${brand.id}, user_id, 'p_' || n from ps`;
    // Rows for this week and month too, so the measured awards are the steady state (no first-of-week
    // league placement); reached_at distinct and before any award of the run.
    await tx`
      insert into board_scores (brand_id, board, period, member_id, score, reached_at)
      select ${brand.id}, 'points', p.period, ps.member_id, ps.score,
             now() - interval '1 day' - ((ps.n::bigint * 7919) % ${n}::int) * interval '1 second'
      from ps cross join (values ('all'), (${week}), (${month})) as p(period)`;
    await tx`
      insert into memberships (brand_id, user_id, role, handle)
      select ${brand.id}, id, 'admin', 'push_admin' from users where email = ${ADMIN_EMAIL}`;
  });
  await sql`analyze`;
  const members = await sql<{ memberId: string; userId: string; handle: string }[]>`
    select id as "memberId", user_id as "userId", handle from memberships
    where brand_id = ${brand.id} and role = 'member' order by handle`;
  return { brandId: brand.id, slug, members };
}

// ---------------------------------------------------------------- awards

interface AwardRec {
  key: string;
  amount: number;
  member: number;
  /** Commit time from PostgreSQL (track_commit_timestamp), filled in after the run. */
  commitAt: number;
  scheduled: number;
  sentAt: number;
  doneAt: number;
  status: string;
  newPoints: number;
}

/**
 * Open loop: award i is due at start + i / rate. A member never has two awards in flight, so each answer
 * tells the member's new board score (score before + the amount the answer reports).
 */
async function runAwards(
  cfg: Config,
  base: URL,
  sessions: string[],
  s: Seeded,
  points: number[],
  tainted: Set<number>,
  tag: string,
): Promise<{ recs: AwardRec[]; lagMs: number; skipped: number }> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: cfg.inflight, maxFreeSockets: cfg.inflight });
  const count = cfg.rate * cfg.seconds;
  const interval = 1000 / cfg.rate;
  const busy = new Set<number>();
  const recs: AwardRec[] = [];
  const pending: Promise<void>[] = [];
  const start = now();
  let lagMs = 0;
  let answered = 0;
  let skipped = 0;
  const progress = setInterval(
    () => log(`    ${recs.length} awards sent, ${answered} answered, ${busy.size} in flight, ${skipped} skipped`),
    10_000,
  );
  for (let i = 0; i < count; i++) {
    const due = start + i * interval;
    const wait = due - now();
    // Always yield: a loop that is behind schedule must still let the answers in.
    await (wait > 1 ? sleep(wait) : new Promise<void>((r) => setImmediate(r)));
    // Open loop with a cap: an award due while the cap is reached is skipped, not queued, so a
    // saturated server shows as fewer awards per second instead of an ever longer queue.
    if (busy.size >= Math.min(cfg.inflight, s.members.length)) {
      skipped++;
      continue;
    }
    lagMs = Math.max(lagMs, now() - due);
    let m = Math.floor(Math.random() * s.members.length);
    while (busy.has(m)) m = (m + 1) % s.members.length;
    busy.add(m);
    const rec: AwardRec = {
      key: `push-${tag}-${i}`,
      amount: 0,
      member: m,
      commitAt: 0,
      scheduled: due,
      sentAt: now(),
      doneAt: 0,
      status: "",
      newPoints: 0,
    };
    recs.push(rec);
    const req = jsonPost(
      "/api/trpc/points.award",
      { brandSlug: s.slug, handle: s.members[m]?.handle, amount: AMOUNT, reason: "bench push", idempotencyKey: rec.key },
      { cookie: sessions[i % sessions.length] ?? "", "x-forwarded-for": fakeIp((i % 250) + 1, 13) },
    );
    pending.push(
      send(base, agent, req)
        .then((reply) => {
          rec.doneAt = now();
          rec.status = String(reply.status);
          if (reply.status === 200) {
            const amount = (JSON.parse(reply.body) as { result: { data: { json: { entry: { amount: number } } } } }).result.data.json.entry
              .amount;
            rec.amount = amount;
            points[m] = (points[m] ?? 0) + amount;
            rec.newPoints = points[m] ?? 0;
          } else tainted.add(m);
        })
        .catch(() => {
          rec.doneAt = now();
          rec.status = "net";
          // It may have committed: this member's later values are not matched.
          tainted.add(m);
        })
        .finally(() => {
          answered++;
          busy.delete(m);
        }),
    );
  }
  clearInterval(progress);
  await Promise.all(pending);
  agent.destroy();
  return { recs, lagMs, skipped };
}

// ---------------------------------------------------------------- one phase

interface PhaseResult {
  mode: "sadiq" | "bare";
  clients: number;
  connectMs: number;
  sent: number;
  ok: number;
  errors: Record<string, number>;
  windowMs: number;
  /** commit (HTTP answer) → client receipt, ms: all matched receipts, and the awarded member's own client. */
  latency: Float64Array;
  ownLatency: Float64Array;
  /** HTTP answer → receipt (the brief's proxy for the commit; late under load). */
  answerLatency: Float64Array;
  /** Receipts stamped before the commit (clock granularity), and before the HTTP answer. */
  earlyReceipts: number;
  beforeAnswer: number;
  /** Sightings of a new value by clients whose view the member only entered later (not counted). */
  enteredLater: number;
  /** Awards due in the window, and those skipped because the in-flight cap was reached. */
  due: number;
  skipped: number;
  missedOwn: number;
  supersededOwn: number;
  msgsInWindow: number;
  msgsTotal: number;
  lastMsgAfterMs: number;
  httpP50: number;
  httpP99: number;
  cpu: CpuWindow;
  cpuDrain: CpuWindow;
  gaps: number;
  rewatches: number;
  fullFrames: number;
  rankChanged: number;
  reconnects: number;
  disconnected: number;
  childErrors: string[];
  viewCheck?: { ok: number; bad: number; examples: string[] };
  schedLagMs: number;
  /** PostgreSQL backends of the app, sampled: busy in a statement, and waiting for a lock (the board topic's sequence row). */
  backends?: { active: number; lockWaits: number; samples: number };
  bare?: { stoppedAtMs: number | null; peakRssMb: number; due: number };
  /** The sending window on the monotonic clock V8 stamps profile samples with (µs). */
  profileWindow?: [number, number];
}

/** Samples pg_stat_activity every 100 ms until stopped: mean active backends and mean backends waiting on a lock. */
function sampleBackends(sql: postgres.Sql): () => Promise<{ active: number; lockWaits: number; samples: number }> {
  let active = 0;
  let lockWaits = 0;
  let samples = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const [r] = await sql<{ active: number; locks: number }[]>`
        select count(*) filter (where state = 'active')::int as active, count(*) filter (where wait_event_type = 'Lock')::int as locks
        from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'`.catch(
        () => [],
      );
      if (r) {
        active += r.active;
        lockWaits += r.locks;
        samples++;
      }
      await sleep(100);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
    return { active: samples ? active / samples : 0, lockWaits: samples ? lockWaits / samples : 0, samples };
  };
}

async function connectClients(cfg: Config, url: string, mode: "sadiq" | "bare", specs: ClientSpec[], watch?: WatchSpec) {
  const children = await Promise.all(Array.from({ length: cfg.procs }, () => spawnChild("bench/lib/push-client.ts")));
  const t0 = now();
  const per = Math.ceil(specs.length / cfg.procs);
  children.forEach((c, i) => {
    const msg: ToChild = { type: "connect", url, mode, clients: specs.slice(i * per, (i + 1) * per), watch, concurrency: 25 };
    c.send(msg);
  });
  const answers = await Promise.all(children.map((c) => c.next<{ connected: number; errors: string[] }>("connected", 600_000)));
  const connected = answers.reduce((a, x) => a + x.connected, 0);
  for (const e of answers.flatMap((x) => x.errors).slice(0, 3)) log(`  client error: ${e}`);
  return { children, connected, connectMs: now() - t0 };
}

/** Waits until no client received anything for `quietMs` (or the limit). */
async function drain(children: Child[], quietMs: number, limitMs: number, expectTotal?: number): Promise<void> {
  const deadline = now() + limitMs;
  let lastTotal = -1;
  let stableSince = now();
  while (now() < deadline) {
    await sleep(500);
    const got = await ask<{ total: number }>(children, { type: "count" }, "count");
    const total = got.reduce((a, g) => a + g.total, 0);
    if (expectTotal !== undefined && total >= expectTotal) return;
    if (total !== lastTotal) {
      lastTotal = total;
      stableSince = now();
    } else if (now() - stableSince >= quietMs) return;
  }
}

async function sadiqPhase(
  cfg: Config,
  sql: postgres.Sql,
  server: Server,
  postmasterPid: number | undefined,
  sessions: string[],
  s: Seeded,
  secret: string,
  tag: string,
): Promise<PhaseResult> {
  const members = s.members.slice(0, cfg.clients);
  const specs: ClientSpec[] = await Promise.all(
    members.map(async (m) => ({
      memberId: m.memberId,
      cookie: `next-auth.session-token=${await encode({ token: { sub: m.userId }, secret })}`,
    })),
  );
  const watch: WatchSpec = { brandSlug: s.slug, board: "points", period: "all", limit: cfg.limit };
  const url = new URL(server.url);
  const { children, connected, connectMs } = await connectClients(cfg, server.url, "sadiq", specs, watch);
  log(`  sadiq: ${connected} of ${specs.length} clients connected and watching in ${fmt(connectMs / 1000)} s`);
  try {
    // Scores before the awards (awards go only to the watching members).
    const before = await sql<{ member_id: string; score: string }[]>`
      select member_id, score from board_scores where brand_id = ${s.brandId} and board = 'points' and period = 'all'`;
    const scoreOf = new Map(before.map((r) => [r.member_id, Number(r.score)]));
    const points = members.map((m) => scoreOf.get(m.memberId) ?? 0);
    const tainted = new Set<number>();
    await sleep(1000);
    await ask(children, { type: "start" }, "started");
    const probe = cpuProbe(
      server.pid,
      postmasterPid,
      children.map((c) => c.proc.pid ?? 0),
    );
    const t0 = now();
    const fromUs = Number(process.hrtime.bigint() / 1000n);
    const stopSampling = sampleBackends(sql);
    const { recs, lagMs, skipped } = await runAwards(cfg, url, sessions, { ...s, members }, points, tainted, tag);
    const windowMs = now() - t0;
    const untilUs = Number(process.hrtime.bigint() / 1000n);
    const cpu = probe();
    const backends = await stopSampling();
    await ask(children, { type: "stop" }, "stopped");
    const probeDrain = cpuProbe(
      server.pid,
      postmasterPid,
      children.map((c) => c.proc.pid ?? 0),
    );
    // Frames keep coming while the hub catches up; then 3 s of quiet (the hub refreshes every 2 s).
    await drain(children, 3000, cfg.drain * 1000);
    const cpuDrain = probeDrain();
    const got = await ask<Collected>(children, { type: "collect" }, "collected");

    // Each award's commit time, from PostgreSQL's commit timestamps of the ledger rows.
    const commits = await sql<{ key: string; ms: number }[]>`
      select idempotency_key as key, (extract(epoch from pg_xact_commit_timestamp(xmin)) * 1000)::float8 as ms
      from ledger where brand_id = ${s.brandId} and idempotency_key like ${`staff-award:push-${tag}-%`}`;
    const commitOf = new Map(commits.map((c) => [c.key.slice("staff-award:".length), c.ms]));
    for (const r of recs) r.commitAt = commitOf.get(r.key) ?? 0;

    // Match receipts to awards by "<member>:<new points>".
    const byKey = new Map<string, AwardRec>();
    for (const r of recs) {
      if (r.status !== "200" || tainted.has(r.member) || !r.commitAt) continue;
      byKey.set(`${members[r.member]?.memberId}:${r.newPoints}`, r);
    }
    // Every client's first sighting of each "<member>:<points>": a receipt counts as an update of a row the
    // client already showed when that client had seen the member's previous value before the commit (else the
    // member merely entered its view later, with a value that was old by then).
    const seenAt = new Map<string, number>();
    got.forEach((g, c) => {
      g.keys.forEach((k, i) => {
        seenAt.set(`${c}/${g.who[i]}/${k}`, g.times[i] ?? 0);
      });
    });
    const lat: number[] = [];
    const ownLat: number[] = [];
    const answerLat: number[] = [];
    let early = 0;
    let beforeAnswer = 0;
    let enteredLater = 0;
    const ownSeen = new Set<AwardRec>();
    const ownMax = new Map<string, number>();
    got.forEach((g, c) => {
      g.keys.forEach((k, i) => {
        const t = g.times[i] ?? 0;
        if (g.own[i]) {
          const [id = "", pts = "0"] = k.split(":");
          ownMax.set(id, Math.max(ownMax.get(id) ?? 0, Number(pts)));
        }
        const r = byKey.get(k);
        if (!r) return;
        const l = t - r.commitAt;
        if (g.own[i]) {
          ownLat.push(l);
          ownSeen.add(r);
        } else {
          const prev = seenAt.get(`${c}/${g.who[i]}/${members[r.member]?.memberId}:${r.newPoints - r.amount}`);
          if (prev === undefined || prev > r.commitAt) {
            enteredLater++;
            return;
          }
        }
        if (l < 0) early++;
        if (t < r.doneAt) beforeAnswer++;
        lat.push(l);
        answerLat.push(t - r.doneAt);
      });
    });
    let missedOwn = 0;
    let supersededOwn = 0;
    for (const r of byKey.values()) {
      if (ownSeen.has(r)) continue;
      // Coalesced: a later award to the same member landed in the same tick; the client saw the later value.
      if ((ownMax.get(members[r.member]?.memberId ?? "") ?? 0) > r.newPoints) supersededOwn++;
      else missedOwn++;
    }
    const httpLat = recs.filter((r) => r.status === "200").map((r) => r.doneAt - r.sentAt);
    const errors: Record<string, number> = {};
    for (const r of recs) if (r.status !== "200") errors[r.status] = (errors[r.status] ?? 0) + 1;
    const lastAt = Math.max(...got.map((g) => g.lastAt));

    const viewCheck = await checkViews(
      sql,
      s.brandId,
      cfg.limit,
      got.flatMap((g) => g.views),
    );
    return {
      mode: "sadiq",
      clients: connected,
      connectMs,
      sent: recs.length,
      ok: httpLat.length,
      errors,
      windowMs,
      latency: sorted(lat),
      ownLatency: sorted(ownLat),
      answerLatency: sorted(answerLat),
      earlyReceipts: early,
      beforeAnswer,
      enteredLater,
      skipped,
      due: cfg.rate * cfg.seconds,
      missedOwn,
      supersededOwn,
      msgsInWindow: got.reduce((a, g) => a + g.inWindow, 0),
      msgsTotal: got.reduce((a, g) => a + g.total, 0),
      lastMsgAfterMs: lastAt - (t0 + windowMs),
      httpP50: percentile(sorted(httpLat), 50),
      httpP99: percentile(sorted(httpLat), 99),
      cpu,
      cpuDrain,
      gaps: got.reduce((a, g) => a + g.gaps, 0),
      rewatches: got.reduce((a, g) => a + g.rewatches, 0),
      fullFrames: got.reduce((a, g) => a + g.fullFrames, 0),
      rankChanged: got.reduce((a, g) => a + g.rankChanged, 0),
      reconnects: got.reduce((a, g) => a + g.reconnects, 0),
      disconnected: got.reduce((a, g) => a + g.disconnected, 0),
      childErrors: got.flatMap((g) => g.errors).slice(0, 5),
      viewCheck,
      schedLagMs: lagMs,
      backends,
      profileWindow: [fromUs, untilUs],
    };
  } finally {
    await Promise.all(children.map(stopChild));
  }
}

/** Every client's rows and own place against the ranking computed in SQL (score desc, reached_at asc, member_id asc). */
async function checkViews(sql: postgres.Sql, brandId: string, limit: number, views: ClientView[]) {
  const truth = await sql<{ member_id: string; score: string; rank: number }[]>`
    select member_id, score, (row_number() over (order by score desc, reached_at asc, member_id asc))::int as rank
    from board_scores where brand_id = ${brandId} and board = 'points' and period = 'all'`;
  const byRank = new Map(truth.map((t) => [t.rank, t]));
  const byMember = new Map(truth.map((t) => [t.member_id, t]));
  let ok = 0;
  let bad = 0;
  const examples: string[] = [];
  for (const v of views) {
    const mine = byMember.get(v.memberId);
    const want = new Map<string, [number, number]>();
    for (let r = 1; r <= Math.min(limit, truth.length); r++) {
      const t = byRank.get(r);
      if (t) want.set(t.member_id, [Number(t.score), r]);
    }
    if (mine) {
      for (let r = Math.max(1, mine.rank - 3); r <= Math.min(truth.length, mine.rank + 3); r++) {
        const t = byRank.get(r);
        if (t) want.set(t.member_id, [Number(t.score), r]);
      }
    }
    const problems: string[] = [];
    if (!v.me || v.me.rank !== (mine?.rank ?? null) || v.me.points !== Number(mine?.score ?? 0)) {
      problems.push(`me ${JSON.stringify(v.me)} vs rank ${mine?.rank} points ${mine?.score}`);
    }
    if (v.rows.length !== want.size) problems.push(`${v.rows.length} rows vs ${want.size}`);
    for (const [id, pts, rank] of v.rows) {
      const w = want.get(id);
      if (!w || w[0] !== pts || w[1] !== rank) {
        problems.push(`row ${id.slice(0, 8)} ${pts}@${rank} vs ${w ? `${w[0]}@${w[1]}` : "not in view"}`);
        break;
      }
    }
    if (problems.length) {
      bad++;
      if (examples.length < 5) examples.push(`client ${v.memberId.slice(0, 8)}: ${problems.join("; ")}`);
    } else ok++;
  }
  return { ok, bad, examples };
}

async function barePhase(cfg: Config, postmasterPid: number | undefined): Promise<PhaseResult> {
  const bare = await spawnChild("bench/lib/push-bare-server.ts");
  try {
    bare.send({ type: "listen" });
    const { port } = await bare.next<{ port: number }>("listening");
    const url = `http://127.0.0.1:${port}`;
    const specs: ClientSpec[] = Array.from({ length: cfg.clients }, (_, i) => ({ memberId: `bare-${i}`, cookie: "" }));
    const { children, connected, connectMs } = await connectClients(cfg, url, "bare", specs);
    log(`  bare: ${connected} of ${specs.length} clients connected in ${fmt(connectMs / 1000)} s`);
    try {
      await sleep(1000);
      await ask(children, { type: "start" }, "started");
      const probe = cpuProbe(
        bare.proc.pid,
        postmasterPid,
        children.map((c) => c.proc.pid ?? 0),
      );
      const t0 = now();
      bare.send({ type: "broadcast", rate: cfg.rate, seconds: cfg.seconds, maxRssMb: cfg.bareMaxRssMb });
      const done = await bare.next<{ sent: number; lateMs: number; ms: number; stoppedAtMs: number | null; peakRssMb: number }>(
        "broadcasted",
        (cfg.seconds + 600) * 1000,
      );
      if (done.stoppedAtMs !== null) {
        log(
          `  bare: stopped broadcasting after ${fmt(done.stoppedAtMs / 1000)} s: the server's memory passed ${cfg.bareMaxRssMb} MB (unsent backlog)`,
        );
      }
      const windowMs = now() - t0;
      const cpu = probe();
      await ask(children, { type: "stop" }, "stopped");
      const probeDrain = cpuProbe(
        bare.proc.pid,
        postmasterPid,
        children.map((c) => c.proc.pid ?? 0),
      );
      await drain(children, 3000, cfg.drain * 1000, done.sent * connected);
      const cpuDrain = probeDrain();
      const got = await ask<Collected>(children, { type: "collect" }, "collected");
      const lat = sorted(got.flatMap((g) => Array.from(g.latencies)));
      const total = got.reduce((a, g) => a + g.total, 0);
      return {
        mode: "bare",
        clients: connected,
        connectMs,
        sent: done.sent,
        ok: done.sent,
        errors: {},
        windowMs,
        latency: lat,
        ownLatency: new Float64Array(0),
        answerLatency: lat,
        earlyReceipts: 0,
        beforeAnswer: 0,
        enteredLater: 0,
        due: Math.round(cfg.rate * cfg.seconds),
        skipped: Math.round(cfg.rate * cfg.seconds) - done.sent,
        missedOwn: done.sent * connected - total,
        supersededOwn: 0,
        msgsInWindow: got.reduce((a, g) => a + g.inWindow, 0),
        msgsTotal: total,
        lastMsgAfterMs: Math.max(...got.map((g) => g.lastAt)) - (t0 + windowMs),
        httpP50: Number.NaN,
        httpP99: Number.NaN,
        cpu,
        cpuDrain,
        gaps: 0,
        rewatches: 0,
        fullFrames: 0,
        rankChanged: 0,
        reconnects: got.reduce((a, g) => a + g.reconnects, 0),
        disconnected: got.reduce((a, g) => a + g.disconnected, 0),
        childErrors: got.flatMap((g) => g.errors).slice(0, 5),
        schedLagMs: done.lateMs,
        bare: { stoppedAtMs: done.stoppedAtMs, peakRssMb: done.peakRssMb, due: Math.round(cfg.rate * cfg.seconds) },
      };
    } finally {
      await Promise.all(children.map(stopChild));
    }
  } finally {
    await stopChild(bare);
  }
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const cfg = config();
  const run = randomBytes(3).toString("hex");
  return runBenchmark((cleanups) => benchmark(cfg, run, cleanups));
}

async function benchmark(cfg: Config, run: string, cleanups: (() => Promise<unknown>)[]): Promise<number> {
  const started = Date.now();
  await ensureBuilt();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sadiq-push-"));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  log("starting a durable PostgreSQL cluster …");
  // Commit timestamps give each award's real commit time (the HTTP answer comes later, the more so under load).
  const cluster: Cluster = await startCluster(pgBinDir(), { track_commit_timestamp: "on" });
  cleanups.push(cluster.stop);
  const sql = postgres(cluster.url, { max: 2, onnotice: () => {}, connect_timeout: 10 });
  cleanups.push(() => sql.end({ timeout: 5 }));
  const [backend] = await sql<{ pid: number; v: string }[]>`select pg_backend_pid() as pid, current_setting('server_version') as v`;
  const postmasterPid = backend ? parentPid(backend.pid) : undefined;

  // The clients sign their own session cookies (next-auth JWTs), as the server will verify them with this secret.
  const secret = randomBytes(32).toString("base64url");
  process.env.NEXTAUTH_SECRET = secret;
  if (cfg.tickMs) process.env.SADIQ_BOARD_TICK_MS = cfg.tickMs;
  log("starting Sadiq (production build) …");
  const server = await startServer({
    port: await freePort(),
    databaseUrl: cluster.url,
    adminEmail: ADMIN_EMAIL,
    adminPassword: ADMIN_PASSWORD,
    dataDir: path.join(tmp, "data"),
    logFile: path.join(tmp, "server.log"),
    // A coarse sampling interval: the default 1 ms slows the server down noticeably on a small VM.
    nodeFlags: cfg.profile ? ["--cpu-prof", "--cpu-prof-interval=4000", `--cpu-prof-dir=${path.join(tmp, "profile")}`] : [],
  });
  let serverStopped = false;
  const stopServer = async () => {
    if (serverStopped) return;
    serverStopped = true;
    const code = await server.stop();
    if (code !== 0) log(`warning: the server exited with ${code}\n${server.logTail()}`);
  };
  cleanups.push(stopServer);
  const s = await seed(sql, cfg.clients, run);
  log(`seeded brand ${s.slug} with ${s.members.length} members on the points board`);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 4 });
  cleanups.push(async () => agent.destroy());
  const base = new URL(server.url);
  const sessions: string[] = [];
  for (let i = 0; i < cfg.sessions; i++) sessions.push(await signIn(base, agent, ADMIN_EMAIL, ADMIN_PASSWORD, fakeIp(i + 1, 11)));
  const probe = await send(
    base,
    agent,
    jsonPost(
      "/api/trpc/points.award",
      { brandSlug: s.slug, handle: "p_1", amount: 1, reason: "bench probe", idempotencyKey: `push-${run}-probe` },
      { cookie: sessions[0] ?? "" },
    ),
  );
  if (probe.status !== 200) throw new Error(`a probe award answered ${probe.status}: ${probe.body.slice(0, 300)}`);

  const sadiq: PhaseResult[] = [];
  const bare: PhaseResult[] = [];
  for (let r = 0; r < cfg.repeats; r++) {
    log(`run ${r + 1} of ${cfg.repeats}: Sadiq — ${cfg.clients} clients, ${cfg.rate} awards/s for ${cfg.seconds} s`);
    await waitForQuiet(cfg.quietWait, log);
    const a = await sadiqPhase(cfg, sql, server, postmasterPid, sessions, s, secret, `${run}-${r}`);
    sadiq.push(a);
    log(line(a));
    if (cfg.baseline) {
      log(`run ${r + 1} of ${cfg.repeats}: bare Socket.IO — ${cfg.clients} clients, ${cfg.rate} broadcasts/s for ${cfg.seconds} s`);
      await waitForQuiet(cfg.quietWait, log);
      const b = await barePhase(cfg, postmasterPid);
      bare.push(b);
      log(line(b));
    }
  }
  report(cfg, sadiq, bare, { started, run, pg: backend?.v ?? "?" });
  if (cfg.profile) {
    // The whole life of the server (start-up, connections, the runs): where its main thread went.
    await stopServer();
    const dir = path.join(tmp, "profile");
    const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith(".cpuprofile")) : undefined;
    if (file) {
      const [fromUs, untilUs] = sadiq[0]?.profileWindow ?? [undefined, undefined];
      const prof = summarizeProfile(path.join(dir, file), fromUs, untilUs);
      const pct = (ms: number) => `${fmt((ms / prof.busyMs) * 100, 1)}%`;
      console.log(
        `\nServer main thread under --cpu-prof, Sadiq run 1's sending window: busy ${fmt((prof.busyMs / (prof.busyMs + prof.idleMs)) * 100, 0)}% ` +
          `(${fmt(prof.busyMs / 1000, 1)} s); self time by package`,
      );
      console.log(
        table(
          ["package", "share"],
          prof.byPackage.slice(0, 12).map(([k, ms]) => [k, pct(ms)]),
        ),
      );
      console.log("\nTop functions (self time)");
      console.log(
        table(
          ["function", "share"],
          prof.topFunctions.slice(0, 15).map(([k, ms]) => [k.length > 100 ? `${k.slice(0, 97)}…` : k, pct(ms)]),
        ),
      );
    } else log("warning: the server wrote no CPU profile");
  }
  const allGood = sadiq.every((p) => p.viewCheck && p.viewCheck.bad === 0);
  return allGood ? 0 : 1;
}

function line(p: PhaseResult): string {
  return (
    `  ${p.mode}: ${p.ok}/${p.sent} ${p.mode === "sadiq" ? "awards" : "broadcasts"} in ${fmt(p.windowMs / 1000)} s; latency p50 ` +
    `${fmt(percentile(p.latency, 50), 1)} p99 ${fmt(percentile(p.latency, 99), 1)} max ${fmt(p.latency.at(-1) ?? Number.NaN, 1)} ms ` +
    `(${p.latency.length} receipts); ${fmt(p.msgsInWindow / (p.windowMs / 1000), 0)} msgs/s; server ${fmt(p.cpu.server, 2)} cores` +
    (p.viewCheck ? `; final views: ${p.viewCheck.ok} equal, ${p.viewCheck.bad} differ` : "")
  );
}

// ---------------------------------------------------------------- report

function report(cfg: Config, sadiq: PhaseResult[], bare: PhaseResult[], o: { started: number; run: string; pg: string }) {
  console.log(
    `\n=== Sadiq live-leaderboard push benchmark — ${new Date().toISOString()} (run ${o.run}, ${fmt((Date.now() - o.started) / 1000, 0)} s) ===`,
  );
  console.log(
    `machine: ${os.availableParallelism()} cores (${os.cpus()[0]?.model ?? "?"}), Node ${process.version}, PostgreSQL ${o.pg} (durable commits)`,
  );
  console.log(
    `load: ${cfg.clients} Socket.IO clients in ${cfg.procs} processes watching points/all (limit ${cfg.limit}); ${cfg.rate} awards/s for ` +
      `${cfg.seconds} s over HTTP (≤ ${cfg.inflight} in flight); board tick ${cfg.tickMs ?? "150 (default)"} ms; ${cfg.repeats} run(s)` +
      (cfg.repeats > 1 ? ", medians below" : ""),
  );
  const med = (ps: PhaseResult[], f: (p: PhaseResult) => number) => median(ps.map(f));
  const q = (xs: Float64Array, v: number) => percentile(xs, v);
  const rows: [string, (p: PhaseResult) => number, number][] = [
    ["connected clients", (p) => p.clients, 0],
    ["awards (Sadiq) / broadcasts (bare) due per s", (p) => p.due / cfg.seconds, 1],
    ["awards answered / broadcasts sent per s", (p) => p.ok / (p.windowMs / 1000), 1],
    ["latency p50, ms (Sadiq: commit → frame; bare: due → receipt)", (p) => q(p.latency, 50), 1],
    ["latency p99, ms", (p) => q(p.latency, 99), 1],
    ["latency max, ms", (p) => p.latency.at(-1) ?? Number.NaN, 1],
    ["Sadiq: at the awarded member's own client, p50 ms", (p) => (p.mode === "sadiq" ? q(p.ownLatency, 50) : Number.NaN), 1],
    ["Sadiq: at the awarded member's own client, p99 ms", (p) => (p.mode === "sadiq" ? q(p.ownLatency, 99) : Number.NaN), 1],
    ["messages delivered per s (in the window)", (p) => p.msgsInWindow / (p.windowMs / 1000), 0],
    ["messages in all (incl. after the window)", (p) => p.msgsTotal, 0],
    ["last message after the window, ms", (p) => p.lastMsgAfterMs, 0],
    ["server CPU, cores (sending window)", (p) => p.cpu.server, 2],
    ["server CPU ms per award / broadcast", (p) => (p.cpu.server * p.windowMs) / Math.max(1, p.ok), 2],
    ["server CPU µs per message delivered in the window", (p) => (p.cpu.server * p.windowMs * 1000) / Math.max(1, p.msgsInWindow), 1],
    ["PostgreSQL CPU, cores", (p) => p.cpu.postgres, 2],
    ["client processes CPU, cores", (p) => p.cpu.clients, 2],
    ["other processes, cores", (p) => otherCores(p.cpu), 2],
  ];
  const body = rows.map(([name, f, d]) => {
    const a = med(sadiq, f);
    const b = bare.length ? med(bare, f) : Number.NaN;
    return [name, fmt(a, d), fmt(b, d), Number.isFinite(b) && b !== 0 ? fmt(a / b, 2) : "–"];
  });
  console.log(`\n${table(["", "Sadiq", "bare Socket.IO", "ratio"], body)}`);
  for (const [i, p] of sadiq.entries()) {
    console.log(`\nSadiq run ${i + 1}:`);
    console.log(
      `  awards: ${p.due} due, ${p.skipped} skipped (${cfg.inflight} in flight already), ${p.sent} sent, ${p.ok} answered 200 ` +
        `(errors: ${JSON.stringify(p.errors)}); HTTP latency p50 ${fmt(p.httpP50, 1)} p99 ${fmt(p.httpP99, 1)} ms`,
    );
    console.log(
      `  receipts: ${p.latency.length} updates of rows in view (${p.enteredLater} sightings of members entering a view later not counted); commit → frame p50 ${fmt(q(p.latency, 50), 1)} p99 ${fmt(q(p.latency, 99), 1)} ms, ` +
        `at the awarded member's own client (${p.ownLatency.length}) p50 ${fmt(q(p.ownLatency, 50), 1)} p99 ${fmt(q(p.ownLatency, 99), 1)} ms; ` +
        `HTTP answer → frame p50 ${fmt(q(p.answerLatency, 50), 1)} p99 ${fmt(q(p.answerLatency, 99), 1)} ms ` +
        `(${p.beforeAnswer} frames arrived before the HTTP answer; ${p.earlyReceipts} stamped before the commit)`,
    );
    console.log(
      `  own client: ${p.missedOwn} awards never seen, ${p.supersededOwn} coalesced into a later value; frames: ${p.fullFrames} full, ` +
        `${p.gaps} seq gaps (prevSeq ≠ last applied → re-watch), ${p.rankChanged} rank:changed; ${p.reconnects} reconnects, ${p.disconnected} disconnected`,
    );
    console.log(
      `  CPU (cores) while sending: server ${fmt(p.cpu.server, 2)}, PostgreSQL ${fmt(p.cpu.postgres, 2)}, clients ${fmt(p.cpu.clients, 2)}, ` +
        `load generator ${fmt(p.cpu.loadgen, 2)}, other ${fmt(otherCores(p.cpu), 2)}; during the drain (${fmt(p.cpuDrain.wall, 1)} s): server ${fmt(p.cpuDrain.server, 2)}`,
    );
    if (p.backends) {
      console.log(
        `  PostgreSQL backends while sending (mean of ${p.backends.samples} samples): ${fmt(p.backends.active, 1)} running a statement, ` +
          `${fmt(p.backends.lockWaits, 2)} waiting for a lock`,
      );
    }
    if (p.viewCheck) {
      console.log(`  final views vs SQL ranking: ${p.viewCheck.ok} equal, ${p.viewCheck.bad} differ${p.viewCheck.bad ? ":" : ""}`);
      for (const e of p.viewCheck.examples) console.log(`    ${e}`);
    }
    for (const e of p.childErrors) console.log(`  client error: ${e}`);
  }
  for (const [i, p] of bare.entries()) {
    console.log(
      `\nbare run ${i + 1}: ${p.sent} of ${p.bare?.due ?? "?"} broadcasts sent` +
        (p.bare?.stoppedAtMs != null
          ? ` (stopped after ${fmt(p.bare.stoppedAtMs / 1000)} s: memory passed ${cfg.bareMaxRssMb} MB — Socket.IO buffers for slow clients without limit)`
          : "") +
        `; × ${p.clients} clients = ${p.sent * p.clients} messages due, ${p.msgsTotal} delivered (${p.missedOwn} not within the drain limit); ` +
        `server peak RSS ${fmt(p.bare?.peakRssMb ?? Number.NaN, 0)} MB; broadcaster behind schedule by up to ${fmt(p.schedLagMs, 0)} ms; ` +
        `CPU while sending: server ${fmt(p.cpu.server, 2)}, clients ${fmt(p.cpu.clients, 2)}, other ${fmt(otherCores(p.cpu), 2)}`,
    );
    for (const e of p.childErrors) console.log(`  client error: ${e}`);
  }
}

main()
  .then((code) => process.exit(code))
  .catch(async (err: unknown) => {
    console.error(`[bench] failed: ${(err as Error).stack ?? String(err)}`);
    await sleep(10);
    process.exit(2);
  });
