import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { batchSize, crossSiteRefusal, MAX_BATCH } from "@/server/api/http-guard";
import { appRouter } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";

function handler(req: Request) {
  const refused = crossSiteRefusal(req, process.env.NEXTAUTH_URL);
  if (refused) return Response.json({ error: { message: "errors.forbidden", reason: refused } }, { status: 403 });
  if (batchSize(req.url) > MAX_BATCH) {
    return Response.json({ error: { message: "errors.batchTooLarge", max: MAX_BATCH } }, { status: 400 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: () => createContext(req),
    onError({ error, path }) {
      if (error.code === "INTERNAL_SERVER_ERROR") console.error(`[trpc] ${path ?? "?"}:`, error.cause ?? error);
    },
  });
}

export { handler as GET, handler as POST };
