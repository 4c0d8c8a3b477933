import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, createTestUser } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createTenant, listTenants } from "./tenants";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("listTenants", () => {
  it("counts each tenant's own users, the same people the users list shows", async () => {
    const a = await createTestTenant(t.db);
    const b = await createTestTenant(t.db);
    await createTestUser(t.db, { role: "support", tenantId: b.tenant.id });
    const empty = await createTenant(t.db, { name: `Empty ${Date.now()}` });
    await createTestUser(t.db, { role: "system_admin", tenantId: null });

    const page = await listTenants(t.db, 1, 100);
    const countOf = (id: string) => page.items.find((row) => row.id === id)?.userCount;
    expect(countOf(a.tenant.id)).toBe(2);
    expect(countOf(b.tenant.id)).toBe(3);
    expect(countOf(empty.id)).toBe(0);
    expect(typeof countOf(a.tenant.id)).toBe("number");
  });
});
