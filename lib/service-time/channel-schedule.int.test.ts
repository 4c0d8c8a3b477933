import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertNonWorkingDay, upsertServiceTimeSettings } from "@/db/queries/service-time";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { loadChannelSchedule, loadChannelScheduleById, loadScheduleCalendar } from "./channel-schedule";

let t: TestDatabase;
let a: { tenantId: string };
let b: { tenantId: string };
let channelId: string;
// Monday 2026-12-07, 18:00 in Berlin.
const now = new Date("2026-12-07T17:00:00Z");
const workTime = { workday: [{ start: "09:00", end: "17:00" }], nonWorkday: [{ start: "10:00", end: "12:00" }] };

beforeAll(async () => {
  t = await createTestDatabase();
  const [tenantA, tenantB] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  a = { tenantId: tenantA.tenant.id };
  b = { tenantId: tenantB.tenant.id };
  await upsertServiceTimeSettings(t.db, a, { timeZone: "Europe/Berlin" });
  await upsertServiceTimeSettings(t.db, b, { timeZone: "Asia/Tokyo" });
  // A range that began before the window and ends tomorrow; one far past the look-ahead.
  await insertNonWorkingDay(t.db, a, { startDate: "2026-11-20", endDate: "2026-12-08", label: "Long" });
  await insertNonWorkingDay(t.db, a, { startDate: "2029-01-01", endDate: "2029-01-01", label: "Far" });
  // B's days fall on A's working days: they must never close A's channel.
  await insertNonWorkingDay(t.db, b, { startDate: "2026-12-09", endDate: "2026-12-11", label: "B only" });
  const channel = await createTestChannel(t.db, tenantA.admin, "telegram", { basic: { workTime } });
  channelId = channel.id;
});
afterAll(() => t.close());

describe("loadChannelSchedule", () => {
  it("lays the channel's hours on its own tenant's zone and non-working days", async () => {
    const view = await loadChannelSchedule(t.db, a, workTime, now);
    expect(view.timeZone).toBe("Europe/Berlin");
    // Monday and Tuesday are non-working (10:00–12:00 Berlin); Wednesday is B's holiday, not A's.
    expect(view.status).toEqual({ open: false, since: "2026-12-07T11:00:00.000Z", opensAt: "2026-12-08T09:00:00.000Z" });
    expect(view.week.map((day) => [day.date, day.nonWorking])).toEqual([
      ["2026-12-07", true],
      ["2026-12-08", true],
      ["2026-12-09", false],
      ["2026-12-10", false],
      ["2026-12-11", false],
      ["2026-12-12", false],
      ["2026-12-13", false],
    ]);
    expect(view.week[2]!.hours).toEqual([{ start: "09:00", end: "17:00" }]);
  });

  it("reads only the days the schedule can reach, and only the tenant's", async () => {
    const calendar = await loadScheduleCalendar(t.db, a, now);
    expect(calendar).toEqual({ timeZone: "Europe/Berlin", nonWorkingDays: [{ startDate: "2026-11-20", endDate: "2026-12-08" }] });
    expect((await loadScheduleCalendar(t.db, b, now)).nonWorkingDays).toEqual([{ startDate: "2026-12-09", endDate: "2026-12-11" }]);
  });

  it("loads by channel id within the tenant; another tenant's id reads as missing", async () => {
    const view = await loadChannelScheduleById(t.db, a, channelId, now);
    expect(view?.status).toEqual({ open: false, since: "2026-12-07T11:00:00.000Z", opensAt: "2026-12-08T09:00:00.000Z" });
    expect(await loadChannelScheduleById(t.db, b, channelId, now)).toBeNull();
  });
});
