import type { PublicEntry } from "@/lib/realtime/events";

type T = (key: string, values?: Record<string, string | number>) => string;

/** The line a member reads for a ledger row; gifts and expiry carry a code, not words, as their reason. */
export function entryReason(
  t: T,
  entry: Pick<PublicEntry, "kind" | "reason" | "amount" | "sourceId"> & { counterpartyHandle?: string | null },
): string {
  if (entry.kind === "donate") {
    if (entry.counterpartyHandle) {
      return t(entry.amount < 0 ? "points.history.giftTo" : "points.history.giftFrom", { name: `@${entry.counterpartyHandle}` });
    }
    if (entry.sourceId === "cause" || entry.reason === "cause") return t("points.history.giftCause");
    return t(entry.amount < 0 ? "points.history.giftSent" : "points.history.giftReceived");
  }
  if (entry.kind === "expire" && entry.reason === "inactivity") return t("points.history.expiredInactivity");
  return entry.reason;
}
