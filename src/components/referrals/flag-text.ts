import type { QueueItem } from "./types";

type Translate = (key: string, values?: Record<string, string | number>) => string;
type Flag = QueueItem["flags"][number];
type BlockRule = NonNullable<QueueItem["blockedRule"]>;

/** The domain a disposable-domain flag names, whether its detail is the domain or the whole address. */
function domainOf(detail: string): string {
  return detail.match(/[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63}/i)?.[0]?.toLowerCase() ?? detail;
}

/** The count a volume flag (network, device, velocity) carries in its detail, if any. */
function countOf(detail: string): number | null {
  const n = detail.match(/\d+/)?.[0];
  return n ? Number(n) : null;
}

/** A fraud flag as staff read it: the rule in plain words with what triggered it. */
export function flagText(t: Translate, flag: Flag): string {
  if (flag.rule === "disposable") return t("referralsStaff.flags.disposable", { domain: domainOf(flag.detail) });
  const count = countOf(flag.detail);
  return count === null ? t(`referralsStaff.flags.${flag.rule}Some`) : t(`referralsStaff.flags.${flag.rule}`, { count });
}

/** Why a referral was refused outright, naming the people involved. */
export function blockText(t: Translate, rule: BlockRule, item: Pick<QueueItem, "referrer" | "friend">): string {
  return t(`referralsStaff.blocks.${rule}`, { referrer: item.referrer.handle, friend: item.friend.handle });
}
