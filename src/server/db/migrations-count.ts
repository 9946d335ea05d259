import { sql } from "drizzle-orm";
import { type DbHandle, rowsOf } from "./client";

export async function appliedMigrations(handle: DbHandle): Promise<number> {
  const result = await handle.db.execute(sql`select count(*)::int as n from drizzle.__drizzle_migrations`);
  return rowsOf<{ n: number }>(result)[0]?.n ?? 0;
}
