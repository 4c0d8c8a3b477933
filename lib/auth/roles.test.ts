import { describe, expect, it } from "vitest";
import { homePathFor, isTenantRole, navigationFor } from "./roles";

describe("navigationFor", () => {
  it("gives system administrators System and Settings, never tenant pages", () => {
    const labels = navigationFor("system_admin").map((item) => item.label);
    expect(labels).toEqual(["system", "settings"]);
  });

  it.each(["tenant_admin", "support"] as const)("gives %s Channels, Exports and Settings", (role) => {
    expect(navigationFor(role).map((item) => item.label)).toEqual(["channels", "exports", "settings"]);
  });
});

describe("homePathFor", () => {
  it("sends each role to its first navigation entry", () => {
    expect(homePathFor("system_admin")).toBe("/system/tenants");
    expect(homePathFor("support")).toBe("/channels");
  });
});

describe("isTenantRole", () => {
  it("is false only for system administrators", () => {
    expect(isTenantRole("system_admin")).toBe(false);
    expect(isTenantRole("tenant_admin")).toBe(true);
    expect(isTenantRole("support")).toBe(true);
  });
});
