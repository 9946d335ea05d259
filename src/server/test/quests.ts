import { eq } from "drizzle-orm";
import type { Db } from "../db/client";
import { quests, users } from "../db/schema";

export type NewQuest = Partial<typeof quests.$inferInsert>;

/** A quest for tests: an active daily habit worth 10 points unless overridden. */
export async function newQuest(db: Db, brandId: string, over: NewQuest = {}) {
  const [q] = await db
    .insert(quests)
    .values({
      brandId,
      kind: "habit",
      title: "Morning run",
      basePoints: 10,
      cadence: "daily",
      createdAt: new Date("2026-01-01T00:00:00Z"),
      ...over,
    })
    .returning();
  if (!q) throw new Error("quest insert returned nothing");
  return q;
}

export async function setTimeZone(db: Db, userId: string, timeZone: string) {
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
}
