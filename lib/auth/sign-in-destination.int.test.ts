import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant, createTestUser } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { signInDestination } from "./sign-in-destination";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTestTenant(t.db);
});
afterAll(() => t.close());

describe("signInDestination", () => {
  it("sends a sign-in aimed at / straight to the role's home page, in one hop", async () => {
    const system = await createTestUser(t.db, { role: "system_admin", tenantId: null });
    expect(await signInDestination(t.db, a.admin.email.toUpperCase(), undefined)).toBe("/overview");
    expect(await signInDestination(t.db, a.support.email, "/")).toBe("/overview");
    expect(await signInDestination(t.db, system.email, "http://127.0.0.1:3000/")).toBe("/system/tenants");
  });

  it("keeps a safe callback path, and refuses one that leaves the console", async () => {
    expect(await signInDestination(t.db, a.admin.email, "/exports?page=2")).toBe("/exports?page=2");
    expect(await signInDestination(t.db, a.admin.email, "//evil.example/")).toBe("/overview");
  });
});
