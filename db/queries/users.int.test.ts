import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, createTestUser } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { getTenantUser, getUserById, insertUser, listAllUsers, listTenantUsers } from "./users";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

describe("tenant-scoped user queries", () => {
  it("find a user of the caller's tenant", async () => {
    expect(await getTenantUser(t.db, { tenantId: a.tenant.id }, a.support.id)).toMatchObject({ email: a.support.email });
  });

  it("treat another tenant's user exactly like a missing one", async () => {
    expect(await getTenantUser(t.db, { tenantId: a.tenant.id }, b.support.id)).toBeNull();
    expect(await getTenantUser(t.db, { tenantId: a.tenant.id }, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });

  it("list only the caller's tenant", async () => {
    const page = await listTenantUsers(t.db, { tenantId: a.tenant.id }, 1);
    expect(page.items.map((u) => u.email).sort()).toEqual([a.admin.email, a.support.email].sort());
    expect(page.total).toBe(2);
  });

  it("filter the installation-wide list by tenant", async () => {
    const page = await listAllUsers(t.db, { tenantId: b.tenant.id }, 1);
    expect(page.items.every((u) => u.tenantId === b.tenant.id)).toBe(true);
    expect(page.total).toBe(2);
  });

  it("never return a password hash", async () => {
    const user = await getUserById(t.db, a.admin.id);
    const page = await listTenantUsers(t.db, { tenantId: a.tenant.id }, 1);
    for (const value of [user, ...page.items]) {
      expect(Object.keys(value ?? {})).not.toContain("passwordHash");
      expect(JSON.stringify(value)).not.toContain("$argon2");
    }
  });
});

describe("the users table itself", () => {
  it("refuses a tenant user without a tenant and a system administrator with one", async () => {
    await expect(
      insertUser(t.db, { email: "no-tenant@example.com", name: "x", role: "support", tenantId: null, passwordHash: "h" }),
    ).rejects.toThrow();
    await expect(
      insertUser(t.db, { email: "sys-tenant@example.com", name: "x", role: "system_admin", tenantId: a.tenant.id, passwordHash: "h" }),
    ).rejects.toThrow();
  });

  it("keeps emails unique regardless of case", async () => {
    const user = await createTestUser(t.db, { role: "system_admin", tenantId: null });
    await expect(
      insertUser(t.db, { email: user.email.toUpperCase(), name: "x", role: "system_admin", tenantId: null, passwordHash: "h" }),
    ).rejects.toThrow();
  });

  it("pages through many users in a stable order", async () => {
    const c = await createTestTenant(t.db);
    for (let i = 0; i < 30; i++) await createTestUser(t.db, { role: "support", tenantId: c.tenant.id, email: `p${String(i).padStart(2, "0")}-${c.tenant.id}@example.com` });
    const [first, second] = await Promise.all([1, 2].map((page) => listTenantUsers(t.db, { tenantId: c.tenant.id }, page)));
    expect(first!.total).toBe(32);
    expect(first!.pageCount).toBe(2);
    expect(first!.items).toHaveLength(25);
    expect(second!.items).toHaveLength(7);
    const ids = new Set([...first!.items, ...second!.items].map((u) => u.id));
    expect(ids.size).toBe(32);
  });
});
