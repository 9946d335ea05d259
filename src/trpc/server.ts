import { headers } from "next/headers";
import { cache } from "react";
import { createCaller } from "@/server/api/root";
import { createContext } from "@/server/api/trpc";

/** A tRPC caller for server components, with the same context and checks as HTTP calls. */
export const serverApi = cache(async () => {
  const h = await headers();
  return createCaller(await createContext(new Request("http://internal/", { headers: h })));
});

/** The signed-in user's id for this request, or null. */
export const viewerId = cache(async () => {
  const ctx = await createContext(new Request("http://internal/", { headers: await headers() }));
  return ctx.userId;
});
