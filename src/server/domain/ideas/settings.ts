import { eq, sql } from "drizzle-orm";
import type { IdeaSettings } from "@/lib/ideas/types";
import type { Db, DbOrTx, Tx } from "../../db/client";
import { balances, ideaSettings, memberships } from "../../db/schema";
import { audit } from "../audit/audit";
import { inTransaction } from "../points/ledger";
import type { IdeaMember, IdeaStaff } from "./access";

export const DEFAULT_IDEA_SETTINGS: IdeaSettings = {
  premodDays: 0,
  premodBelowTier: 0,
  approvePoints: 10,
  plannedPoints: 25,
  shipAuthorPoints: 100,
  shipVoterPoints: 10,
  shipVoterCount: 50,
};

export async function ideaSettingsOf(db: DbOrTx, brandId: string): Promise<IdeaSettings> {
  const [row] = await db.select().from(ideaSettings).where(eq(ideaSettings.brandId, brandId));
  if (!row) return { ...DEFAULT_IDEA_SETTINGS };
  const { brandId: _b, ...settings } = row;
  return settings;
}

/** Admins tune pre-moderation and payoffs; the change is audited with its before and after. */
export async function configureIdeas(db: Db, staff: IdeaStaff, settings: IdeaSettings): Promise<IdeaSettings> {
  return inTransaction(db, async (tx) => {
    const before = await ideaSettingsOf(tx, staff.brandId);
    await tx
      .insert(ideaSettings)
      .values({ brandId: staff.brandId, ...settings })
      .onConflictDoUpdate({ target: ideaSettings.brandId, set: settings });
    await audit(tx, {
      brandId: staff.brandId,
      actorUserId: staff.userId,
      action: "ideas.configure",
      targetType: "ideas",
      targetId: staff.brandId,
      before,
      after: settings,
    });
    return settings;
  });
}

/**
 * New members' ideas and comments wait for staff: those who joined fewer than `premodDays` days ago or
 * whose tier rank is below `premodBelowTier`. Staff are never held.
 */
export async function needsPremoderation(tx: Tx | Db, member: IdeaMember, now = new Date()): Promise<boolean> {
  if (member.staff) return false;
  const s = await ideaSettingsOf(tx, member.brandId);
  if (s.premodDays === 0 && s.premodBelowTier === 0) return false;
  const [row] = await tx
    .select({ joinedAt: memberships.joinedAt, tierRank: sql<number>`coalesce(${balances.tierRank}, 0)` })
    .from(memberships)
    .leftJoin(balances, eq(balances.memberId, memberships.id))
    .where(eq(memberships.id, member.memberId));
  if (!row) return true;
  const ageDays = (now.getTime() - row.joinedAt.getTime()) / 86_400_000;
  return ageDays < s.premodDays || Number(row.tierRank) < s.premodBelowTier;
}
