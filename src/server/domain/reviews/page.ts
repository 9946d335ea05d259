import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * Keyset pages over (created_at, id) for tables keyed by uuid (keysetPage in ../pagination.ts wants a
 * numeric id). The cursor is the last item's id; its created_at is read back in SQL, so the comparison
 * keeps PostgreSQL's microseconds, which a timestamp sent through JavaScript would round off.
 */
export function afterCursor(
  table: PgTable,
  columns: { createdAt: AnyColumn; id: AnyColumn },
  cursor: string | null | undefined,
  order: "asc" | "desc",
): SQL | undefined {
  if (!cursor) return undefined;
  const at = sql`(select c.created_at, c.id from ${table} c where c.id = ${cursor})`;
  return order === "asc" ? sql`(${columns.createdAt}, ${columns.id}) > ${at}` : sql`(${columns.createdAt}, ${columns.id}) < ${at}`;
}

export function uuidPage<T extends { id: string }>(rows: T[], limit: number): { items: T[]; nextCursor: string | undefined } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)?.id : undefined };
}
