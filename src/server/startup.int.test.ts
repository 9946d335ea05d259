import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";

// Start-up failures stop before Next.js loads, so these need no build.
function start(env: Record<string, string>) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), "sadiq-start-"));
  try {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/server/main.ts"], {
      env: { ...process.env, DATABASE_URL: "", SADIQ_DATA_DIR: dataDir, PORT: "0", HOSTNAME: "127.0.0.1", ...env },
      encoding: "utf8",
      timeout: 60_000,
    });
    return { status: result.status, stderr: result.stderr.trim() };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe("start-up failures", () => {
  it("an unreachable database prints one line naming the cause and exits non-zero", () => {
    const { status, stderr } = start({ DATABASE_URL: "postgres://sadiq:secret@127.0.0.1:1/none" });
    expect(status).toBe(1);
    expect(stderr.split("\n")).toHaveLength(1);
    expect(stderr).toMatch(/^sadiq: cannot reach the database at postgres:\/\/sadiq:\*\*\*@127\.0\.0\.1:1\/none: .*ECONNREFUSED/);
  });

  it("a failing migration prints one line and exits non-zero", () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "sadiq-mig-"));
    try {
      cpSync("drizzle", dir, { recursive: true });
      const journal = path.join(dir, "meta", "_journal.json");
      const j = JSON.parse(readFileSync("drizzle/meta/_journal.json", "utf8")) as {
        entries: { idx: number; tag: string; when: number; version: string; breakpoints: boolean }[];
      };
      j.entries.push({ idx: j.entries.length, version: "7", when: Date.now(), tag: "9999_broken", breakpoints: true });
      writeFileSync(journal, JSON.stringify(j));
      writeFileSync(path.join(dir, "9999_broken.sql"), "ALTER TABLE no_such_table ADD COLUMN x int;");
      const { status, stderr } = start({ SADIQ_MIGRATIONS_DIR: dir });
      expect(status).toBe(1);
      expect(stderr.split("\n")).toHaveLength(1);
      expect(stderr).toMatch(/^sadiq: database migration failed: .*no_such_table/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("an invalid environment variable is named in one line", () => {
    const { status, stderr } = start({ PORT: "not-a-port" });
    expect(status).toBe(1);
    expect(stderr).toMatch(/^sadiq: invalid environment: PORT: /);
    expect(stderr.split("\n")).toHaveLength(1);
  });
});
