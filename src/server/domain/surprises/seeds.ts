import { createHash, randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../../db/client";
import { brands, surpriseSeeds } from "../../db/schema";

const DAY_MS = 86_400_000;

/** The commit–reveal period of an instant: its UTC day. */
export function periodOf(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/** The moment a period's seed becomes public: the end of its UTC day. */
export function revealsAt(period: string): Date {
  return new Date(Date.parse(`${period}T00:00:00Z`) + DAY_MS);
}

export function isRevealed(period: string, now: Date): boolean {
  return now.getTime() >= revealsAt(period).getTime();
}

export interface Seed {
  period: string;
  seed: string;
  commitment: string;
}

/** A stored seed, if the period has one. */
export async function storedSeed(db: DbOrTx, brandId: string, period: string): Promise<Seed | undefined> {
  const [row] = await db
    .select({ period: surpriseSeeds.period, seed: surpriseSeeds.seed, commitment: surpriseSeeds.commitment })
    .from(surpriseSeeds)
    .where(and(eq(surpriseSeeds.brandId, brandId), eq(surpriseSeeds.period, period)));
  return row;
}

/**
 * The brand's seed for a period, created on first use (the job commits today's and tomorrow's ahead, so
 * this is a read). Concurrent first uses race on the primary key: exactly one random seed is kept and
 * everyone reads that one, so its commitment never changes.
 */
export async function seedFor(db: DbOrTx, brandId: string, period: string): Promise<Seed> {
  const stored = await storedSeed(db, brandId, period);
  if (stored) return stored;
  const seed = randomBytes(32);
  const commitment = createHash("sha256").update(seed).digest("hex");
  await db
    .insert(surpriseSeeds)
    .values({ brandId, period, seed: seed.toString("hex"), commitment })
    .onConflictDoNothing();
  const row = await storedSeed(db, brandId, period);
  if (!row) throw new Error("surprise seed vanished");
  return row;
}

export function previousPeriod(period: string): string {
  return periodOf(new Date(Date.parse(`${period}T00:00:00Z`) - DAY_MS));
}

export function nextPeriod(period: string): string {
  return periodOf(new Date(Date.parse(`${period}T00:00:00Z`) + DAY_MS));
}

/**
 * Commits every brand's seeds for today and tomorrow ahead of time (a scheduled job), so a period's
 * commitment is public well before its first draw, not created by it.
 */
export async function commitSeeds(db: DbOrTx, now = new Date()): Promise<void> {
  const all = await db.select({ id: brands.id }).from(brands);
  const today = periodOf(now);
  for (const b of all) {
    await seedFor(db, b.id, today);
    await seedFor(db, b.id, nextPeriod(today));
  }
}
