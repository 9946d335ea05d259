import { router } from "../trpc";

export const surprisesRouter = router({});
