/**
 * Browser calls to next-auth's endpoints. next-auth/react's signIn() cannot read our 400/429
 * answers (it expects a redirect URL), so the forms talk to the endpoints directly.
 */
export type AuthResult = { ok: true; url?: string } | { ok: false; error: string; fields?: Record<string, string> };

async function csrfToken(): Promise<string> {
  const res = await fetch("/api/auth/csrf", { credentials: "same-origin" });
  const body = (await res.json()) as { csrfToken?: string };
  return body.csrfToken ?? "";
}

async function post(path: string, fields: Record<string, string>): Promise<AuthResult> {
  let res: Response;
  try {
    const body = new URLSearchParams({ ...fields, csrfToken: await csrfToken(), json: "true" });
    res = await fetch(path, {
      method: "POST",
      credentials: "same-origin",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body,
    });
  } catch {
    return { ok: false, error: "errors.network" };
  }
  const data = (await res.json().catch(() => ({}))) as { url?: string; fields?: Record<string, string> };
  if (res.status === 429) return { ok: false, error: "errors.rateLimited" };
  if (res.status === 400) return { ok: false, error: "form.invalid", fields: data.fields };
  if (res.status === 403) return { ok: false, error: "form.expired" };
  if (res.status === 401) return { ok: false, error: "signIn.wrong" };
  if (!res.ok) return { ok: false, error: "errors.internal" };
  // next-auth answers 200 with the error page's URL when a provider fails.
  if (data.url && new URL(data.url, window.location.href).searchParams.has("error")) {
    return { ok: false, error: "signIn.signInFailed" };
  }
  return { ok: true, url: data.url };
}

export function signInWithPassword(email: string, password: string, callbackUrl: string) {
  return post("/api/auth/callback/credentials", { email, password, callbackUrl });
}

export function requestMagicLink(email: string, callbackUrl: string) {
  return post("/api/auth/signin/email", { email, callbackUrl });
}

/** Only same-site paths, so a crafted link cannot send members elsewhere after sign-in. */
export function safeCallback(raw: string | null | undefined, fallback = "/home"): string {
  if (!raw?.startsWith("/") || raw.startsWith("//") || raw.startsWith("/\\")) return fallback;
  return raw;
}
