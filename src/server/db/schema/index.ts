export * from "./auth";
export * from "./brands";
export * from "./points";
