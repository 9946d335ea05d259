export const MAX_BATCH = 20;

/**
 * Refuses cross-site writes: tRPC accepts form posts, so a page elsewhere could otherwise make a
 * signed-in browser call a mutation. Browsers always send Origin (or Sec-Fetch-Site) on POST;
 * non-browser clients that send neither cannot carry a victim's cookies, so they pass.
 */
export function crossSiteRefusal(req: Request, appOrigin?: string): string | undefined {
  if (req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS") return undefined;
  const origin = req.headers.get("origin");
  if (origin) {
    const host = req.headers.get("host");
    let originUrl: URL;
    try {
      originUrl = new URL(origin);
    } catch {
      return "bad origin";
    }
    const sameHost = host !== null && originUrl.host === host;
    const configured = appOrigin !== undefined && originUrl.origin === new URL(appOrigin).origin;
    if (!sameHost && !configured) return "cross-origin request";
    return undefined;
  }
  if (req.headers.get("sec-fetch-site") === "cross-site") return "cross-site request";
  return undefined;
}

/** Number of procedures in a tRPC URL (`/api/trpc/a.b,c.d`). */
export function batchSize(url: string): number {
  const path = new URL(url).pathname;
  const names = decodeURIComponent(path.slice(path.indexOf("/api/trpc/") + "/api/trpc/".length));
  return names.split(",").filter(Boolean).length;
}
