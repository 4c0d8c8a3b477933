import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, nonWorkingDays, serviceTimeSettings } from "@/db/schema";
import { getServiceTimeSettings, insertNonWorkingDay } from "@/db/queries/service-time";
import { createTestTenant, createTestUser } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { serviceTimeActions } from "./actions";

let t: TestDatabase;
let tenantA: Awaited<ReturnType<typeof createTestTenant>>;
let tenantB: Awaited<ReturnType<typeof createTestTenant>>;
let sysadmin: CurrentUser;

/** The app's action definitions, run as whichever user a test chooses. */
const as = (user: CurrentUser | null) => serviceTimeActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));

const auditFor = (targetId: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(asc(auditLog.id));
const daysOf = (tenantId: string) => t.db.select().from(nonWorkingDays).where(eq(nonWorkingDays.tenantId, tenantId));

beforeAll(async () => {
  t = await createTestDatabase();
  [tenantA, tenantB] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
});
afterAll(() => t.close());

describe("who may change service time", () => {
  it("refuses a signed-out caller", async () => {
    expect(await as(null).updateTimeZone({ timeZone: "Europe/Berlin" })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("refuses support staff and system administrators, changing nothing", async () => {
    for (const user of [tenantA.support, sysadmin]) {
      expect(await as(user).updateTimeZone({ timeZone: "Europe/Berlin" })).toEqual({ ok: false, error: "forbidden" });
      expect(await as(user).addNonWorkingDay({ startDate: "2026-05-01", label: "Labour Day" })).toEqual({
        ok: false,
        error: "forbidden",
      });
    }
    const day = await insertNonWorkingDay(t.db, { tenantId: tenantA.tenant.id }, { startDate: "2026-01-01", endDate: "2026-01-01", label: "Kept" });
    expect(await as(tenantA.support).deleteNonWorkingDay({ id: day.id })).toEqual({ ok: false, error: "forbidden" });
    expect(await getServiceTimeSettings(t.db, { tenantId: tenantA.tenant.id })).toEqual({ timeZone: "UTC", updatedAt: null });
    expect((await daysOf(tenantA.tenant.id)).map((d) => d.label)).toEqual(["Kept"]);
    expect(await auditFor(tenantA.tenant.id)).toEqual([]);
  });
});

describe("updateTimeZone", () => {
  it("stores the zone for the caller's tenant only and records before and after", async () => {
    const { tenant, admin } = await createTestTenant(t.db);
    expect(await as(admin).updateTimeZone({ timeZone: "Europe/Berlin" })).toEqual({ ok: true, data: { changed: true } });
    expect(await as(admin).updateTimeZone({ timeZone: "America/New_York" })).toEqual({ ok: true, data: { changed: true } });
    expect((await getServiceTimeSettings(t.db, { tenantId: tenant.id })).timeZone).toBe("America/New_York");
    expect((await getServiceTimeSettings(t.db, { tenantId: tenantB.tenant.id })).timeZone).toBe("UTC");
    const entries = await auditFor(tenant.id);
    expect(entries.map((e) => [e.action, e.actorUserId, e.tenantId, e.before, e.after])).toEqual([
      ["serviceTime.updateTimeZone", admin.id, tenant.id, { timeZone: "UTC" }, { timeZone: "Europe/Berlin" }],
      ["serviceTime.updateTimeZone", admin.id, tenant.id, { timeZone: "Europe/Berlin" }, { timeZone: "America/New_York" }],
    ]);
  });

  it("records nothing when the zone does not change", async () => {
    const { tenant, admin } = await createTestTenant(t.db);
    expect(await as(admin).updateTimeZone({ timeZone: "UTC" })).toEqual({ ok: true, data: { changed: false } });
    await as(admin).updateTimeZone({ timeZone: "Asia/Tokyo" });
    expect(await as(admin).updateTimeZone({ timeZone: "Asia/Tokyo" })).toEqual({ ok: true, data: { changed: false } });
    expect(await auditFor(tenant.id)).toHaveLength(1);
  });

  it.each([{ timeZone: "Mars/Olympus_Mons" }, { timeZone: "europe/berlin" }, { timeZone: "" }, {}, { timeZone: 42 }])(
    "refuses %j next to the field",
    async (input) => {
      expect(await as(tenantA.admin).updateTimeZone(input)).toEqual({
        ok: false,
        error: "validation",
        fieldErrors: { timeZone: ["serviceTime.validation.timeZoneInvalid"] },
      });
    },
  );

  it("ignores a tenant id smuggled into the input", async () => {
    const result = await as(tenantA.admin).updateTimeZone({ timeZone: "Asia/Tokyo", tenantId: tenantB.tenant.id });
    expect(result).toMatchObject({ ok: true });
    expect((await getServiceTimeSettings(t.db, { tenantId: tenantB.tenant.id })).timeZone).toBe("UTC");
    const [row] = await t.db.select().from(serviceTimeSettings).where(eq(serviceTimeSettings.tenantId, tenantA.tenant.id));
    expect(row?.timeZone).toBe("Asia/Tokyo");
  });
});

describe("addNonWorkingDay", () => {
  it("adds a single day and a range, and records each", async () => {
    const { tenant, admin } = await createTestTenant(t.db);
    const single = await as(admin).addNonWorkingDay({ startDate: "2026-05-01", endDate: "", label: " Labour Day " });
    const range = await as(admin).addNonWorkingDay({ startDate: "2026-12-24", endDate: "2026-12-26", label: "Christmas" });
    expect(single.ok && range.ok).toBe(true);
    const rows = await daysOf(tenant.id);
    expect(rows.map((r) => [r.startDate, r.endDate, r.label]).sort()).toEqual([
      ["2026-05-01", "2026-05-01", "Labour Day"],
      ["2026-12-24", "2026-12-26", "Christmas"],
    ]);
    const id = single.ok ? single.data.id : "";
    expect(await auditFor(id)).toMatchObject([
      {
        tenantId: tenant.id,
        actorUserId: admin.id,
        action: "serviceTime.addNonWorkingDay",
        targetType: "nonWorkingDay",
        before: null,
        after: { startDate: "2026-05-01", endDate: "2026-05-01", label: "Labour Day" },
      },
    ]);
  });

  it.each([
    [{ startDate: "2026-12-26", endDate: "2026-12-24", label: "Backwards" }, { endDate: ["serviceTime.validation.endBeforeStart"] }],
    [{ startDate: "2026-01-01", endDate: "2027-01-02", label: "Too long" }, { endDate: ["serviceTime.validation.rangeTooLong"] }],
    [{ startDate: "2026-02-30", label: "No such day" }, { startDate: ["serviceTime.validation.dateInvalid"] }],
    [{ startDate: "2026-05-01", label: "" }, { label: ["serviceTime.validation.labelRequired"] }],
    [{ startDate: "2026-05-01", label: "x".repeat(101) }, { label: ["serviceTime.validation.labelTooLong"] }],
    [{}, { startDate: ["serviceTime.validation.dateRequired"], label: ["serviceTime.validation.labelRequired"] }],
  ])("refuses %j, storing nothing", async (input, fieldErrors) => {
    const { tenant, admin } = await createTestTenant(t.db);
    expect(await as(admin).addNonWorkingDay(input)).toEqual({ ok: false, error: "validation", fieldErrors });
    expect(await daysOf(tenant.id)).toEqual([]);
  });

  it("adds to the caller's tenant even when the input names another", async () => {
    const { tenant, admin } = await createTestTenant(t.db);
    await as(admin).addNonWorkingDay({ startDate: "2026-08-15", label: "Assumption", tenantId: tenantB.tenant.id });
    expect(await daysOf(tenant.id)).toHaveLength(1);
    expect((await daysOf(tenantB.tenant.id)).some((d) => d.label === "Assumption")).toBe(false);
  });
});

describe("deleteNonWorkingDay", () => {
  it("deletes the tenant's own day and records what it was", async () => {
    const { tenant, admin } = await createTestTenant(t.db);
    const created = await as(admin).addNonWorkingDay({ startDate: "2026-10-03", label: "Unity Day" });
    const id = created.ok ? created.data.id : "";
    expect(await as(admin).deleteNonWorkingDay({ id })).toEqual({ ok: true, data: undefined });
    expect(await daysOf(tenant.id)).toEqual([]);
    const entries = await auditFor(id);
    expect(entries.map((e) => [e.action, e.before, e.after])).toEqual([
      ["serviceTime.addNonWorkingDay", null, { startDate: "2026-10-03", endDate: "2026-10-03", label: "Unity Day" }],
      ["serviceTime.deleteNonWorkingDay", { startDate: "2026-10-03", endDate: "2026-10-03", label: "Unity Day" }, null],
    ]);
    // Deleting it again: gone.
    expect(await as(admin).deleteNonWorkingDay({ id })).toEqual({ ok: false, error: "serviceTime.errors.nonWorkingDayNotFound" });
  });

  it("answers another tenant's id exactly like a missing one, and changes nothing", async () => {
    const foreign = await insertNonWorkingDay(t.db, { tenantId: tenantB.tenant.id }, {
      startDate: "2026-07-04",
      endDate: "2026-07-04",
      label: "Independence Day",
    });
    const missing = await as(tenantA.admin).deleteNonWorkingDay({ id: "00000000-0000-4000-8000-000000000000" });
    const crossTenant = await as(tenantA.admin).deleteNonWorkingDay({ id: foreign.id });
    expect(crossTenant).toEqual({ ok: false, error: "serviceTime.errors.nonWorkingDayNotFound" });
    expect(crossTenant).toEqual(missing);
    const [still] = await t.db
      .select()
      .from(nonWorkingDays)
      .where(and(eq(nonWorkingDays.id, foreign.id), eq(nonWorkingDays.tenantId, tenantB.tenant.id)));
    expect(still?.label).toBe("Independence Day");
    expect(await auditFor(foreign.id)).toEqual([]);
  });

  it("refuses a malformed id next to the field", async () => {
    expect(await as(tenantA.admin).deleteNonWorkingDay({ id: "1 or 1=1" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { id: ["invalidId"] },
    });
  });
});
