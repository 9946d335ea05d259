import { eq } from "drizzle-orm";
import type { ReferralSettings } from "@/lib/validation/referrals";
import type { Db, DbOrTx } from "../../db/client";
import { referralSettings } from "../../db/schema";
import { audit } from "../audit/audit";
import { inTransaction } from "../points/ledger";

export type { ReferralSettings };

/** What a brand that never saved its referral settings gets: the table's column defaults. */
export const DEFAULT_SETTINGS: ReferralSettings = {
  enabled: true,
  friendPoints: 100,
  referrerPoints: 200,
  qualifyingAction: "first_quest",
  cookieDays: 30,
  holdDays: 7,
  velocityPerHour: 10,
  sameSourceLimit: 3,
  milestones: [
    { count: 1, points: 50 },
    { count: 3, points: 150 },
    { count: 6, points: 300 },
  ],
  extraDisposableDomains: [],
  welcomeText: "",
};

export async function loadSettings(db: DbOrTx, brandId: string): Promise<ReferralSettings> {
  const [row] = await db.select().from(referralSettings).where(eq(referralSettings.brandId, brandId));
  if (!row) return { ...DEFAULT_SETTINGS, milestones: [...DEFAULT_SETTINGS.milestones] };
  const { brandId: _b, updatedAt: _u, ...settings } = row;
  return settings;
}

export async function storeSettings(db: DbOrTx, brandId: string, s: ReferralSettings, now = new Date()) {
  await db
    .insert(referralSettings)
    .values({ brandId, ...s, updatedAt: now })
    .onConflictDoUpdate({ target: referralSettings.brandId, set: { ...s, updatedAt: now } });
}

/** Admins change the rules; the change applies to what happens next, never to referrals already paid. */
export async function configure(db: Db, a: { brandId: string; actorUserId: string; settings: ReferralSettings; now?: Date }) {
  return inTransaction(db, async (tx) => {
    // Serializes two admins saving at once, so the audit's "before" is what each replaced.
    await tx.insert(referralSettings).values({ brandId: a.brandId }).onConflictDoNothing();
    await tx.select({ id: referralSettings.brandId }).from(referralSettings).where(eq(referralSettings.brandId, a.brandId)).for("update");
    const before = await loadSettings(tx, a.brandId);
    await storeSettings(tx, a.brandId, a.settings, a.now);
    await audit(tx, {
      brandId: a.brandId,
      actorUserId: a.actorUserId,
      action: "referrals.configure",
      targetType: "referral_settings",
      targetId: a.brandId,
      before,
      after: a.settings,
    });
    return a.settings;
  });
}
