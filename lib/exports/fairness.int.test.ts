import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createPool } from "@/db/client";
import { exportTasks } from "@/db/schema";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { exportClientsFor, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { recoverStaleExports } from "./jobs/maintenance";
import type { ExportTaskView } from "./task-view";
import { startExportWorker, type ExportWorker } from "./worker";

/*
 * Tenants take turns on the export worker: a tenant's backlog does not hold back another tenant's
 * export queued after it. The exports are queued first and the worker (one, running one export at
 * a time, as `npm start` does) starts after, so the order is the queue's and not the timing's.
 */

let t: TestDatabase;
let workerPool: ReturnType<typeof createPool>;
let worker: ExportWorker | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  workerPool = createPool(t.url, { max: 4 });
});
afterEach(async () => {
  await worker?.stop();
  worker = undefined;
});
afterAll(async () => {
  await workerPool?.end();
  await t?.close();
});

async function tenantWithChannel() {
  const tenant = await createTestTenant(t.db);
  const channel = await createTestChannel(t.db, tenant.admin, "telegram");
  const start = async () => {
    const response = await exportClientsFor(t.db, tenant.support).routes.create(postExport({ channelIds: [channel.id] }));
    expect(response.status, await response.clone().text()).toBe(202);
    return ((await response.json()) as ExportTaskView).id;
  };
  return { ...tenant, start };
}

async function startAll(count: number, start: () => Promise<string>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push(await start());
  return ids;
}

/** The tasks in the order the worker started them, once every one has succeeded. */
async function startOrder(ids: string[]): Promise<string[]> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const tasks = await t.db.select().from(exportTasks).where(inArray(exportTasks.id, ids));
    if (tasks.every((task) => task.status === "success")) {
      return tasks.sort((x, y) => x.startedAt!.getTime() - y.startedAt!.getTime()).map((task) => task.id);
    }
    if (Date.now() > deadline) throw new Error(`exports still running: ${tasks.map((task) => task.status).join(", ")}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

const priorities = async (ids: string[]) =>
  (
    await t.db.execute<{ key: string; priority: number }>(
      sql`select key, priority from graphile_worker.jobs where key = any(${sql.param(ids.map((id) => `export:${id}`))}::text[])`,
    )
  ).rows
    .sort((x, y) => ids.indexOf(x.key.slice(7)) - ids.indexOf(y.key.slice(7)))
    .map((row) => row.priority);

describe("tenants in turn", () => {
  it("starts another tenant's export, queued after a backlog of ten, before the backlog's second", async () => {
    const a = await tenantWithChannel();
    const b = await tenantWithChannel();
    const backlog = await startAll(10, a.start);
    const [single] = await startAll(1, b.start);

    worker = await startExportWorker({ pool: workerPool, concurrency: 1 });
    const order = await startOrder([...backlog, single!]);
    // Only the backlog's first, queued before it, starts before B's one export; A's other nine wait.
    expect(order.indexOf(single!)).toBe(1);
    expect(order.filter((id) => id !== single)).toEqual(backlog);
  }, 90_000);

  it("keeps a tenant's turn when an interrupted export is retried after its worker died", async () => {
    const c = await tenantWithChannel();
    const d = await tenantWithChannel();
    const backlog = await startAll(3, c.start);
    const [single] = await startAll(1, d.start);
    expect(await priorities(backlog)).toEqual([0, 1, 2]);
    expect(await priorities([single!])).toEqual([0]);

    // C's first export was running on a worker that died: its job locked, its heartbeat long silent.
    await t.db.execute(
      sql`update graphile_worker._private_jobs set locked_by = 'worker-gone', locked_at = now(), attempts = 1 where key = ${`export:${backlog[0]}`}`,
    );
    await t.db
      .update(exportTasks)
      .set({ status: "running", runs: 1, workerId: "worker-gone", startedAt: sql`now() - interval '1 minute'`, heartbeatAt: sql`now() - interval '1 minute'` })
      .where(eq(exportTasks.id, backlog[0]!));
    expect(await recoverStaleExports(t.db, 1_000)).toBe(1);
    expect(await priorities(backlog)).toEqual([0, 1, 2]);

    worker = await startExportWorker({ pool: workerPool, concurrency: 1 });
    const order = await startOrder([...backlog, single!]);
    // The retried export started long ago (its first run); D's comes before C's second and third.
    expect(order.indexOf(single!)).toBeLessThan(order.indexOf(backlog[1]!));
    expect(order.indexOf(backlog[1]!)).toBeLessThan(order.indexOf(backlog[2]!));
    const [retried] = await t.db.select().from(exportTasks).where(eq(exportTasks.id, backlog[0]!));
    expect(retried).toMatchObject({ status: "success", runs: 2 });
  }, 90_000);
});
