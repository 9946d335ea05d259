import { authRouter } from "./routers/auth";
import { brandsRouter } from "./routers/brands";
import { ideasRouter, notificationsRouter } from "./routers/ideas";
import { integrationsRouter } from "./routers/integrations";
import { leaderboardsRouter, leaguesRouter } from "./routers/leaderboards";
import { meRouter } from "./routers/me";
import { pointsRouter } from "./routers/points";
import { habitsRouter, questsRouter, streaksRouter } from "./routers/quests";
import { referralsRouter } from "./routers/referrals";
import { reviewsRouter } from "./routers/reviews";
import { auditRouter, redemptionsRouter, rewardsRouter, tiersRouter } from "./routers/rewards";
import { sharesRouter } from "./routers/shares";
import { surprisesRouter } from "./routers/surprises";
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
  reviews: reviewsRouter,
  streaks: streaksRouter,
  habits: habitsRouter,
  shares: sharesRouter,
  integrations: integrationsRouter,
  leaderboards: leaderboardsRouter,
  leagues: leaguesRouter,
  ideas: ideasRouter,
  notifications: notificationsRouter,
  referrals: referralsRouter,
  surprises: surprisesRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
