import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { PAGE_SIZE } from "@/db/paging";
import {
  getServiceTimeSettings,
  getWorkCalendar,
  insertNonWorkingDay,
  listNonWorkingDays,
  listNonWorkingDaysBetween,
  upsertServiceTimeSettings,
} from "./service-time";

let t: TestDatabase;
let a: { tenantId: string };
let b: { tenantId: string };

const day = (startDate: string, endDate: string, label: string) => ({ startDate, endDate, label });

beforeAll(async () => {
  t = await createTestDatabase();
  const [tenantA, tenantB] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  a = { tenantId: tenantA.tenant.id };
  b = { tenantId: tenantB.tenant.id };
  for (const d of [day("2026-12-24", "2026-12-26", "Christmas"), day("2026-05-01", "2026-05-01", "Labour Day"), day("2027-01-01", "2027-01-01", "New Year")]) {
    await insertNonWorkingDay(t.db, a, d);
  }
  await insertNonWorkingDay(t.db, b, day("2026-12-25", "2026-12-25", "B's Christmas"));
});
afterAll(() => t.close());

describe("service time settings", () => {
  it("defaults to UTC until saved, then upserts", async () => {
    const { tenant } = await createTestTenant(t.db);
    expect(await getServiceTimeSettings(t.db, { tenantId: tenant.id })).toEqual({ timeZone: "UTC", updatedAt: null });
    await upsertServiceTimeSettings(t.db, { tenantId: tenant.id }, { timeZone: "Europe/Berlin" });
    const saved = await upsertServiceTimeSettings(t.db, { tenantId: tenant.id }, { timeZone: "Asia/Tokyo" });
    expect(saved.timeZone).toBe("Asia/Tokyo");
    expect(await getServiceTimeSettings(t.db, { tenantId: tenant.id })).toMatchObject({ timeZone: "Asia/Tokyo", updatedAt: expect.any(Date) });
  });

  it("refuses an end before the start in the database too", async () => {
    await expect(insertNonWorkingDay(t.db, a, day("2026-02-02", "2026-02-01", "Backwards"))).rejects.toThrow();
  });
});

describe("non-working days", () => {
  it("lists only the tenant's days, latest first", async () => {
    const page = await listNonWorkingDays(t.db, a, 1);
    expect(page.items.map((d) => d.label)).toEqual(["New Year", "Christmas", "Labour Day"]);
    expect(page.total).toBe(3);
  });

  it("pages through many days", async () => {
    const { tenant } = await createTestTenant(t.db);
    const scope = { tenantId: tenant.id };
    for (let i = 0; i < PAGE_SIZE + 2; i++) {
      await insertNonWorkingDay(t.db, scope, day(`2026-03-${String(i + 1).padStart(2, "0")}`, `2026-03-${String(i + 1).padStart(2, "0")}`, `Day ${i}`));
    }
    const second = await listNonWorkingDays(t.db, scope, 2);
    expect(second).toMatchObject({ total: PAGE_SIZE + 2, pageCount: 2, page: 2 });
    expect(second.items.map((d) => d.startDate)).toEqual(["2026-03-02", "2026-03-01"]);
  });

  it("finds the days that touch a window, including ranges that start before it", async () => {
    const december = await listNonWorkingDaysBetween(t.db, a, { from: "2026-12-25", to: "2026-12-31" });
    expect(december.map((d) => d.label)).toEqual(["Christmas"]);
    const grid = await listNonWorkingDaysBetween(t.db, a, { from: "2026-11-30", to: "2027-01-03" });
    expect(grid.map((d) => d.label)).toEqual(["Christmas", "New Year"]);
    expect(await listNonWorkingDaysBetween(t.db, a, { from: "2026-12-27", to: "2026-12-31" })).toEqual([]);
  });

  it("gives isWithinWorkTime the tenant's calendar", async () => {
    await upsertServiceTimeSettings(t.db, a, { timeZone: "Europe/Berlin" });
    expect(await getWorkCalendar(t.db, a)).toEqual({
      timeZone: "Europe/Berlin",
      nonWorkingDays: [
        { startDate: "2026-05-01", endDate: "2026-05-01" },
        { startDate: "2026-12-24", endDate: "2026-12-26" },
        { startDate: "2027-01-01", endDate: "2027-01-01" },
      ],
    });
    expect(await getWorkCalendar(t.db, b)).toEqual({ timeZone: "UTC", nonWorkingDays: [{ startDate: "2026-12-25", endDate: "2026-12-25" }] });
    expect((await getWorkCalendar(t.db, a, { from: "2026-12-26", to: "2026-12-28" })).nonWorkingDays).toEqual([
      { startDate: "2026-12-24", endDate: "2026-12-26" },
    ]);
  });
});
