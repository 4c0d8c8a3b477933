import { describe, expect, it } from "vitest";
import { homePathFor, isTenantRole, navigationFor, settingsSectionsFor } from "./roles";

describe("navigationFor", () => {
  it("gives system administrators System and Settings, never tenant pages", () => {
    const labels = navigationFor("system_admin").map((item) => item.label);
    expect(labels).toEqual(["system", "settings"]);
  });

  it.each(["tenant_admin", "support"] as const)("gives %s Overview, Channels, Exports and Settings", (role) => {
    expect(navigationFor(role).map((item) => item.label)).toEqual(["overview", "channels", "exports", "settings"]);
  });
});

describe("homePathFor", () => {
  it("sends each role to its first navigation entry", () => {
    expect(homePathFor("system_admin")).toBe("/system/tenants");
    expect(homePathFor("tenant_admin")).toBe("/overview");
    expect(homePathFor("support")).toBe("/overview");
  });
});

describe("isTenantRole", () => {
  it("is false only for system administrators", () => {
    expect(isTenantRole("system_admin")).toBe(false);
    expect(isTenantRole("tenant_admin")).toBe(true);
    expect(isTenantRole("support")).toBe(true);
  });
});

describe("settingsSectionsFor", () => {
  const hrefs = (role: Parameters<typeof settingsSectionsFor>[0]) => settingsSectionsFor(role).map((s) => s.href);

  it("shows tenant administrators the tenant setup, users and the audit log", () => {
    expect(hrefs("tenant_admin")).toEqual(expect.arrayContaining(["/settings/ous", "/settings/users", "/settings/audit"]));
  });

  it("shows support staff the tenant setup but not users or the audit log", () => {
    expect(hrefs("support")).toContain("/settings/certificates");
    expect(hrefs("support")).not.toContain("/settings/users");
    expect(hrefs("support")).not.toContain("/settings/audit");
  });

  it("shows system administrators only their account", () => {
    expect(hrefs("system_admin")).toEqual(["/settings"]);
  });
});
