import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { freePort, run } from "./proc";

// A durable PostgreSQL cluster for the benchmark: the same approach as scripts/pg-temp.sh, but
// with fsync, synchronous_commit and full_page_writes on, so every commit really reaches the disk.

export const DURABLE_SETTINGS = {
  fsync: "on",
  synchronous_commit: "on",
  full_page_writes: "on",
  shared_buffers: "256MB",
  max_wal_size: "2GB",
  max_connections: "200",
} as const;

/** The newest /usr/lib/postgresql/<v>/bin with pgbench, or BENCH_PG_BIN. */
export function pgBinDir(): string {
  if (process.env.BENCH_PG_BIN) return process.env.BENCH_PG_BIN;
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((v) => existsSync(path.join(root, v, "bin", "pgbench")))
        .sort((a, b) => Number(a) - Number(b))
    : [];
  const newest = versions.at(-1);
  if (!newest) throw new Error("PostgreSQL binaries with pgbench not found (apt-get install postgresql, or set BENCH_PG_BIN)");
  return path.join(root, newest, "bin");
}

export interface Cluster {
  url: string;
  dir: string;
  port: number;
  postmasterPid: number;
  stop: () => Promise<void>;
}

const isRoot = () => process.getuid?.() === 0;

/** initdb and pg_ctl refuse to run as root: run them as the postgres user then. */
function asPgUser(bin: string, args: string[]): [string, string[]] {
  return isRoot() ? ["runuser", ["-u", "postgres", "--", bin, ...args]] : [bin, args];
}

function postgresIds(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((l) => l.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) throw new Error("running as root but there is no postgres user to run the cluster");
  return { uid: Number(uid), gid: Number(gid) };
}

/** `extra` adds server settings (e.g. track_commit_timestamp) to the durable ones. */
export async function startCluster(bin: string, extra: Record<string, string> = {}): Promise<Cluster> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "sadiq-bench-pg-"));
  chmodSync(dir, 0o755);
  if (isRoot()) {
    const { uid, gid } = postgresIds();
    chownSync(dir, uid, gid);
  }
  const data = path.join(dir, "data");
  const port = await freePort();
  const stop = async () => {
    if (existsSync(path.join(data, "postmaster.pid"))) {
      await run(...asPgUser(path.join(bin, "pg_ctl"), ["-D", data, "-m", "fast", "-w", "-t", "60", "stop"]), {
        allowFailure: true,
        timeoutMs: 70_000,
      });
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await run(...asPgUser(path.join(bin, "initdb"), ["-D", data, "-U", "sadiq", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]), {
      timeoutMs: 120_000,
    });
    // pg_stat_statements (when installed) lets the report list the statements the app sends.
    const statements = existsSync(path.join(bin, "..", "lib", "pg_stat_statements.so"))
      ? { shared_preload_libraries: "pg_stat_statements", "pg_stat_statements.track_utility": "on" }
      : {};
    const settings = Object.entries({ ...DURABLE_SETTINGS, ...statements, ...extra, listen_addresses: "127.0.0.1" })
      .map(([k, v]) => `-c ${k}=${v}`)
      .join(" ");
    await run(
      ...asPgUser(path.join(bin, "pg_ctl"), [
        "-D",
        data,
        "-l",
        path.join(dir, "server.log"),
        "-w",
        "-t",
        "60",
        "-o",
        `-p ${port} -k ${dir} ${settings}`,
        "start",
      ]),
      { timeoutMs: 70_000 },
    );
    await run(...asPgUser(path.join(bin, "createdb"), ["-h", "127.0.0.1", "-p", String(port), "-U", "sadiq", "sadiq"]));
    const postmasterPid = Number(readFileSync(path.join(data, "postmaster.pid"), "utf8").split("\n")[0]);
    return { url: `postgres://sadiq@127.0.0.1:${port}/sadiq`, dir, port, postmasterPid, stop };
  } catch (err) {
    await stop().catch(() => {});
    throw err;
  }
}
