import { decode } from "next-auth/jwt";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

export function parseCookies(header: string | undefined | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    const name = part.slice(0, i).trim();
    try {
      out.set(name, decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // A malformed cookie is ignored, never an error.
    }
  }
  return out;
}

/** next-auth splits large tokens into `<name>.0`, `<name>.1`, … chunks. */
function sessionToken(cookies: Map<string, string>): string | undefined {
  for (const name of SESSION_COOKIES) {
    const whole = cookies.get(name);
    if (whole) return whole;
    let joined = "";
    for (let i = 0; cookies.has(`${name}.${i}`); i++) joined += cookies.get(`${name}.${i}`);
    if (joined) return joined;
  }
  return undefined;
}

/**
 * The signed-in user's id from a raw Cookie header, or null. Used by tRPC and by the Socket.IO
 * handshake (next-auth's getToken cannot read a raw Cookie header).
 */
export async function userIdFromCookieHeader(header: string | undefined | null): Promise<string | null> {
  const token = sessionToken(parseCookies(header));
  const secret = process.env.NEXTAUTH_SECRET;
  if (!token || !secret) return null;
  try {
    const jwt = await decode({ token, secret });
    return typeof jwt?.sub === "string" ? jwt.sub : null;
  } catch {
    return null;
  }
}
