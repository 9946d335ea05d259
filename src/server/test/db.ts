import { randomUUID } from "node:crypto";
import { type DbHandle, openDb, setDbHandle } from "../db/client";
import { runMigrations } from "../db/migrate";
import { brands } from "../db/schema";

/**
 * A migrated database for integration tests: the PostgreSQL server named by DATABASE_URL when set,
 * else a fresh in-memory PGlite. Tests share the server, so each seeds its own uniquely named data.
 */
export async function openTestDb(opts: { forcePglite?: boolean } = {}): Promise<DbHandle> {
  const url = opts.forcePglite ? undefined : process.env.DATABASE_URL || undefined;
  const handle = openDb(url ? { url } : {});
  await runMigrations(handle, url);
  process.env.NEXTAUTH_SECRET ??= "test-secret-test-secret-test-secret";
  if (!opts.forcePglite) setDbHandle(handle);
  return handle;
}

export function uid(): string {
  return randomUUID().slice(0, 8);
}

export async function createBrand(handle: DbHandle, name = "Test brand", timeZone = "UTC") {
  const slug = `t-${uid()}`;
  const [brand] = await handle.db.insert(brands).values({ slug, name, timeZone }).returning();
  if (!brand) throw new Error("brand insert returned nothing");
  return brand;
}
