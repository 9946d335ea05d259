import { createCaller } from "../api/root";
import type { Db } from "../db/client";

let ipCounter = 0;

/** A tRPC caller with the same middleware as HTTP calls; each gets its own IP unless one is given. */
export function callerFor(db: Db, userId: string | null, ip?: string) {
  ipCounter += 1;
  return createCaller({ db, userId, ip: ip ?? `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}` });
}
