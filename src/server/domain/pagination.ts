import { type AnyColumn, type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";

/**
 * Keyset pages: queries fetch `limit + 1` rows past the cursor to know if more exist; the cursor is the
 * last item's id (a bigserial for the ledger and audit log, a uuid for reviews and completions).
 */
export function keysetPage<T extends { id: number | string }>(rows: T[], limit: number): { items: T[]; nextCursor: T["id"] | undefined } {
  return pageBy(rows, limit, (row) => row.id);
}

/** The same page where the cursor is another column than `id` (a draw's `seq`). */
export function pageBy<T, K>(rows: T[], limit: number, key: (row: T) => K): { items: T[]; nextCursor: K | undefined } {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last !== undefined ? key(last) : undefined };
}

/**
 * Rows after a uuid cursor in (created_at, id) order. The cursor row's created_at is read back in SQL, so the
 * comparison keeps PostgreSQL's microseconds, which a timestamp sent through JavaScript would round off.
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
