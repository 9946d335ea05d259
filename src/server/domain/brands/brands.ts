import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { brands } from "../../db/schema";

const summaryColumns = {
  slug: brands.slug,
  name: brands.name,
  tagline: brands.tagline,
  timeZone: brands.timeZone,
  // Written out: drizzle leaves columns unqualified in a single-table select, which would bind to the subquery.
  memberCount: sql<number>`(select count(*)::int from memberships m where m.brand_id = brands.id)`,
};

export function listBrands(db: DbOrTx) {
  return db.select(summaryColumns).from(brands).orderBy(brands.createdAt);
}

export async function brandSummary(db: DbOrTx, slug: string) {
  const [row] = await db.select(summaryColumns).from(brands).where(eq(brands.slug, slug)).limit(1);
  return row;
}
