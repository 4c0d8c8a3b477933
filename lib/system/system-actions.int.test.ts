import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, users } from "@/db/schema";
import { getUserById } from "@/db/queries/users";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { authenticateWithPassword } from "@/lib/auth/credentials";
import { createActionClient } from "@/lib/guard/actions";
import { systemActions } from "./actions";

let t: TestDatabase;
let sysadmin: CurrentUser;
let tenantA: Awaited<ReturnType<typeof createTestTenant>>;

/** The app's action definitions, run as whichever user a test chooses. */
const as = (user: CurrentUser | null) => systemActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));

beforeAll(async () => {
  t = await createTestDatabase();
  sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
  tenantA = await createTestTenant(t.db);
});
afterAll(() => t.close());

describe("who may call system actions", () => {
  it("refuses a signed-out caller before looking at the input", async () => {
    expect(await as(null).createTenant({ name: "" })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it.each(["admin", "support"] as const)("refuses the tenant's %s user", async (who) => {
    const result = await as(tenantA[who]).createTenant({ name: `Sneaky ${uniqueSuffix()}` });
    expect(result).toEqual({ ok: false, error: "forbidden" });
    const result2 = await as(tenantA[who]).setUserDisabled({ userId: sysadmin.id, disabled: true });
    expect(result2).toEqual({ ok: false, error: "forbidden" });
    expect((await getUserById(t.db, sysadmin.id))?.disabledAt).toBeNull();
  });
});

describe("createTenant", () => {
  it("creates a tenant and records who did it", async () => {
    const name = `Acme ${uniqueSuffix()}`;
    const result = await as(sysadmin).createTenant({ name: `  ${name} ` });
    expect(result.ok).toBe(true);
    const id = result.ok ? result.data.id : "";
    const entries = await t.db.select().from(auditLog).where(eq(auditLog.targetId, id));
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({ action: "tenant.create", actorUserId: sysadmin.id, after: { name } });
  });

  it("refuses a name that differs only in case, next to the field", async () => {
    const name = `Globex ${uniqueSuffix()}`;
    await as(sysadmin).createTenant({ name });
    expect(await as(sysadmin).createTenant({ name: name.toUpperCase() })).toEqual({
      ok: false,
      error: "tenantNameTaken",
      fieldErrors: { name: ["tenantNameTaken"] },
    });
  });

  it("explains bad input per field", async () => {
    expect(await as(sysadmin).createTenant({ name: "x" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { name: ["tenantNameTooShort"] },
    });
    expect(await as(sysadmin).createTenant({})).toMatchObject({ ok: false, fieldErrors: { name: ["required"] } });
  });
});

describe("createUser", () => {
  it("stores an argon2id hash, never the password, and audits without it", async () => {
    const email = `new-${uniqueSuffix()}@example.com`;
    const password = "a brand new password";
    const result = await as(sysadmin).createUser({ email, name: "New", role: "support", tenantId: tenantA.tenant.id, password });
    expect(result.ok).toBe(true);
    const [row] = await t.db.select().from(users).where(eq(users.email, email));
    expect(row?.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row?.passwordHash).not.toContain(password);
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email, password })).toEqual({ ok: true, userId: row!.id, sessionVersion: 0 });
    const audit = await t.db.select().from(auditLog).where(eq(auditLog.targetId, row!.id));
    expect(JSON.stringify(audit)).not.toMatch(/argon2|brand new password/);
  });

  it("refuses a duplicate email in any case", async () => {
    const result = await as(sysadmin).createUser({
      email: tenantA.admin.email.toUpperCase(),
      name: "Dup",
      role: "support",
      tenantId: tenantA.tenant.id,
      password: "another long password",
    });
    expect(result).toEqual({ ok: false, error: "emailTaken", fieldErrors: { email: ["emailTaken"] } });
  });

  it("requires an existing tenant for tenant roles", async () => {
    const base = { email: `x-${uniqueSuffix()}@example.com`, name: "X", role: "tenant_admin", password: "long enough password" };
    expect(await as(sysadmin).createUser({ ...base, tenantId: "" })).toMatchObject({
      ok: false,
      fieldErrors: { tenantId: ["tenantRequired"] },
    });
    expect(await as(sysadmin).createUser({ ...base, tenantId: "00000000-0000-4000-8000-000000000000" })).toMatchObject({
      ok: false,
      fieldErrors: { tenantId: ["tenantNotFound"] },
    });
  });

  it("never attaches a system administrator to a tenant", async () => {
    const email = `ops-${uniqueSuffix()}@example.com`;
    const result = await as(sysadmin).createUser({
      email,
      name: "Ops",
      role: "system_admin",
      tenantId: tenantA.tenant.id,
      password: "long enough password",
    });
    expect(result.ok).toBe(true);
    const [row] = await t.db.select().from(users).where(eq(users.email, email));
    expect(row?.tenantId).toBeNull();
  });
});

describe("updateUserAccess, setUserDisabled, resetUserPassword", () => {
  it("moves a user to another tenant and role", async () => {
    const other = await createTestTenant(t.db);
    const result = await as(sysadmin).updateUserAccess({ userId: other.support.id, role: "tenant_admin", tenantId: tenantA.tenant.id });
    expect(result).toEqual({ ok: true, data: undefined });
    expect(await getUserById(t.db, other.support.id)).toMatchObject({ role: "tenant_admin", tenantId: tenantA.tenant.id });
  });

  it("refuses changes to one's own account", async () => {
    expect(await as(sysadmin).updateUserAccess({ userId: sysadmin.id, role: "support", tenantId: tenantA.tenant.id })).toEqual({
      ok: false,
      error: "cannotChangeOwnAccess",
    });
    expect(await as(sysadmin).setUserDisabled({ userId: sysadmin.id, disabled: true })).toEqual({
      ok: false,
      error: "cannotDisableSelf",
    });
  });

  it("keeps at least one active system administrator", async () => {
    const db = await createTestDatabase();
    try {
      const [first, second] = await Promise.all([
        createTestUser(db.db, { role: "system_admin", tenantId: null }),
        createTestUser(db.db, { role: "system_admin", tenantId: null }),
      ]);
      const actions = systemActions(createActionClient({ getUser: async () => first, getDb: () => db.db }));
      expect(await actions.setUserDisabled({ userId: second.id, disabled: true })).toMatchObject({ ok: true });
      // `first` is now the last active one; `second`, re-enabled, may not demote or disable `first`.
      expect(await actions.setUserDisabled({ userId: second.id, disabled: false })).toMatchObject({ ok: true });
      const asSecond = systemActions(createActionClient({ getUser: async () => second, getDb: () => db.db }));
      expect(await asSecond.setUserDisabled({ userId: first.id, disabled: true })).toMatchObject({ ok: true });
      expect(await actions.setUserDisabled({ userId: second.id, disabled: true })).toMatchObject({ ok: false });
      const { rows } = await db.pool.query("select count(*)::int as n from users where role = 'system_admin' and disabled_at is null");
      expect(rows[0].n).toBe(1);
    } finally {
      await db.close();
    }
  });

  it("disables a user so they cannot sign in, and enables them again", async () => {
    const { support } = await createTestTenant(t.db);
    expect(await as(sysadmin).setUserDisabled({ userId: support.id, disabled: true })).toMatchObject({ ok: true });
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email: support.email, password: "correct horse battery staple" })).toEqual({
      ok: false,
      reason: "disabled",
    });
    expect(await as(sysadmin).setUserDisabled({ userId: support.id, disabled: false })).toMatchObject({ ok: true });
    expect((await getUserById(t.db, support.id))?.disabledAt).toBeNull();
  });

  it("resets a password: the new one works at once, the old one no longer does", async () => {
    const { admin } = await createTestTenant(t.db);
    // Someone has been guessing from this address: the next attempt would have to wait.
    for (let i = 0; i < 6; i++) await authenticateWithPassword(t.db, { address: "192.0.2.1", email: admin.email, password: `guess ${i}` });
    expect(await as(sysadmin).resetUserPassword({ userId: admin.id, password: "the replacement password" })).toMatchObject({
      ok: true,
    });
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email: admin.email, password: "the replacement password" })).toMatchObject({
      ok: true,
    });
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email: admin.email, password: "correct horse battery staple" })).toMatchObject({
      ok: false,
    });
  });

  it("answers unknown users and malformed ids clearly", async () => {
    expect(
      await as(sysadmin).setUserDisabled({ userId: "00000000-0000-4000-8000-000000000000", disabled: true }),
    ).toEqual({ ok: false, error: "userNotFound" });
    expect(await as(sysadmin).setUserDisabled({ userId: "1 or 1=1", disabled: true })).toMatchObject({
      ok: false,
      fieldErrors: { userId: ["invalidId"] },
    });
  });
});

describe("session versions", () => {
  it("are bumped by a password reset and by disabling or enabling, which ends open sessions", async () => {
    const { support } = await createTestTenant(t.db);
    const version = async () => (await getUserById(t.db, support.id))!.sessionVersion;
    expect(await version()).toBe(0);
    await as(sysadmin).resetUserPassword({ userId: support.id, password: "yet another password" });
    expect(await version()).toBe(1);
    await as(sysadmin).setUserDisabled({ userId: support.id, disabled: true });
    await as(sysadmin).setUserDisabled({ userId: support.id, disabled: false });
    expect(await version()).toBe(3);
    // The next sign-in carries the new version, so only sessions opened before the change end.
    expect(await authenticateWithPassword(t.db, { address: "192.0.2.1", email: support.email, password: "yet another password" })).toEqual({
      ok: true,
      userId: support.id,
      sessionVersion: 3,
    });
  });
});
