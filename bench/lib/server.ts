import { type ChildProcess, spawn } from "node:child_process";
import { createWriteStream, existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { sleep } from "./proc";

export const ROOT = path.resolve(import.meta.dirname, "../..");

/** Builds .next when it is missing or older than the sources (the same rule as `npm start`). */
export async function ensureBuilt(): Promise<void> {
  const mod = (await import(pathToFileURL(path.join(ROOT, "scripts/build-if-needed.mjs")).href)) as {
    needsBuild: () => boolean;
    ensureBuilt: () => boolean;
  };
  if (!mod.needsBuild()) return;
  console.log("[bench] .next is missing or older than the sources: running next build …");
  if (!mod.ensureBuilt()) throw new Error("next build failed");
}

export interface ServerOptions {
  port: number;
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
  logFile: string;
  /** Extra node flags, e.g. --cpu-prof. */
  nodeFlags?: string[];
  dbPool?: string;
}

export interface Server {
  pid: number;
  url: string;
  /** SIGSTOP / SIGCONT: the process keeps its state but uses no CPU while paused. */
  pause: () => void;
  resume: () => void;
  stop: () => Promise<number | null>;
  logTail: () => string;
}

async function waitHealthy(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode} during start-up`);
    try {
      const res = await fetch(`${url}/api/health`, { signal: AbortSignal.timeout(2000) });
      await res.arrayBuffer();
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s`);
}

/** Starts `node --import tsx src/server/main.ts` in production mode, as e2e/api/shutdown.spec.ts does. */
export async function startServer(o: ServerOptions): Promise<Server> {
  const url = `http://127.0.0.1:${o.port}`;
  const log = createWriteStream(o.logFile, { flags: "a" });
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(o.port),
    HOSTNAME: "127.0.0.1",
    NEXTAUTH_URL: url,
    DATABASE_URL: o.databaseUrl,
    SADIQ_DATA_DIR: o.dataDir,
    SADIQ_ADMIN_EMAIL: o.adminEmail,
    SADIQ_ADMIN_PASSWORD: o.adminPassword,
    SADIQ_TRUST_PROXY: "1",
    SADIQ_RATE_LIMIT_FACTOR: "100000",
  };
  if (o.dbPool) env.SADIQ_DB_POOL = o.dbPool;
  const child = spawn(process.execPath, [...(o.nodeFlags ?? []), "--import", "tsx", "src/server/main.ts"], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const pid = child.pid;
  const running = () => child.exitCode === null && child.signalCode === null;
  const pause = () => {
    if (running()) child.kill("SIGSTOP");
  };
  const resume = () => {
    if (running()) child.kill("SIGCONT");
  };
  const stop = async (): Promise<number | null> => {
    if (!running()) return child.exitCode;
    resume();
    child.kill("SIGTERM");
    const code = await Promise.race([exited, sleep(15_000).then(() => "timeout" as const)]);
    if (code !== "timeout") return code;
    child.kill("SIGKILL");
    return exited;
  };
  const logTail = () => (existsSync(o.logFile) ? readFileSync(o.logFile, "utf8").split("\n").slice(-30).join("\n") : "");
  if (pid === undefined) throw new Error("could not start the server");
  try {
    await waitHealthy(url, child, 120_000);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- server log ---\n${logTail()}`);
  }
  return { pid, url, pause, resume, stop, logTail };
}
