export * from "./auth";
export * from "./boards";
export * from "./brands";
export * from "./points";
export * from "./quests";
