/** Keyset pages, newest first: queries fetch `limit + 1` rows with `id < cursor` to know if more exist. */
export function keysetPage<T extends { id: number }>(rows: T[], limit: number): { items: T[]; nextCursor: number | undefined } {
  const items = rows.slice(0, limit);
  return { items, nextCursor: rows.length > limit ? items.at(-1)?.id : undefined };
}
