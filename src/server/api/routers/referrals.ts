import { router } from "../trpc";

export const referralsRouter = router({});
