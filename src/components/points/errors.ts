/** What a tRPC error carries to the browser: a translation key and, for forms, field → key. */
interface ServerError {
  message?: string;
  data?: { fields?: Record<string, string> | null; code?: string } | null;
}

export interface ShownError {
  /** Field name → translation key, for fields the form shows. */
  fields: Record<string, string>;
  /** A translation key for the alert, when the error is not about a shown field. */
  alert?: string;
}

/**
 * Splits a server error into messages next to the form's own fields and one for the alert.
 * `aliases` maps a server field name to the form's (the server may name it differently).
 */
export function splitError(err: unknown, shown: readonly string[], aliases: Record<string, string> = {}): ShownError {
  const e = err as ServerError;
  const fields: Record<string, string> = {};
  let alert: string | undefined;
  for (const [name, key] of Object.entries(e?.data?.fields ?? {})) {
    const target = aliases[name] ?? name;
    if (shown.includes(target)) fields[target] ??= key;
    else alert ??= key;
  }
  if (Object.keys(fields).length === 0 && !alert) alert = networkOr(e);
  return { fields, alert };
}

function networkOr(e: ServerError): string {
  // A fetch that never reached the server has no tRPC shape.
  if (!e?.data && (e?.message === "Failed to fetch" || e?.message?.includes("NetworkError"))) return "errors.network";
  return e?.message ?? "errors.internal";
}

/** Returns the key if it has a message, else the generic error, so raw text never reaches the page. */
export function knownKey(has: (key: string) => boolean, key: string | undefined, fallback = "errors.internal"): string {
  return key && /^[a-zA-Z]+\.[a-zA-Z.]+$/.test(key) && has(key) ? key : fallback;
}

/** Zod issues → field → key, keeping the first per field and mapping odd messages to a fallback key. */
export function issuesToFields(
  issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>,
  fallback: Record<string, string>,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const issue of issues) {
    const name = issue.path.map(String).join(".") || "form";
    const key = /^[a-zA-Z]+\.[a-zA-Z.]+$/.test(issue.message)
      ? issue.message
      : (fallback[issue.path.at(-1)?.toString() ?? ""] ?? "form.invalid");
    out[name] ??= key;
  }
  return out;
}
