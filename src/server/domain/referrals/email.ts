import { DISPOSABLE_DOMAINS } from "./disposable-domains";

/**
 * Providers that deliver `name+anything@` to `name@`, so a `+tag` makes a new-looking address for the
 * same mailbox. Yahoo does the same with `-` (its "disposable addresses"). Gmail also ignores dots and
 * answers to googlemail.com; that is handled separately.
 */
const TAG_SEPARATOR: Record<string, string> = {
  "outlook.com": "+",
  "hotmail.com": "+",
  "live.com": "+",
  "msn.com": "+",
  "icloud.com": "+",
  "me.com": "+",
  "mac.com": "+",
  "fastmail.com": "+",
  "fastmail.fm": "+",
  "proton.me": "+",
  "protonmail.com": "+",
  "pm.me": "+",
  "yahoo.com": "-",
};

/** The mailbox an address reaches, so two spellings of one person's address compare equal. */
export function normalizeEmail(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at <= 0) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") {
    local = local.split("+")[0]?.replaceAll(".", "") ?? local;
  } else {
    const sep = TAG_SEPARATOR[domain];
    if (sep) local = local.split(sep)[0] ?? local;
  }
  return `${local}@${domain}`;
}

export function emailDomain(email: string): string {
  return email
    .slice(email.lastIndexOf("@") + 1)
    .trim()
    .toLowerCase();
}

/** The domain or any parent of it is on the shipped list or the brand's own list. */
export function disposableDomain(email: string, extra: readonly string[]): string | null {
  const parts = emailDomain(email).split(".");
  const brandList = new Set(extra);
  for (let i = 0; i < parts.length - 1; i++) {
    const d = parts.slice(i).join(".");
    if (DISPOSABLE_DOMAINS.has(d) || brandList.has(d)) return d;
  }
  return null;
}

/** How staff see a friend's address: enough to recognise a pattern, not enough to contact them. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf("@");
  if (at <= 0) return "***";
  return `${email.slice(0, 1)}***@${email.slice(at + 1)}`;
}
