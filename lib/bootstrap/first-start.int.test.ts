import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMigrations } from "@/db/migrate";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { DEMO_PASSWORD, firstStartAccounts, FirstStartConfigError } from "./first-start-config";
import { seedFirstStart } from "./first-start";

let t: TestDatabase;
beforeEach(async () => {
  t = await createTestDatabase();
});
afterEach(() => t.close());

const count = async (sql: string) => (await t.pool.query(sql)).rows[0].n as number;

describe("seedFirstStart", () => {
  it("creates the system administrator and the demo tenant's two users on an empty database", async () => {
    expect(await seedFirstStart(t.db, () => firstStartAccounts({}, "embedded"))).toBe("seeded");
    const { rows } = await t.pool.query(
      "select u.email, u.role, t.name as tenant from users u left join tenants t on t.id = u.tenant_id order by u.role",
    );
    expect(rows).toEqual([
      { email: "sysadmin@console.example", role: "system_admin", tenant: null },
      { email: "admin@demo.example", role: "tenant_admin", tenant: "Demo" },
      { email: "support@demo.example", role: "support", tenant: "Demo" },
    ]);
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email: "admin@demo.example", password: DEMO_PASSWORD })).toMatchObject({ ok: true });
  });

  it("does nothing on a database that already has users, and needs no configuration then", async () => {
    await seedFirstStart(t.db, () => firstStartAccounts({}, "embedded"));
    const outcome = await seedFirstStart(t.db, () => {
      throw new Error("must not be asked");
    });
    expect(outcome).toBe("already-initialised");
    expect(await count("select count(*)::int as n from users")).toBe(3);
  });

  it("seeds exactly once when several processes start together", async () => {
    const outcomes = await Promise.all([1, 2, 3].map(() => seedFirstStart(t.db, () => firstStartAccounts({}, "embedded"))));
    expect(outcomes.filter((o) => o === "seeded")).toHaveLength(1);
    expect(await count("select count(*)::int as n from tenants")).toBe(1);
  });

  it("refuses to start on a server without ADMIN_PASSWORD and writes nothing", async () => {
    await expect(seedFirstStart(t.db, () => firstStartAccounts({ ADMIN_EMAIL: "ops@example.com" }, "server"))).rejects.toThrow(
      FirstStartConfigError,
    );
    expect(await count("select count(*)::int as n from users")).toBe(0);
  });

  it("takes the administrator from the environment on a server", async () => {
    const env = { ADMIN_EMAIL: "ops@example.com", ADMIN_PASSWORD: "operator chosen secret" };
    await seedFirstStart(t.db, () => firstStartAccounts(env, "server"));
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email: "ops@example.com", password: env.ADMIN_PASSWORD })).toMatchObject({
      ok: true,
    });
    expect(await count("select count(*)::int as n from users")).toBe(1);
  });
});

describe("runMigrations", () => {
  it("is a no-op on an up-to-date database", async () => {
    const before = await count("select count(*)::int as n from drizzle.__drizzle_migrations");
    await runMigrations(t.db);
    expect(await count("select count(*)::int as n from drizzle.__drizzle_migrations")).toBe(before);
    expect(before).toBeGreaterThan(0);
  });
});
