export * from "./tenants";
export * from "./users";
export * from "./sign-in-failures";
export * from "./audit-log";
