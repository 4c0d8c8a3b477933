import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiAppBelongsToTenant, getApiApp, insertApiApp, listApiApps, listTenantApiApps } from "@/db/queries/api-apps";
import { apiApps, auditLog } from "@/db/schema";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { apiAppActions } from "./actions";
import { APP_KEY_PATTERN, APP_SECRET_PATTERN, hashCredential } from "./credentials";

let t: TestDatabase;
let sysadmin: CurrentUser;
let tenantA: Awaited<ReturnType<typeof createTestTenant>>;
let tenantB: Awaited<ReturnType<typeof createTestTenant>>;

const as = (user: CurrentUser | null) => apiAppActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));

async function create(input: { name?: string; tenantId?: string; apis?: string[] } = {}) {
  const result = await as(sysadmin).createApiApp({
    name: input.name ?? `App ${uniqueSuffix()}`,
    tenantId: input.tenantId ?? tenantA.tenant.id,
    apis: input.apis ?? ["sendWhatsappMessage"],
  });
  if (!result.ok) throw new Error(`createApiApp failed: ${result.error}`);
  return result.data;
}

const auditOf = (appId: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, appId)).orderBy(auditLog.id);

beforeAll(async () => {
  t = await createTestDatabase();
  sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
  [tenantA, tenantB] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

describe("who may manage API apps", () => {
  it("refuses a signed-out caller", async () => {
    expect(await as(null).createApiApp({ name: "x", tenantId: tenantA.tenant.id, apis: ["file_download"] })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it.each(["admin", "support"] as const)("refuses the tenant's %s, even for an app of their own tenant", async (who) => {
    const app = await create();
    const user = tenantA[who];
    const before = await getApiApp(t.db, app.id);
    const countBefore = (await listApiApps(t.db, { tenantId: tenantA.tenant.id }, 1)).total;
    const results = [
      await as(user).createApiApp({ name: `Mine ${uniqueSuffix()}`, tenantId: tenantA.tenant.id, apis: ["file_download"] }),
      await as(user).updateApiApp({ appId: app.id, name: "Taken over", apis: ["file_download"] }),
      await as(user).rotateApiAppSecret({ appId: app.id }),
      await as(user).setApiAppDisabled({ appId: app.id, disabled: true }),
    ];
    for (const result of results) expect(result).toEqual({ ok: false, error: "forbidden" });
    expect(await getApiApp(t.db, app.id)).toEqual(before);
    expect((await listApiApps(t.db, { tenantId: tenantA.tenant.id }, 1)).total).toBe(countBefore);
  });
});

describe("createApiApp", () => {
  it("answers the key and the secret once, stores only the secret's hash, and audits without it", async () => {
    const name = `Infobip bridge ${uniqueSuffix()}`;
    const result = await as(sysadmin).createApiApp({ name: `  ${name} `, tenantId: tenantA.tenant.id, apis: ["telegram_north", "sendWhatsappMessage", "telegram_north"] });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { id, appKey, appSecret } = result.data;
    expect(appKey).toMatch(APP_KEY_PATTERN);
    expect(appSecret).toMatch(APP_SECRET_PATTERN);

    const [row] = await t.db.select().from(apiApps).where(eq(apiApps.id, id));
    expect(row).toMatchObject({ name, appKey, tenantId: tenantA.tenant.id, apis: ["sendWhatsappMessage", "telegram_north"], createdByUserId: sysadmin.id, disabledAt: null });
    expect(row!.secretHash).toBe(hashCredential(appSecret));
    expect(JSON.stringify(row)).not.toContain(appSecret);

    const entries = await auditOf(id);
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      tenantId: tenantA.tenant.id,
      actorUserId: sysadmin.id,
      action: "apiApp.create",
      targetType: "apiApp",
      after: { name, appKey, apis: ["sendWhatsappMessage", "telegram_north"], disabled: false },
    });
    expect(JSON.stringify(entries)).not.toContain(appSecret);
    expect(JSON.stringify(entries)).not.toContain(row!.secretHash);
  });

  it.each([
    [{ name: "", apis: ["file_download"] }, { name: ["required"] }],
    [{ name: "   ", apis: ["file_download"] }, { name: ["required"] }],
    [{ name: "x".repeat(81), apis: ["file_download"] }, { name: ["apiApps.errors.nameTooLong"] }],
    [{ name: "ok", apis: [] }, { apis: ["apiApps.errors.apisRequired"] }],
    [{ name: "ok" }, { apis: ["apiApps.errors.apisRequired"] }],
    [{ name: "ok", apis: ["deleteEverything"] }, { "apis.0": ["apiApps.errors.unknownApi"] }],
    [{ name: "ok", apis: ["file_download"], tenantId: "" }, { tenantId: ["apiApps.errors.tenantRequired"] }],
    [{ name: "ok", apis: ["file_download"], tenantId: "not-a-uuid" }, { tenantId: ["invalidId"] }],
  ])("explains bad input %j per field", async (input, fieldErrors) => {
    const result = await as(sysadmin).createApiApp({ tenantId: tenantA.tenant.id, ...input });
    expect(result).toEqual({ ok: false, error: "validation", fieldErrors });
  });

  it("accepts a name of exactly 80 characters", async () => {
    await expect(create({ name: "y".repeat(80) })).resolves.toMatchObject({ id: expect.any(String) });
  });

  it("refuses a tenant that does not exist", async () => {
    const result = await as(sysadmin).createApiApp({ name: "Orphan", tenantId: "00000000-0000-4000-8000-000000000000", apis: ["file_download"] });
    expect(result).toEqual({ ok: false, error: "tenantNotFound", fieldErrors: { tenantId: ["tenantNotFound"] } });
  });

  it("refuses a name already used in the tenant in any case, but not in another tenant", async () => {
    const name = `Twin ${uniqueSuffix()}`;
    await create({ name });
    expect(await as(sysadmin).createApiApp({ name: name.toUpperCase(), tenantId: tenantA.tenant.id, apis: ["file_download"] })).toEqual({
      ok: false,
      error: "apiApps.errors.nameTaken",
      fieldErrors: { name: ["apiApps.errors.nameTaken"] },
    });
    await expect(create({ name, tenantId: tenantB.tenant.id })).resolves.toBeTruthy();
  });
});

describe("updateApiApp", () => {
  it("renames and changes APIs, audited before and after", async () => {
    const app = await create({ apis: ["sendWhatsappMessage"] });
    const name = `Renamed ${uniqueSuffix()}`;
    expect(await as(sysadmin).updateApiApp({ appId: app.id, name, apis: ["file_download", "telegram_north"] })).toEqual({ ok: true, data: undefined });
    expect(await getApiApp(t.db, app.id)).toMatchObject({ name, apis: ["telegram_north", "file_download"] });
    const [, update] = await auditOf(app.id);
    expect(update).toMatchObject({
      action: "apiApp.update",
      tenantId: tenantA.tenant.id,
      before: { apis: ["sendWhatsappMessage"] },
      after: { name, apis: ["telegram_north", "file_download"] },
    });
  });

  it("refuses a missing app, a taken name, and no APIs", async () => {
    const app = await create();
    const other = await create();
    const otherName = (await getApiApp(t.db, other.id))!.name;
    expect(await as(sysadmin).updateApiApp({ appId: "00000000-0000-4000-8000-000000000000", name: "x", apis: ["file_download"] })).toEqual({
      ok: false,
      error: "apiApps.errors.notFound",
    });
    expect(await as(sysadmin).updateApiApp({ appId: app.id, name: otherName, apis: ["file_download"] })).toMatchObject({ ok: false, error: "apiApps.errors.nameTaken" });
    expect(await as(sysadmin).updateApiApp({ appId: app.id, name: "x", apis: [] })).toMatchObject({ ok: false, error: "validation" });
    // Keeping its own name is not a clash.
    const own = (await getApiApp(t.db, app.id))!.name;
    expect((await as(sysadmin).updateApiApp({ appId: app.id, name: own.toUpperCase(), apis: ["file_download"] })).ok).toBe(true);
  });
});

describe("rotateApiAppSecret", () => {
  it("replaces the secret's hash and audits the rotation without any secret", async () => {
    const app = await create();
    const before = await getApiApp(t.db, app.id);
    const result = await as(sysadmin).rotateApiAppSecret({ appId: app.id });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.data.appKey).toBe(app.appKey);
    expect(result.data.appSecret).toMatch(APP_SECRET_PATTERN);
    const [row] = await t.db.select().from(apiApps).where(eq(apiApps.id, app.id));
    expect(row!.secretHash).toBe(hashCredential(result.data.appSecret));
    expect(row!.secretRotatedAt.getTime()).toBeGreaterThanOrEqual(before!.secretRotatedAt.getTime());

    const entries = await auditOf(app.id);
    expect(entries.at(-1)).toMatchObject({ action: "apiApp.rotateSecret", tenantId: tenantA.tenant.id, after: { revokedTokens: 0 } });
    const text = JSON.stringify(entries);
    for (const secret of [app.appSecret, result.data.appSecret, row!.secretHash, hashCredential(app.appSecret)]) expect(text).not.toContain(secret);
  });

  it("refuses a missing app and a malformed id", async () => {
    expect(await as(sysadmin).rotateApiAppSecret({ appId: "00000000-0000-4000-8000-000000000000" })).toEqual({ ok: false, error: "apiApps.errors.notFound" });
    expect(await as(sysadmin).rotateApiAppSecret({ appId: "1; drop table api_apps" })).toMatchObject({ ok: false, error: "validation" });
  });
});

describe("setApiAppDisabled", () => {
  it("disables and enables, auditing each change once", async () => {
    const app = await create();
    expect((await as(sysadmin).setApiAppDisabled({ appId: app.id, disabled: true })).ok).toBe(true);
    expect((await getApiApp(t.db, app.id))!.disabledAt).toBeInstanceOf(Date);
    // Disabling twice changes nothing and records nothing.
    expect((await as(sysadmin).setApiAppDisabled({ appId: app.id, disabled: true })).ok).toBe(true);
    expect((await as(sysadmin).setApiAppDisabled({ appId: app.id, disabled: false })).ok).toBe(true);
    expect((await getApiApp(t.db, app.id))!.disabledAt).toBeNull();
    expect((await auditOf(app.id)).map((entry) => entry.action)).toEqual(["apiApp.create", "apiApp.disable", "apiApp.enable"]);
  });

  it("refuses a non-boolean and a missing app", async () => {
    const app = await create();
    expect(await as(sysadmin).setApiAppDisabled({ appId: app.id, disabled: "yes" })).toMatchObject({ ok: false, error: "validation" });
    expect(await as(sysadmin).setApiAppDisabled({ appId: "00000000-0000-4000-8000-000000000000", disabled: true })).toEqual({ ok: false, error: "apiApps.errors.notFound" });
  });
});

describe("the tenant's view for the Configure Channel wizard", () => {
  it("lists only the tenant's enabled apps, optionally of one API", async () => {
    const tenant = await createTestTenant(t.db);
    const whatsapp = await create({ tenantId: tenant.tenant.id, name: `B whatsapp ${uniqueSuffix()}`, apis: ["sendWhatsappMessage"] });
    const telegram = await create({ tenantId: tenant.tenant.id, name: `A telegram ${uniqueSuffix()}`, apis: ["telegram_north", "ccmessage_telegram_north"] });
    const disabled = await create({ tenantId: tenant.tenant.id, apis: ["sendWhatsappMessage"] });
    await as(sysadmin).setApiAppDisabled({ appId: disabled.id, disabled: true });
    const foreign = await create({ tenantId: tenantB.tenant.id, apis: ["sendWhatsappMessage"] });

    const scope = { tenantId: tenant.tenant.id };
    expect((await listTenantApiApps(t.db, scope)).map((app) => app.id)).toEqual([telegram.id, whatsapp.id]);
    expect((await listTenantApiApps(t.db, scope, { api: "sendWhatsappMessage" })).map((app) => app.id)).toEqual([whatsapp.id]);
    expect((await listTenantApiApps(t.db, scope, { api: "file_download" }))).toEqual([]);
    const all = await listTenantApiApps(t.db, scope, { includeDisabled: true });
    expect(all.map((app) => app.id).sort()).toEqual([whatsapp.id, telegram.id, disabled.id].sort());
    expect(all.find((app) => app.id === disabled.id)?.disabled).toBe(true);
    expect(JSON.stringify(all)).not.toMatch(/secret/i);
    expect(all.some((app) => app.id === foreign.id)).toBe(false);

    expect(await apiAppBelongsToTenant(t.db, scope, whatsapp.id)).toBe(true);
    expect(await apiAppBelongsToTenant(t.db, scope, whatsapp.id, "sendWhatsappMessage")).toBe(true);
    expect(await apiAppBelongsToTenant(t.db, scope, whatsapp.id, "telegram_north")).toBe(false);
    expect(await apiAppBelongsToTenant(t.db, scope, foreign.id)).toBe(false);
    expect(await apiAppBelongsToTenant(t.db, scope, disabled.id)).toBe(false);
    expect(await apiAppBelongsToTenant(t.db, scope, "not-a-uuid")).toBe(false);
  });
});

describe("listApiApps", () => {
  it("pages through all apps and filters by tenant", async () => {
    const tenant = await createTestTenant(t.db);
    for (let i = 0; i < 26; i++) {
      await insertApiApp(t.db, {
        tenantId: tenant.tenant.id,
        name: `Bulk ${i}`,
        appKey: `ak_bulk${uniqueSuffix()}${i}`,
        secretHash: hashCredential(`s${i}`),
        apis: ["file_download"],
        createdByUserId: sysadmin.id,
      });
    }
    const first = await listApiApps(t.db, { tenantId: tenant.tenant.id }, 1);
    const second = await listApiApps(t.db, { tenantId: tenant.tenant.id }, 2);
    expect([first.items.length, second.items.length, first.total, first.pageCount]).toEqual([25, 1, 26, 2]);
    expect(new Set([...first.items, ...second.items].map((app) => app.id)).size).toBe(26);
    expect(first.items.every((app) => app.tenantName === tenant.tenant.name)).toBe(true);
    expect(JSON.stringify(first.items)).not.toContain(hashCredential("s0"));
    expect((await listApiApps(t.db, {}, 1)).total).toBeGreaterThan(26);
  });
});
