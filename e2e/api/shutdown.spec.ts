import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "@playwright/test";

// Its own server on its own port and data, so stopping it cannot disturb the other tests.
const PORT = Number(process.env.E2E_SHUTDOWN_PORT ?? 3107);
const URL = `http://127.0.0.1:${PORT}`;

function startServer(dataDir: string): { child: ChildProcess; output: string[] } {
  const output: string[] = [];
  const child = spawn(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
    env: {
      ...process.env,
      NODE_ENV: "production",
      PORT: String(PORT),
      HOSTNAME: "127.0.0.1",
      NEXTAUTH_URL: URL,
      SADIQ_DATA_DIR: dataDir,
      SADIQ_TRUST_PROXY: "1",
      SADIQ_ADMIN_EMAIL: "",
      SADIQ_ADMIN_PASSWORD: "",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (d: Buffer) => output.push(d.toString()));
  child.stderr?.on("data", (d: Buffer) => output.push(d.toString()));
  return { child, output };
}

async function waitHealthy(timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${URL}/api/health`)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy");
}

function exited(child: ChildProcess): Promise<{ code: number | null; ms: number }> {
  const started = Date.now();
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, ms: Date.now() - started })));
}

let ip = 0;
async function register(email: string): Promise<number> {
  ip += 1;
  const res = await fetch(`${URL}/api/trpc/auth.register`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": `198.20.${(ip >> 8) & 255}.${ip & 255}` },
    body: JSON.stringify({ json: { email, password: "0123456789ab", name: "Burst", brandSlug: "demo" } }),
  });
  await res.arrayBuffer();
  return res.status;
}

test("SIGTERM during a burst of sign-ups keeps every acknowledged one and exits 0 within 10 s", async () => {
  test.setTimeout(180_000);
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sadiq-shutdown-"));
  const first = startServer(dataDir);
  try {
    await waitHealthy();
    const run = randomUUID().slice(0, 8);
    const acknowledged: string[] = [];
    let stop = false;
    let n = 0;
    const worker = async () => {
      while (!stop) {
        const email = `burst.${run}.${n++}@example.com`;
        try {
          if ((await register(email)) === 200) acknowledged.push(email);
        } catch {
          // refused connection once the server stops accepting: expected
          stop = true;
        }
      }
    };
    const workers = Array.from({ length: 8 }, worker);
    await new Promise((r) => setTimeout(r, 1500));
    const exit = exited(first.child);
    first.child.kill("SIGTERM");
    const { code, ms } = await exit;
    stop = true;
    await Promise.all(workers);
    expect(code, first.output.join("")).toBe(0);
    expect(ms).toBeLessThan(10_000);
    expect(acknowledged.length).toBeGreaterThan(5);

    const second = startServer(dataDir);
    try {
      await waitHealthy();
      const missing: string[] = [];
      for (const email of acknowledged) if ((await register(email)) !== 409) missing.push(email);
      expect(missing).toEqual([]);
    } finally {
      const done = exited(second.child);
      second.child.kill("SIGTERM");
      expect((await done).code).toBe(0);
    }
  } finally {
    if (first.child.exitCode === null) first.child.kill("SIGKILL");
    rmSync(dataDir, { recursive: true, force: true });
  }
});
