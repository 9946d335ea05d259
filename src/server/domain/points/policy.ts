import { eq } from "drizzle-orm";
import type { Db, DbOrTx } from "../../db/client";
import { pointsPolicies } from "../../db/schema";
import { audit } from "../audit/audit";

export interface PolicyEdit {
  expiryDays: number | null;
  donationDailyLimit: number;
  causeName: string;
}

export async function policyOf(db: DbOrTx, brandId: string) {
  const [p] = await db.select().from(pointsPolicies).where(eq(pointsPolicies.brandId, brandId));
  return {
    expiryDays: p?.expiryDays ?? null,
    donationDailyLimit: p?.donationDailyLimit ?? 500,
    causeName: p?.causeName ?? "",
    causePoints: p?.causePoints ?? 0,
  };
}

export async function updatePolicy(db: Db, brandId: string, actorUserId: string, edit: PolicyEdit) {
  return db.transaction(async (tx) => {
    const before = await policyOf(tx, brandId);
    await tx
      .insert(pointsPolicies)
      .values({ brandId, ...edit })
      .onConflictDoUpdate({ target: pointsPolicies.brandId, set: edit });
    const after = await policyOf(tx, brandId);
    await audit(tx, { brandId, actorUserId, action: "points.policy", targetType: "brand", targetId: brandId, before, after });
    return after;
  });
}
