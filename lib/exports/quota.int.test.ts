import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportTasks } from "@/db/schema";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { exportClientsFor, insertStoredExport, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { ExportLimits } from "./limits";

/*
 * The fair-use limits at the start of an export (lib/exports/quota.ts), through the route handler
 * people and programs call. No worker runs here: the tasks stay queued, which is all a start counts.
 */

const LIMITS: ExportLimits = { perTenantPerDay: 3, storagePerTenantMb: 1 };
const MiB = 1024 * 1024;

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t?.close());

/** A tenant with one channel to export, and a way for its support user to start an export of it. */
async function tenantWithChannel() {
  const tenant = await createTestTenant(t.db);
  const channel = await createTestChannel(t.db, tenant.admin, "telegram");
  const start = () => exportClientsFor(t.db, tenant.support, LIMITS).routes.create(postExport({ channelIds: [channel.id] }));
  const tasks = () => t.db.select().from(exportTasks).where(eq(exportTasks.tenantId, tenant.tenant.id)).orderBy(exportTasks.createdAt);
  return { ...tenant, start, tasks };
}

const jobsOf = async (taskIds: string[]) =>
  (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs where key = any(${sql.param(taskIds.map((id) => `export:${id}`))}::text[])`))
    .rows[0]!.n;

describe("exports per tenant per 24 hours", () => {
  it("refuses the one past the limit with 429, the limit and when the next is possible; allows it once the oldest is 24 hours old", async () => {
    const c = await tenantWithChannel();
    for (let i = 0; i < 3; i++) expect((await c.start()).status).toBe(202);

    const refused = await c.start();
    expect(refused.status).toBe(429);
    const { error } = await refused.json();
    expect(error).toMatchObject({ code: "exports.errors.tooManyToday", values: { max: 3 } });
    expect(error.message).toContain("Your tenant has started 3 exports in the last 24 hours");
    expect(error.message).toContain(`The next export can be started from ${error.values.next}.`);
    // The tenant's zone (UTC, never set) is named, and the moment is the oldest export's plus 24 hours, to the minute.
    expect(error.values.next).toMatch(/UTC$/);
    const [oldest] = await c.tasks();
    const due = oldest!.createdAt.getTime() + 86_400_000;
    expect(Date.parse(error.values.nextAt) - due).toBeGreaterThanOrEqual(0);
    expect(Date.parse(error.values.nextAt) - due).toBeLessThan(60_000);
    expect(await c.tasks()).toHaveLength(3);

    await t.db.update(exportTasks).set({ createdAt: sql`now() - interval '24 hours 1 second'` }).where(eq(exportTasks.id, oldest!.id));
    expect((await c.start()).status).toBe(202);
    expect((await c.start()).status).toBe(429);
  });

  it("counts failed exports too: the worker's time was spent on them", async () => {
    const c = await tenantWithChannel();
    for (let i = 0; i < 3; i++) expect((await c.start()).status).toBe(202);
    await t.db.update(exportTasks).set({ status: "failed" }).where(eq(exportTasks.tenantId, c.tenant.id));
    expect((await c.start()).status).toBe(429);
  });

  it("holds when many exports are started at the same moment: exactly the limit get through, each with its job", async () => {
    const c = await tenantWithChannel();
    const responses = await Promise.all(Array.from({ length: 8 }, () => c.start()));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([202, 202, 202, 429, 429, 429, 429, 429]);
    const tasks = await c.tasks();
    expect(tasks).toHaveLength(3);
    expect(await jobsOf(tasks.map((task) => task.id))).toBe(3);
  });

  it("is per tenant: another tenant's exports do not count", async () => {
    const c = await tenantWithChannel();
    const d = await tenantWithChannel();
    for (let i = 0; i < 3; i++) expect((await c.start()).status).toBe(202);
    expect((await d.start()).status).toBe(202);
  });
});

describe("export storage per tenant", () => {
  it("refuses a new export when the tenant's unexpired files are at the limit, saying the limit, the use and when room is made", async () => {
    const e = await tenantWithChannel();
    const stored = await insertStoredExport(t.db, e.tenant.id, MiB, 2 * 86_400_000);

    const refused = await e.start();
    expect(refused.status).toBe(429);
    const { error } = await refused.json();
    expect(error).toMatchObject({ code: "exports.errors.storageFull", values: { total: 1, max: 1 } });
    expect(error.message).toContain("Your tenant’s export files take 1 MB, and it may keep at most 1 MB.");
    expect(error.message).toContain(`Files are removed 7 days after their export, the next one at ${error.values.next}`);
    const [file] = await t.db.select().from(exportTasks).where(eq(exportTasks.id, stored));
    expect(Date.parse(error.values.nextAt) - file!.expiresAt!.getTime()).toBeGreaterThanOrEqual(0);
    expect(Date.parse(error.values.nextAt) - file!.expiresAt!.getTime()).toBeLessThan(60_000);

    // Files past their expiry no longer count, even before the hourly job has removed them.
    await t.db.update(exportTasks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(exportTasks.id, stored));
    expect((await e.start()).status).toBe(202);
  });

  it("allows a new export while the tenant is below the limit", async () => {
    const f = await tenantWithChannel();
    await insertStoredExport(t.db, f.tenant.id, MiB - 1);
    expect((await f.start()).status).toBe(202);
  });

  it("says the limit in the reader's language and the tenant's time zone", async () => {
    const g = await createTestTenant(t.db);
    const channel = await createTestChannel(t.db, g.admin, "telegram");
    await t.db.execute(sql`insert into service_time_settings (tenant_id, time_zone) values (${g.tenant.id}, 'Europe/Berlin')`);
    await insertStoredExport(t.db, g.tenant.id, 3 * MiB);
    const response = await exportClientsFor(t.db, g.support, LIMITS).routes.create(postExport({ channelIds: [channel.id], locale: "de" }));
    const { error } = await response.json();
    expect(error.values).toMatchObject({ total: 3, max: 1 });
    expect(error.values.next).toMatch(/MEZ|MESZ/);
  });
});
