import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { tiers } from "../../db/schema";
import { audit } from "../audit/audit";

export interface TierEdit {
  name: string;
  threshold: number;
  multiplier: number;
  perks: string;
}

/** Replaces a brand's tier table; members keep their rank number and settle on their next award. */
export async function replaceTiers(db: Db, brandId: string, actorUserId: string, edits: TierEdit[]) {
  return db.transaction(async (tx) => {
    const before = await tx.select().from(tiers).where(eq(tiers.brandId, brandId)).orderBy(asc(tiers.rank));
    await tx.delete(tiers).where(eq(tiers.brandId, brandId));
    const rows = await tx
      .insert(tiers)
      .values(
        edits.map((t, rank) => ({
          brandId,
          rank,
          name: t.name,
          threshold: t.threshold,
          multiplierBp: Math.round(t.multiplier * 100),
          perks: t.perks,
        })),
      )
      .returning();
    await audit(tx, {
      brandId,
      actorUserId,
      action: "tiers.update",
      targetType: "tiers",
      targetId: brandId,
      before: before.map(({ name, threshold, multiplierBp, perks }) => ({ name, threshold, multiplierBp, perks })),
      after: rows.map(({ name, threshold, multiplierBp, perks }) => ({ name, threshold, multiplierBp, perks })),
    });
    return rows;
  });
}
