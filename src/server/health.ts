import { dbHandle } from "./db/client";
import { appliedMigrations } from "./db/migrations-count";
import { appVersion } from "./env";

export type HealthReport =
  | { status: "ok"; database: "pglite" | "postgres"; migrations: number; version: string }
  | { status: "error"; database: "pglite" | "postgres" | "none"; reason: string; version: string };

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  return Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}

export async function healthReport(): Promise<HealthReport> {
  const version = appVersion();
  let handle: ReturnType<typeof dbHandle>;
  try {
    handle = dbHandle();
  } catch {
    return { status: "error", database: "none", reason: "database not initialised", version };
  }
  try {
    await withTimeout(handle.ping(), 2000);
    const migrations = await withTimeout(appliedMigrations(handle), 2000);
    return { status: "ok", database: handle.kind, migrations, version };
  } catch (err) {
    return { status: "error", database: handle.kind, reason: `database unreachable: ${(err as Error).message}`, version };
  }
}
