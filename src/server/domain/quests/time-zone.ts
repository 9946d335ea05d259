import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { users } from "../../db/schema";
import { DomainError } from "../errors";
import { isTimeZone } from "./periods";

/**
 * Sets the zone the member's days are counted in. Safe to change at any time: a period already used
 * stays closed until it ends in the zone it was recorded in (see completions.ts).
 */
export async function setUserTimeZone(db: Db, userId: string, timeZone: string) {
  if (!isTimeZone(timeZone)) throw new DomainError("BAD_REQUEST", "quests.badTimeZone", { timeZone: "quests.badTimeZone" });
  await db.update(users).set({ timeZone }).where(eq(users.id, userId));
  return { timeZone };
}
