import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client";
import { brands, healthConsents, questCompletions, quests, uploads } from "../../db/schema";
import type { Member } from "../points/ledger";
import { hasStreak, memberTimeZone, streakOf } from "./completions";
import { localDay } from "./periods";

/** Consent to store health values (blood pressure, distance run…); one open grant at a time. */
export async function consentStatus(db: Db, member: Member) {
  const [open] = await db
    .select()
    .from(healthConsents)
    .where(and(eq(healthConsents.memberId, member.memberId), isNull(healthConsents.withdrawnAt)));
  return { consent: !!open, grantedAt: open ? open.grantedAt.toISOString() : null };
}

export async function grantConsent(db: Db, member: Member, now = new Date()) {
  await db.insert(healthConsents).values({ memberId: member.memberId, grantedAt: now }).onConflictDoNothing();
  return consentStatus(db, member);
}

export async function withdrawConsent(db: Db, member: Member, now = new Date()) {
  await db
    .update(healthConsents)
    .set({ withdrawnAt: now })
    .where(and(eq(healthConsents.memberId, member.memberId), isNull(healthConsents.withdrawnAt)));
  return { consent: false as const };
}

/** Everything Sadiq holds about the member's habits, as one JSON document. */
export async function exportHabits(db: Db, member: Member, now = new Date()) {
  const [brand] = await db.select({ slug: brands.slug, name: brands.name }).from(brands).where(eq(brands.id, member.brandId));
  const consents = await db
    .select({ grantedAt: healthConsents.grantedAt, withdrawnAt: healthConsents.withdrawnAt })
    .from(healthConsents)
    .where(eq(healthConsents.memberId, member.memberId))
    .orderBy(asc(healthConsents.grantedAt));
  const timeZone = await memberTimeZone(db, member);
  const today = localDay(now, timeZone);
  const habitQuests = await db
    .select()
    .from(quests)
    .where(and(eq(quests.brandId, member.brandId), eq(quests.kind, "habit")))
    .orderBy(asc(quests.createdAt));
  const habits = [];
  for (const q of habitQuests) {
    const completions = await db
      .select()
      .from(questCompletions)
      .where(and(eq(questCompletions.memberId, member.memberId), eq(questCompletions.questId, q.id)))
      .orderBy(asc(questCompletions.createdAt));
    if (completions.length === 0) continue;
    const streak = hasStreak(q) ? await streakOf(db, member, q, today) : null;
    habits.push({
      quest: { id: q.id, title: q.title, cadence: q.cadence, cadenceN: q.cadenceN, unit: q.unit, health: q.health },
      completions: completions.map((c) => ({
        id: c.id,
        localDay: c.localDay,
        timeZone: c.timeZone,
        recordedAt: c.createdAt.toISOString(),
        state: c.state,
        points: c.points,
        value: c.value,
        unit: c.unit,
        note: c.note,
        link: c.link,
        photoId: c.photoId,
      })),
      streak: streak ? { current: streak.current, best: streak.best, freezes: streak.freezes } : null,
    });
  }
  return {
    exportedAt: now.toISOString(),
    brand: brand ?? null,
    timeZone,
    consent: consents.map((c) => ({ grantedAt: c.grantedAt.toISOString(), withdrawnAt: c.withdrawnAt?.toISOString() ?? null })),
    habits,
  };
}

/**
 * Erases the values, notes, links and photos of the member's habit check-ins. The check-ins themselves stay
 * (they are the record of points paid and of streaks), stripped of anything personal.
 */
export async function deleteHabitData(db: Db, member: Member) {
  return db.transaction(async (tx) => {
    const habitIds = (
      await tx
        .select({ id: quests.id })
        .from(quests)
        .where(and(eq(quests.brandId, member.brandId), eq(quests.kind, "habit")))
    ).map((q) => q.id);
    if (habitIds.length === 0) return { erased: 0 };
    const rows = await tx
      .update(questCompletions)
      .set({ value: null, unit: null, note: null, link: null, photoId: null })
      .where(and(eq(questCompletions.memberId, member.memberId), inArray(questCompletions.questId, habitIds)))
      .returning({ id: questCompletions.id });
    // Evidence photos are their own rows; review photos are public content and stay with their reviews.
    await tx.delete(uploads).where(and(eq(uploads.memberId, member.memberId), eq(uploads.purpose, "evidence")));
    return { erased: rows.length };
  });
}
