import { authRouter } from "./routers/auth";
import { brandsRouter } from "./routers/brands";
import { meRouter } from "./routers/me";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  brands: brandsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
