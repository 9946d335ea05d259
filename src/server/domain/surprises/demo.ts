import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import { surpriseTables } from "../../db/schema";

/** One table for the demo café: a small chance of a treat for a habit check-in before nine. */
export async function seedDemoSurprises(db: Db, brandId: string) {
  await db.insert(surpriseTables).values({
    brandId,
    name: "Early bird",
    description: "Check in a habit before 09:00 and you may win a little something.",
    trigger: "early_checkin",
    prizes: [
      { id: randomUUID(), kind: "nothing", label: "Not this time", weight: 60, points: null, rewardId: null, freezeValue: 0 },
      { id: randomUUID(), kind: "points", label: "10 bonus points", weight: 28, points: 10, rewardId: null, freezeValue: 0 },
      { id: randomUUID(), kind: "points", label: "50 bonus points", weight: 8, points: 50, rewardId: null, freezeValue: 0 },
      { id: randomUUID(), kind: "streak_freeze", label: "A streak freeze", weight: 4, points: null, rewardId: null, freezeValue: 20 },
    ],
    dailyBudget: 500,
    totalBudget: 20_000,
    pityAfter: 5,
  });
}
