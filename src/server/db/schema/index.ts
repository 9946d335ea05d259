export * from "./auth";
export * from "./brands";
