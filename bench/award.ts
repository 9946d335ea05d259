// Points-award benchmark: signed-in staff award points through the real HTTP API (N concurrent
// clients) against a durable PostgreSQL; pgbench runs the same SQL transaction on the same server;
// the report compares both, checks the ledger invariant and shows where the time goes.
//   node --import tsx bench/award.ts        (npm run bench:award)
// Settings (environment): see bench/README.md.
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type Cluster, DURABLE_SETTINGS, pgBinDir, startCluster } from "./lib/cluster";
import { type CpuProbe, type CpuUse, cpuCount, parentPid, startCpu } from "./lib/cpu";
import { closedLoop, fakeIp, jsonPost, type LoadResult, pool, type Req, send, signIn } from "./lib/http";
import { AWARD_REQUEST_SQL, AWARD_SQL, type PgbenchResult, runPgbench, writeScript } from "./lib/pgbench";
import { freePort, sleep } from "./lib/proc";
import { type ProfileSummary, summarizeProfile } from "./lib/profile";
import { runBenchmark } from "./lib/run";
import { ensureBuilt, ROOT, type Server, startServer } from "./lib/server";
import { fmt, median, type Summary, summarize, table } from "./lib/stats";

// ---------------------------------------------------------------- settings

function intEnv(name: string, fallback: number, min: number, max: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new Error(`${name} must be an integer from ${min} to ${max}`);
  return n;
}

function config() {
  const clients = (process.env.BENCH_CLIENTS ?? "1,4,16,64").split(",").map((s) => Number(s.trim()));
  if (clients.some((n) => !Number.isInteger(n) || n < 1 || n > 512))
    throw new Error("BENCH_CLIENTS: integers from 1 to 512, e.g. 1,4,16,64");
  const protocol = process.env.BENCH_PGBENCH_PROTOCOL ?? "extended";
  if (protocol !== "extended" && protocol !== "prepared") throw new Error("BENCH_PGBENCH_PROTOCOL: extended or prepared");
  return {
    seconds: intEnv("BENCH_SECONDS", 10, 1, 600),
    warmup: intEnv("BENCH_WARMUP", 2, 0, 60),
    repeats: intEnv("BENCH_REPEATS", 1, 1, 20),
    members: intEnv("BENCH_MEMBERS", 2000, 10, 100_000),
    sessions: intEnv("BENCH_SESSIONS", 4, 1, 64),
    clients,
    protocol: protocol as "extended" | "prepared",
    profile: process.env.BENCH_PROFILE !== "0",
    profileOut: process.env.BENCH_PROFILE_OUT || undefined,
    prewarm: intEnv("BENCH_PREWARM", 600, 0, 100_000),
    dbPool: process.env.BENCH_DB_POOL || undefined,
    databaseUrl: process.env.BENCH_DATABASE_URL || undefined,
  };
}

const BRAND = "demo";
const AMOUNT = 10;
const REASON = "bench";
const MEMBER_PASSWORD = "bench-member-password";
const ADMIN_EMAIL = "bench-admin@example.com";
const ADMIN_PASSWORD = `bench-${randomBytes(9).toString("base64url")}`;
const log = (line: string) => console.log(`[bench] ${line}`);

// ---------------------------------------------------------------- results

interface Phase {
  summary: Summary;
  errors: Record<string, number>;
  cpu: CpuUse;
}

interface PgPhase extends Phase {
  failed: number;
  reportedTps: number;
}

function errorText(errors: Record<string, number>): string {
  const parts = Object.entries(errors).map(([k, v]) => `${v}×${k}`);
  return parts.length ? parts.join(" ") : "0";
}

/** Measures CPU during the window only (after the warm-up), not while clients ramp up. */
function cpuDuringWindow(probe: CpuProbe, client: "self" | "children", warmupMs: number, measureMs: number): Promise<CpuUse> {
  return new Promise((resolve) => {
    setTimeout(() => {
      const stop = startCpu(probe, client);
      setTimeout(() => resolve(stop()), measureMs);
    }, warmupMs);
  });
}

// ---------------------------------------------------------------- main

async function main(): Promise<number> {
  const cfg = config();
  const run = randomBytes(4).toString("hex");
  return runBenchmark((cleanups) => benchmark(cfg, run, cleanups));
}

async function benchmark(cfg: ReturnType<typeof config>, run: string, cleanups: (() => Promise<unknown>)[]): Promise<number> {
  const started = Date.now();
  const warmupMs = cfg.warmup * 1000;
  const measureMs = cfg.seconds * 1000;
  await ensureBuilt();
  const tmp = mkdtempSync(path.join(os.tmpdir(), "sadiq-bench-"));
  cleanups.push(async () => rmSync(tmp, { recursive: true, force: true }));
  const bin = pgBinDir();

  // PostgreSQL, Sadiq, members, staff sessions
  let databaseUrl = cfg.databaseUrl;
  if (!databaseUrl) {
    log("starting a durable PostgreSQL cluster …");
    const cluster: Cluster = await startCluster(bin);
    cleanups.push(cluster.stop);
    databaseUrl = cluster.url;
  }
  const sql = postgres(databaseUrl, { max: 2, onnotice: () => {}, connect_timeout: 10 });
  cleanups.push(() => sql.end({ timeout: 5 }));
  // Our own cluster preloads pg_stat_statements; a database given by URL is left as it is.
  if (!cfg.databaseUrl) await sql`create extension if not exists pg_stat_statements`.catch(() => {});
  const [backend] = await sql<{ pid: number }[]>`select pg_backend_pid() as pid`;
  // Our backend's parent is the postmaster (when the server runs on this machine).
  const postmasterPid = backend ? parentPid(backend.pid) : undefined;
  const pgSettings = await sql<{ name: string; setting: string }[]>`
    select name, setting from pg_settings
    where name in ('server_version', 'fsync', 'synchronous_commit', 'full_page_writes', 'shared_buffers', 'max_connections')`;
  const setting = (n: string) => pgSettings.find((s) => s.name === n)?.setting ?? "?";
  if (setting("fsync") !== "on" || setting("synchronous_commit") !== "on") {
    log(`warning: fsync=${setting("fsync")} synchronous_commit=${setting("synchronous_commit")}: commits are not durable`);
  }

  let server: Server | undefined;
  const port = await freePort();
  const start = async (nodeFlags: string[] = []) => {
    server = await startServer({
      port,
      databaseUrl: databaseUrl as string,
      adminEmail: ADMIN_EMAIL,
      adminPassword: ADMIN_PASSWORD,
      dataDir: path.join(tmp, "data"),
      logFile: path.join(tmp, "server.log"),
      nodeFlags,
      dbPool: cfg.dbPool,
    });
    return server;
  };
  const stopServer = async () => {
    if (!server) return;
    const s = server;
    server = undefined;
    const code = await s.stop();
    if (code !== 0) log(`warning: the server exited with ${code}\n${s.logTail()}`);
  };
  cleanups.push(stopServer);

  log("starting Sadiq (production build) …");
  const base = new URL((await start()).url);
  const setupAgent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  cleanups.push(async () => setupAgent.destroy());

  const handles = await ensureMembers(sql, base, setupAgent, cfg.members, run);
  const sessions: string[] = [];
  for (let i = 0; i < cfg.sessions; i++) sessions.push(await signIn(base, setupAgent, ADMIN_EMAIL, ADMIN_PASSWORD, fakeIp(i + 1, 11)));
  log(`${cfg.sessions} staff session(s) signed in as ${ADMIN_EMAIL}`);

  const [admin] = await sql<{ id: string }[]>`select id from users where email = ${ADMIN_EMAIL}`;
  if (!admin) throw new Error("the bench admin does not exist");
  await sql`drop table if exists bench_members`;
  await sql`create table bench_members (n int primary key, member_id uuid not null, brand_id uuid not null, user_id uuid not null, handle text not null)`;
  cleanups.push(() => sql`drop table if exists bench_members`.catch(() => {}));
  await sql`
    insert into bench_members
    select row_number() over (order by m.handle), m.id, m.brand_id, m.user_id, m.handle
    from memberships m join brands b on b.id = m.brand_id
    where b.slug = ${BRAND} and m.handle = any(${handles})`;
  await sql`analyze`;

  // Award requests: random member, unique key, shared session cookies.
  let phaseNo = 0;
  const awardRequest =
    (tag: number) =>
    (client: number, seq: number): Req =>
      jsonPost(
        "/api/trpc/points.award",
        {
          brandSlug: BRAND,
          handle: handles[Math.floor(Math.random() * handles.length)],
          amount: AMOUNT,
          reason: REASON,
          idempotencyKey: `bench-${run}-${tag}-${client}-${seq}`,
        },
        { cookie: sessions[client % sessions.length] ?? "", "x-forwarded-for": fakeIp(client + 1, 12) },
      );
  let appAcknowledged = 0;
  const probe = await send(base, setupAgent, awardRequest(phaseNo++)(0, 0));
  if (probe.status !== 200) throw new Error(`a probe award answered ${probe.status}: ${probe.body.slice(0, 300)}`);
  appAcknowledged++;

  // After a start the outbox dispatcher reads only events newer than the start; once the server
  // has emitted more than its look-back window (500 events, src/server/realtime/dispatcher.ts) each
  // pass re-reads a full window. Measure that steady state, as a long-running server would be in.
  const prewarm = async () => {
    if (cfg.prewarm === 0) return;
    const t0 = performance.now();
    const res = await closedLoop(base, 4, 0, 120_000, awardRequest(phaseNo++), cfg.prewarm);
    appAcknowledged += res.okTotal;
    log(`warmed the server up with ${res.okTotal} awards in ${fmt((performance.now() - t0) / 1000)} s`);
  };
  await prewarm();

  const checkpoint = () => sql`checkpoint`.catch(() => {});
  const runHttp = async (clients: number, make: (client: number, seq: number) => Req): Promise<Phase & { load: LoadResult }> => {
    await checkpoint();
    const probeCpu: CpuProbe = { serverPid: server?.pid, postmasterPid };
    const cpu = cpuDuringWindow(probeCpu, "self", warmupMs, measureMs);
    const load = await closedLoop(base, clients, warmupMs, measureMs, make);
    return { summary: summarize(load), errors: load.errors, cpu: await cpu, load };
  };

  // pgbench's scripts: the same transaction on the same server
  const awardSql = path.join(ROOT, "bench", "award.sql");
  const requestSql = path.join(ROOT, "bench", "award-request.sql");
  writeScript(awardSql, AWARD_SQL);
  writeScript(requestSql, AWARD_REQUEST_SQL);
  const now = new Date();
  const monthStart = (back: number) => new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1)).toISOString().slice(0, 10);
  const vars = {
    members: handles.length,
    since: monthStart(11),
    month: monthStart(0),
    amount: AMOUNT,
    reason: REASON,
    actor: admin.id,
    payload_hash: "0123456789abcdef0123456789abcdef",
    key_prefix: `staff-award:pgbench-${run}-`,
    topic_prefix: "user:",
    event_type: "points:changed",
    slug: BRAND,
  };
  let pgbenchCompleted = 0;
  // The server sleeps (SIGSTOP) while pgbench runs: it uses no CPU and its outbox dispatcher does
  // not answer pgbench's NOTIFYs; it catches up during the next warm-up.
  const runPg = async (clients: number, script: string, protocol: "extended" | "prepared"): Promise<PgPhase> => {
    server?.pause();
    try {
      await checkpoint();
      const window = cpuDuringWindow({ postmasterPid }, "self", warmupMs, measureMs);
      const whole = startCpu({}, "children");
      const res: PgbenchResult = await runPgbench({
        bin,
        url: databaseUrl as string,
        script,
        clients,
        warmupMs,
        measureMs,
        protocol,
        vars,
      });
      const pgbenchCpu = whole();
      const cpu = { ...(await window), client: pgbenchCpu.client };
      pgbenchCompleted += res.total;
      const errors: Record<string, number> = res.failed ? { failed: res.failed } : {};
      return { summary: summarize(res), errors, cpu, failed: res.failed, reportedTps: res.reportedTps };
    } finally {
      server?.resume();
    }
  };

  // For each N: the app with N HTTP clients, then pgbench with N clients, side by side in
  // time so that whatever else the machine is doing touches both alike.
  const app: Map<number, Phase>[] = [];
  const pg: Map<number, PgPhase>[] = [];
  const pad = (n: number) => String(n).padStart(3);
  for (let r = 0; r < cfg.repeats; r++) {
    const appByN = new Map<number, Phase>();
    const pgByN = new Map<number, PgPhase>();
    for (const n of cfg.clients) {
      const phase = await runHttp(n, awardRequest(phaseNo++));
      appAcknowledged += phase.load.okTotal;
      if (phase.summary.count === 0) {
        throw new Error(`no award succeeded with ${n} clients: ${JSON.stringify(phase.load.examples).slice(0, 500)}`);
      }
      for (const [status, body] of Object.entries(phase.load.examples)) log(`  N=${n} example ${status} answer: ${body}`);
      appByN.set(n, phase);
      log(
        `run ${r + 1} app     N=${pad(n)}: ${fmt(phase.summary.perSecond)} awards/s, p50 ${fmt(phase.summary.p50, 2)} ms, ` +
          `p99 ${fmt(phase.summary.p99, 2)} ms, errors ${errorText(phase.errors)}`,
      );
      const pgPhase = await runPg(n, awardSql, cfg.protocol);
      pgByN.set(n, pgPhase);
      log(
        `run ${r + 1} pgbench N=${pad(n)}: ${fmt(pgPhase.summary.perSecond)} tps, p50 ${fmt(pgPhase.summary.p50, 2)} ms, ` +
          `p99 ${fmt(pgPhase.summary.p99, 2)} ms (pgbench itself: ${fmt(pgPhase.reportedTps)} tps)`,
      );
    }
    app.push(appByN);
    pg.push(pgByN);
  }
  const appMedian = (n: number, f: (p: Phase) => number) => median(app.map((m) => m.get(n)).flatMap((p) => (p ? [f(p)] : [])));
  const pgMedian = (n: number, f: (p: PgPhase) => number) => median(pg.map((m) => m.get(n)).flatMap((p) => (p ? [f(p)] : [])));
  const bestN = cfg.clients.reduce((best, n) =>
    appMedian(n, (p) => p.summary.perSecond) > appMedian(best, (p) => p.summary.perSecond) ? n : best,
  );

  // Where the time goes, at the best N. The floor of any request: a trivial query through the same HTTP + Next + tRPC stack
  const list = await runHttp(bestN, () => ({ method: "GET", path: "/api/trpc/brands.list", headers: { "x-forwarded-for": "10.200.0.1" } }));
  log(`brands.list      N=${pad(bestN)}: ${fmt(list.summary.perSecond)} req/s, p50 ${fmt(list.summary.p50, 2)} ms`);

  // The database's side of a whole request, and what the other protocol would change
  const pgRequest = await runPg(bestN, requestSql, cfg.protocol);
  log(`pgbench request  N=${pad(bestN)}: ${fmt(pgRequest.summary.perSecond)} tps (all SQL of one award request)`);
  const otherProtocol = cfg.protocol === "extended" ? "prepared" : "extended";
  const pgOther = await runPg(bestN, awardSql, otherProtocol);
  log(`pgbench -M ${otherProtocol} N=${pad(bestN)}: ${fmt(pgOther.summary.perSecond)} tps`);
  await stopServer();

  // A CPU profile of the server and the statements it sends, under the best concurrency
  let profile: { summary: ProfileSummary; phase: Phase } | undefined;
  let statements: Statement[] = [];
  let instrumentedAwards = 0;
  if (cfg.profile) {
    const profDir = path.join(tmp, "profile");
    // A coarse interval: sampling every 1 ms (the default) slows the server down noticeably on a small VM.
    await start(["--cpu-prof", "--cpu-prof-interval=4000", `--cpu-prof-dir=${profDir}`]);
    await prewarm();
    const tracked = await sql`select pg_stat_statements_reset()`.then(
      () => true,
      () => false,
    );
    const load = await runHttp(bestN, awardRequest(phaseNo++));
    appAcknowledged += load.load.okTotal;
    instrumentedAwards = load.load.okTotal;
    // performance.now() → the monotonic clock (µs) that V8 stamps profile samples with.
    const nowPerf = performance.now();
    const nowUs = Number(process.hrtime.bigint() / 1000n);
    const toUs = (t: number) => nowUs - (nowPerf - t) * 1000;
    const fromUs = toUs(load.load.windowStart);
    const untilUs = toUs(load.load.windowEnd);
    if (tracked) statements = await topStatements(sql);
    await stopServer();
    const file = readdirSync(profDir).find((f) => f.endsWith(".cpuprofile"));
    if (file) {
      profile = { summary: summarizeProfile(path.join(profDir, file), fromUs, untilUs), phase: load };
      if (cfg.profileOut) copyFileSync(path.join(profDir, file), cfg.profileOut);
    } else {
      log("warning: the server wrote no CPU profile");
    }
    log(`profiled app     N=${String(bestN).padStart(3)}: ${fmt(load.summary.perSecond)} awards/s (under the profiler)`);
  }

  // The ledger invariant, and no acknowledged award lost; then the report.
  const ledger = await checkLedger(sql, run, appAcknowledged, pgbenchCompleted);
  report({
    cfg,
    run,
    started,
    setting,
    bestN,
    app,
    pg,
    appMedian,
    pgMedian,
    list,
    pgRequest,
    pgOther,
    otherProtocol,
    profile,
    statements,
    instrumentedAwards,
  });
  console.log(`\n${ledger.lines.join("\n")}`);
  console.log(`\nLedger invariant: ${ledger.ok ? "OK" : "FAILED"}`);
  return ledger.ok ? 0 : 1;
}

// ---------------------------------------------------------------- statements

interface Statement {
  query: string;
  calls: number;
  rows: number;
  ms: number;
}

/** What the app sent during the instrumented run, by total execution time (pg_stat_statements). */
async function topStatements(sql: postgres.Sql): Promise<Statement[]> {
  return sql<Statement[]>`
    select regexp_replace(query, '[[:space:]]+', ' ', 'g') as query, calls::int as calls, rows::int as rows, total_exec_time::float8 as ms
    from pg_stat_statements
    where dbid = (select oid from pg_database where datname = current_database())
      and query not ilike '%pg_stat_statements%' and query not ilike 'checkpoint%'
    order by total_exec_time desc limit 60`.catch(() => []);
}

// ---------------------------------------------------------------- members

/** Reuses bench members from earlier runs (BENCH_DATABASE_URL) and registers the missing ones over HTTP. */
async function ensureMembers(sql: postgres.Sql, base: URL, agent: http.Agent, count: number, run: string): Promise<string[]> {
  const existing = await sql<{ handle: string }[]>`
    select m.handle from users u
    join memberships m on m.user_id = u.id
    join brands b on b.id = m.brand_id
    where b.slug = ${BRAND} and m.role = 'member' and u.email like 'bench.%@example.com'
    order by m.handle limit ${count}`;
  const handles = existing.map((r) => r.handle);
  const missing = count - handles.length;
  if (missing <= 0) {
    log(`reusing ${handles.length} bench members`);
    return handles;
  }
  log(`registering ${missing} members over HTTP (auth.register, argon2id: this takes a while) …`);
  const t0 = performance.now();
  const created = await pool(missing, 8, async (i) => {
    const reply = await send(
      base,
      agent,
      jsonPost(
        "/api/trpc/auth.register",
        { email: `bench.${run}.${i}@example.com`, password: MEMBER_PASSWORD, name: `Bench ${run} ${i}`, brandSlug: BRAND },
        { "x-forwarded-for": fakeIp(i + 1, 10) },
      ),
    );
    if (reply.status !== 200) throw new Error(`auth.register answered ${reply.status}: ${reply.body.slice(0, 300)}`);
    return (JSON.parse(reply.body) as { result: { data: { json: { handle: string } } } }).result.data.json.handle;
  });
  log(`registered ${created.length} members in ${fmt((performance.now() - t0) / 1000)} s`);
  return [...handles, ...created];
}

// ---------------------------------------------------------------- invariant

async function checkLedger(
  sql: postgres.Sql,
  run: string,
  appAcknowledged: number,
  pgbenchCompleted: number,
): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  const bad = await sql<{ handle: string; available: number; pending: number; vested: number; pendingSum: number }[]>`
    select m.handle, coalesce(b.available, 0)::int as available, coalesce(b.pending, 0)::int as pending,
           coalesce(l.vested, 0)::int as vested, coalesce(l.pending, 0)::int as "pendingSum"
    from memberships m
    join brands br on br.id = m.brand_id and br.slug = ${BRAND}
    left join balances b on b.member_id = m.id
    left join (
      select member_id, sum(amount) filter (where state = 'vested') as vested, sum(amount) filter (where state = 'pending') as pending
      from ledger group by member_id
    ) l on l.member_id = m.id
    where coalesce(b.available, 0) <> coalesce(l.vested, 0)
       or coalesce(b.pending, 0) <> coalesce(l.pending, 0)
       or b.available < 0 or b.pending < 0`;
  const [members] = await sql<{ n: number }[]>`
    select count(*)::int as n from memberships m join brands b on b.id = m.brand_id where b.slug = ${BRAND}`;
  const [rows] = await sql<{ app: number; pgbench: number }[]>`
    select count(*) filter (where idempotency_key like ${`staff-award:bench-${run}-%`})::int as app,
           count(*) filter (where idempotency_key like ${`staff-award:pgbench-${run}-%`})::int as pgbench
    from ledger`;
  lines.push("Ledger check");
  lines.push(`  members of "${BRAND}": ${members?.n}; balances.available = Σ vested ledger amounts, pending = Σ pending, none negative`);
  // A request that timed out client-side may still have committed: rows ≥ acknowledged, never fewer.
  const lost = (rows?.app ?? 0) < appAcknowledged || (rows?.pgbench ?? 0) < pgbenchCompleted;
  lines.push(
    `  ledger rows of this run: app ${rows?.app} (acknowledged ${appAcknowledged}), pgbench ${rows?.pgbench} (completed ${pgbenchCompleted})` +
      (lost ? "  ← acknowledged awards are missing!" : ""),
  );
  for (const b of bad.slice(0, 20)) {
    lines.push(
      `  mismatch @${b.handle}: available ${b.available} vs Σ vested ${b.vested}; pending ${b.pending} vs Σ pending ${b.pendingSum}`,
    );
  }
  if (bad.length > 20) lines.push(`  … and ${bad.length - 20} more`);
  return { ok: bad.length === 0 && !lost, lines };
}

// ---------------------------------------------------------------- report

interface ReportInput {
  cfg: ReturnType<typeof config>;
  run: string;
  started: number;
  setting: (name: string) => string;
  bestN: number;
  app: Map<number, Phase>[];
  pg: Map<number, PgPhase>[];
  appMedian: (n: number, f: (p: Phase) => number) => number;
  pgMedian: (n: number, f: (p: PgPhase) => number) => number;
  list: Phase;
  pgRequest: PgPhase;
  pgOther: PgPhase;
  otherProtocol: string;
  profile?: { summary: ProfileSummary; phase: Phase };
  statements: Statement[];
  instrumentedAwards: number;
}

const HEADER = [
  "N",
  "app awards/s",
  "app p50 ms",
  "app p99 ms",
  "app errors",
  "pgbench tps",
  "pgbench p50 ms",
  "pgbench p99 ms",
  "ratio app/pgbench",
];

function resultTable(
  clients: number[],
  bestN: number,
  appOf: (n: number, f: (p: Phase) => number) => number,
  pgOf: (n: number, f: (p: PgPhase) => number) => number,
  errorsOf: (n: number) => string,
): string {
  const rows = clients.map((n) => {
    const a = appOf(n, (p) => p.summary.perSecond);
    const t = pgOf(n, (p) => p.summary.perSecond);
    return [
      `${n}${n === bestN ? " *" : ""}`,
      fmt(a),
      fmt(
        appOf(n, (p) => p.summary.p50),
        2,
      ),
      fmt(
        appOf(n, (p) => p.summary.p99),
        2,
      ),
      errorsOf(n),
      fmt(t),
      fmt(
        pgOf(n, (p) => p.summary.p50),
        2,
      ),
      fmt(
        pgOf(n, (p) => p.summary.p99),
        2,
      ),
      fmt(a / t, 2),
    ];
  });
  return table(HEADER, rows);
}

function report(o: ReportInput): void {
  const { cfg, bestN } = o;
  const cores = cpuCount();
  const cpuModel = os.cpus()[0]?.model ?? "?";
  console.log(
    `\n=== Sadiq points-award benchmark — ${new Date().toISOString()} (run ${o.run}, ${fmt((Date.now() - o.started) / 1000, 0)} s) ===`,
  );
  console.log(`machine: ${cores} cores (${cpuModel}), Node ${process.version}, PostgreSQL ${o.setting("server_version")}`);
  console.log(
    `postgres: fsync=${o.setting("fsync")} synchronous_commit=${o.setting("synchronous_commit")} full_page_writes=${o.setting("full_page_writes")} ` +
      `shared_buffers=${(Number(o.setting("shared_buffers")) * 8) / 1024}MB${cfg.databaseUrl ? " (BENCH_DATABASE_URL)" : ` (own cluster: ${Object.keys(DURABLE_SETTINGS).join(", ")} set)`}`,
  );
  console.log(
    `load: ${cfg.seconds} s measured after ${cfg.warmup} s warm-up per point, ${cfg.repeats} run(s), ${cfg.members} members, ` +
      `${cfg.sessions} staff session(s), app DB pool ${cfg.dbPool ?? "10 (default)"}, pgbench -M ${cfg.protocol} -j 2 (bench/award.sql)`,
  );

  const single =
    <P extends Phase>(runs: Map<number, P>[], r: number) =>
    (n: number, f: (p: P) => number) => {
      const p = runs[r]?.get(n);
      return p ? f(p) : Number.NaN;
    };
  const errorsIn = (r: number) => (n: number) => errorText(o.app[r]?.get(n)?.errors ?? {});
  for (let r = 0; r < cfg.repeats; r++) {
    console.log(`\n${cfg.repeats > 1 ? `Run ${r + 1}` : "Results"} (* = best concurrency: highest app awards/s)`);
    console.log(resultTable(cfg.clients, bestN, single(o.app, r), single(o.pg, r), errorsIn(r)));
  }
  if (cfg.repeats > 1) {
    console.log(`\nMedians over ${cfg.repeats} runs`);
    const errs = (n: number) =>
      errorText(
        o.app.reduce<Record<string, number>>((acc, m) => {
          for (const [k, v] of Object.entries(m.get(n)?.errors ?? {})) acc[k] = (acc[k] ?? 0) + v;
          return acc;
        }, {}),
      );
    console.log(resultTable(cfg.clients, bestN, o.appMedian, o.pgMedian, errs));
  }
  const appBest = o.appMedian(bestN, (p) => p.summary.perSecond);
  const pgAtBest = o.pgMedian(bestN, (p) => p.summary.perSecond);
  const pgPeak = Math.max(...cfg.clients.map((n) => o.pgMedian(n, (p) => p.summary.perSecond)));
  console.log(`\nBest concurrency N=${bestN}: ratio app/pgbench = ${fmt(appBest / pgAtBest, 2)} (aim ≥ 0.50)`);
  console.log(`Best app vs best pgbench (any N): ${fmt(appBest)} / ${fmt(pgPeak)} = ${fmt(appBest / pgPeak, 2)}`);
  const extras = [o.list, o.pgRequest, o.pgOther, ...(o.profile ? [o.profile.phase] : [])];
  const others = [...[...o.app, ...o.pg].flatMap((m) => [...m.values()]), ...extras].map((p) => other(p.cpu));
  const worst = Math.max(...others);
  if (worst > 0.2) {
    console.log(
      `Note: other processes on this machine used ${fmt(median(others), 2)} cores (median; up to ${fmt(worst, 2)}) ` +
        'during the measured windows (column "other cores" below): the figures are only as quiet as the machine was.',
    );
  }

  // Where the time goes
  const appPhase = o.app[0]?.get(bestN);
  const pgPhase = o.pg[0]?.get(bestN);
  if (!appPhase || !pgPhase) return;
  const perOp = (coresBusy: number, rate: number) => (rate > 0 ? (coresBusy / rate) * 1000 : Number.NaN);
  console.log(`\nWhere the time goes (N=${bestN}, run 1; CPU = cores busy during the measured window; ${cores} cores in all)`);
  const rows: string[][] = [
    row("app: points.award over HTTP", appPhase, perOp),
    row("app: brands.list (HTTP+Next+tRPC floor)", o.list, perOp),
    row(`pgbench: award() transaction (-M ${cfg.protocol})`, pgPhase, perOp),
    row(`pgbench: award() transaction (-M ${o.otherProtocol})`, o.pgOther, perOp),
    row("pgbench: all SQL of one award request", o.pgRequest, perOp),
  ];
  console.log(
    table(
      [
        "workload",
        "per s",
        "p50 ms",
        "Node server cores",
        "postgres cores",
        "load gen. cores",
        "other cores",
        "Node ms/op",
        "postgres ms/op",
      ],
      rows,
    ),
  );
  const nodeMs = perOp(appPhase.cpu.server, appPhase.summary.perSecond);
  const pgMs = perOp(appPhase.cpu.postgres, appPhase.summary.perSecond);
  const listMs = perOp(o.list.cpu.server, o.list.summary.perSecond);
  const share = (part: number, whole: number) => `${fmt((part / whole) * 100, 0)}%`;
  const notes = [
    `One award costs ${fmt(nodeMs, 2)} ms of Node CPU (≈${fmt(listMs, 2)} ms of it is the bare HTTP/Next/tRPC request, as brands.list ` +
      `shows) and ${fmt(pgMs, 2)} ms of PostgreSQL CPU; pgbench needs ${fmt(perOp(pgPhase.cpu.postgres, pgPhase.summary.perSecond), 2)} ms ` +
      `of PostgreSQL CPU for the transaction and ${fmt(perOp(o.pgRequest.cpu.postgres, o.pgRequest.summary.perSecond), 2)} ms for all ` +
      "the SQL of one request, and pgbench itself " +
      `${fmt(perOp(pgPhase.cpu.client, pgPhase.summary.perSecond), 2)} ms.`,
    `The Node server spent ${share(appPhase.cpu.serverSystem, appPhase.cpu.server)} of its CPU in the kernel (system calls: a socket ` +
      `write and read per SQL statement, the HTTP socket); ${share(o.list.cpu.serverSystem, o.list.cpu.server)} for brands.list.`,
    `One Node process runs JavaScript on one core: at ${fmt(nodeMs, 2)} ms per award that caps the app near ${fmt(1000 / nodeMs, 0)} ` +
      `awards/s (it reached ${fmt(appPhase.summary.perSecond)}). The machine was ${share(appPhase.cpu.machine, cores)} busy during ` +
      `the app phase (other processes: ${fmt(other(appPhase.cpu), 2)} cores) and ${share(pgPhase.cpu.machine, cores)} during pgbench.`,
  ];
  let mainThreadBusy: number | undefined;
  if (o.profile) {
    const s = o.profile.summary;
    mainThreadBusy = s.busyMs / (s.busyMs + s.idleMs);
    const windowAwards = o.profile.phase.summary.count;
    notes.push(
      `Under the profiler (${fmt(o.profile.phase.summary.perSecond)} awards/s, other processes ${fmt(other(o.profile.phase.cpu), 2)} cores) ` +
        `the server's main thread was busy ${fmt(mainThreadBusy * 100, 0)}% of the time, ` +
        `${fmt(s.busyMs / Math.max(1, windowAwards), 2)} ms per award (tables below).`,
    );
  }
  // Statements of the award request itself (pg_stat_statements minus the dispatcher, pruning, catalog reads).
  const ownStatements = o.statements
    .filter((st) => !/from events where|delete from events|pg_catalog|pg_stat_statements/i.test(st.query))
    .reduce((a, st) => a + st.calls, 0);
  if (ownStatements > 0 && o.instrumentedAwards > 0) {
    const perAward = ownStatements / o.instrumentedAwards;
    notes.push(
      `An award request sends ${fmt(perAward, 1)} SQL statements (brands.list: 1). Beyond the bare request, that is ` +
        `≈${fmt((nodeMs - listMs) / Math.max(1, perAward - 1), 2)} ms of Node CPU per extra statement: the number of round trips ` +
        "drives the app's cost.",
    );
  }
  // The unprofiled run decides; the profiler's main-thread view can only confirm.
  const nodeBound = appPhase.cpu.server >= 0.85 || (mainThreadBusy ?? 0) >= 0.9;
  notes.push(
    `Verdict: ${
      nodeBound
        ? "Node is the bottleneck: the server's event loop is (nearly) saturated while PostgreSQL has CPU to spare."
        : appPhase.cpu.machine >= cores * 0.9
          ? "the machine's CPUs are saturated: Node and PostgreSQL compete for the same cores."
          : "neither Node nor the CPUs are saturated: the time goes into waiting (round trips, row locks, commits)."
    }`,
  );
  for (const note of notes) console.log(`- ${note}`);

  if (o.profile) {
    const s = o.profile.summary;
    const pct = (ms: number) => `${fmt((ms / s.busyMs) * 100, 1)}%`;
    console.log(`\nServer main thread at N=${bestN}, self time by package (native code and Node core count for the package calling them)`);
    console.log(
      table(
        ["package", "share"],
        s.byPackage.slice(0, 14).map(([k, ms]) => [k, pct(ms)]),
      ),
    );
    console.log("\nTop functions (self time)");
    console.log(
      table(
        ["function", "share"],
        s.topFunctions.slice(0, 12).map(([k, ms]) => [k.length > 90 ? `${k.slice(0, 87)}…` : k, pct(ms)]),
      ),
    );
  }
  if (o.statements.length && o.instrumentedAwards > 0) {
    const awards = o.instrumentedAwards;
    const totalMs = o.statements.reduce((a, s) => a + s.ms, 0);
    const calls = o.statements.reduce((a, s) => a + s.calls, 0);
    console.log(
      `\nSQL the server sent in the profiled run (pg_stat_statements, ${awards} awards): ${fmt(calls / awards)} statements and ` +
        `${fmt(totalMs / awards, 2)} ms of execution per award`,
    );
    console.log(
      table(
        ["statement", "calls/award", "rows/call", "exec ms/award", "share"],
        o.statements
          .slice(0, 12)
          .map((s) => [
            s.query.length > 80 ? `${s.query.slice(0, 77)}…` : s.query,
            fmt(s.calls / awards, 2),
            fmt(s.rows / Math.max(1, s.calls), 1),
            fmt(s.ms / awards, 3),
            `${fmt((s.ms / totalMs) * 100, 1)}%`,
          ]),
      ),
    );
  }
}

/** Cores busy in processes that are neither the server, PostgreSQL nor the load generator. */
function other(cpu: CpuUse): number {
  return Math.max(0, cpu.machine - cpu.server - cpu.postgres - cpu.client);
}

function row(name: string, p: Phase, perOp: (cores: number, rate: number) => number): string[] {
  return [
    name,
    fmt(p.summary.perSecond),
    fmt(p.summary.p50, 2),
    p.cpu.server ? fmt(p.cpu.server, 2) : "–",
    fmt(p.cpu.postgres, 2),
    fmt(p.cpu.client, 2),
    fmt(other(p.cpu), 2),
    p.cpu.server ? fmt(perOp(p.cpu.server, p.summary.perSecond), 2) : "–",
    fmt(perOp(p.cpu.postgres, p.summary.perSecond), 2),
  ];
}

main()
  .then((code) => process.exit(code))
  .catch(async (err: unknown) => {
    console.error(`[bench] failed: ${(err as Error).stack ?? String(err)}`);
    await sleep(10);
    process.exit(2);
  });
