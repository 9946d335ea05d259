import path from "node:path";
import type { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";
import type { DbHandle } from "./client";

// Read at run time relative to the working directory (see DESIGN.md, stack notes).
export const MIGRATIONS_DIR = path.resolve(process.env.SADIQ_MIGRATIONS_DIR ?? "drizzle");
const LOCK_KEY = 7_346_201; // any constant shared by every Sadiq process

/** Applies pending migrations. On PostgreSQL an advisory lock keeps concurrent starts from racing. */
export async function runMigrations(handle: DbHandle, url?: string): Promise<void> {
  if (handle.kind === "pglite") {
    await migratePglite(handle.db as unknown as ReturnType<typeof drizzlePglite>, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  if (!url) throw new Error("postgres migrations need DATABASE_URL");
  const single = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 5 });
  try {
    await single`select pg_advisory_lock(${LOCK_KEY})`;
    await migratePostgres(drizzlePostgres(single), { migrationsFolder: MIGRATIONS_DIR });
    await single`select pg_advisory_unlock(${LOCK_KEY})`;
  } finally {
    await single.end({ timeout: 5 });
  }
}
