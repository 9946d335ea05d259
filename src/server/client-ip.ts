/** Header the custom server sets on every request; any value a client sends is overwritten. */
export const CLIENT_IP_HEADER = "x-sadiq-client-ip";

type HeaderBag = Headers | Record<string, string | string[] | undefined>;

export function clientIpFrom(headers: HeaderBag): string {
  const raw = headers instanceof Headers ? headers.get(CLIENT_IP_HEADER) : headers[CLIENT_IP_HEADER];
  const value = Array.isArray(raw) ? raw[0] : raw;
  return value || "unknown";
}

/** The caller's address: the socket's, or the first X-Forwarded-For hop behind a trusted proxy. */
export function resolveClientIp(remote: string | undefined, forwardedFor: string | string[] | undefined, trustProxy: boolean): string {
  if (trustProxy && forwardedFor) {
    const first = (Array.isArray(forwardedFor) ? forwardedFor[0] : forwardedFor)?.split(",")[0]?.trim();
    if (first) return first;
  }
  return remote?.replace(/^::ffff:/, "") ?? "unknown";
}
