import { authRouter } from "./routers/auth";
import { brandsRouter } from "./routers/brands";
import { meRouter } from "./routers/me";
import { pointsRouter } from "./routers/points";
import { habitsRouter, questsRouter, streaksRouter } from "./routers/quests";
import { auditRouter, redemptionsRouter, rewardsRouter, tiersRouter } from "./routers/rewards";
import { createCallerFactory, router } from "./trpc";

export const appRouter = router({
  auth: authRouter,
  me: meRouter,
  brands: brandsRouter,
  points: pointsRouter,
  rewards: rewardsRouter,
  redemptions: redemptionsRouter,
  tiers: tiersRouter,
  audit: auditRouter,
  quests: questsRouter,
  streaks: streaksRouter,
  habits: habitsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
