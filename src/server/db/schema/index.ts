export * from "./auth";
export * from "./brands";
export * from "./points";
export * from "./quests";
