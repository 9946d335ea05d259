export * from "./auth";
export * from "./boards";
export * from "./brands";
export * from "./ideas";
export * from "./points";
export * from "./quests";
export * from "./referrals";
export * from "./surprises";
