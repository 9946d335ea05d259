import { and, eq, gt, isNotNull, lte } from "drizzle-orm";
import type { Db } from "../../db/client";
import { balances, ledger, memberships, notices, pointsPolicies, users } from "../../db/schema";
import { EXPIRY_WARNING_DAYS } from "./balance";
import { expireBalance, vest } from "./ledger";

const DAY = 86_400_000;

export interface JobReport {
  vested: number;
  expired: number;
  warned: { email: string; amount: number; on: Date }[];
}

/**
 * The scheduled points job: vests pending awards whose time has come, warns members whose points
 * will expire within 14 days, and expires the points of members inactive for the brand's period.
 * Every step is keyed, so running it twice, or on several servers at once, changes nothing more.
 */
export async function runPointsJobs(db: Db, now = new Date()): Promise<JobReport> {
  const report: JobReport = { vested: 0, expired: 0, warned: [] };

  const due = await db
    .select({ id: ledger.id, brandId: ledger.brandId })
    .from(ledger)
    .where(and(eq(ledger.state, "pending"), isNotNull(ledger.vestsAt), lte(ledger.vestsAt, now)))
    .limit(1000);
  for (const row of due) if ((await vest(db, { brandId: row.brandId, ledgerId: row.id, now })).changed) report.vested++;

  const policies = await db.select().from(pointsPolicies).where(isNotNull(pointsPolicies.expiryDays));
  for (const policy of policies) {
    const days = policy.expiryDays ?? 0;
    if (days <= 0) continue;
    const candidates = await db
      .select({
        memberId: balances.memberId,
        brandId: balances.brandId,
        available: balances.available,
        lastActivityAt: balances.lastActivityAt,
        userId: memberships.userId,
        email: users.email,
      })
      .from(balances)
      .innerJoin(memberships, eq(memberships.id, balances.memberId))
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(
        and(
          eq(balances.brandId, policy.brandId),
          gt(balances.available, 0),
          lte(balances.lastActivityAt, new Date(now.getTime() - (days - EXPIRY_WARNING_DAYS) * DAY)),
        ),
      )
      .limit(5000);
    for (const c of candidates) {
      const period = c.lastActivityAt.toISOString();
      const expiresOn = new Date(c.lastActivityAt.getTime() + days * DAY);
      const member = { brandId: c.brandId, memberId: c.memberId, userId: c.userId };
      if (expiresOn <= now) {
        const result = await expireBalance(db, { member, key: `expire:${c.memberId}:${period}`, reason: "inactivity", now });
        if (result && !result.replayed) report.expired++;
        continue;
      }
      const [notice] = await db
        .insert(notices)
        .values({
          memberId: c.memberId,
          key: `expiry-warning:${period}`,
          kind: "expiry-warning",
          data: { on: expiresOn.toISOString(), amount: c.available },
        })
        .onConflictDoNothing()
        .returning({ id: notices.id });
      if (notice) report.warned.push({ email: c.email, amount: c.available, on: expiresOn });
    }
  }
  return report;
}
