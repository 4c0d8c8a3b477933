import { describe, expect, it } from "vitest";
import { DEMO_PASSWORD, firstStartAccounts, FirstStartConfigError } from "./first-start-config";

describe("firstStartAccounts", () => {
  it("uses the documented demo accounts on the embedded database", () => {
    const accounts = firstStartAccounts({}, "embedded");
    expect(accounts.systemAdmin).toMatchObject({ email: "sysadmin@console.example", password: DEMO_PASSWORD });
    expect(accounts.demo?.tenantAdmin.email).toBe("admin@demo.example");
    expect(accounts.demo?.support.email).toBe("support@demo.example");
  });

  it("refuses to start on a server without ADMIN_EMAIL and ADMIN_PASSWORD", () => {
    expect(() => firstStartAccounts({}, "server")).toThrow(FirstStartConfigError);
    expect(() => firstStartAccounts({}, "server")).toThrow(/ADMIN_EMAIL: is required/);
  });

  it("refuses the documented demo password on a server", () => {
    expect(() =>
      firstStartAccounts({ ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: DEMO_PASSWORD }, "server"),
    ).toThrow(/ADMIN_PASSWORD must not be the documented demo password/);
  });

  it("refuses a short administrator password", () => {
    expect(() => firstStartAccounts({ ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "short" }, "server")).toThrow(
      /at least 12 characters/,
    );
  });

  it("takes the administrator from the environment and skips demo users without DEMO_PASSWORD", () => {
    const accounts = firstStartAccounts({ ADMIN_EMAIL: " Ops@Example.com ", ADMIN_PASSWORD: "a-long-enough-secret" }, "server");
    expect(accounts.systemAdmin).toMatchObject({ email: "ops@example.com", password: "a-long-enough-secret" });
    expect(accounts.demo).toBeNull();
  });

  it("creates demo users on a server only with an explicit DEMO_PASSWORD", () => {
    const accounts = firstStartAccounts(
      { ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "a-long-enough-secret", DEMO_PASSWORD: "another-long-secret" },
      "server",
    );
    expect(accounts.demo?.support.password).toBe("another-long-secret");
  });
});
