import net from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findExportTask } from "@/db/queries/export-tasks";
import type { ExportTaskView } from "@/lib/exports/task-view";
import { exportClientsFor, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { startWorkerProcess, type WorkerProcess } from "@/testing/outbound-send/worker-process";
import { seedBulkChannels } from "@/testing/seed/bulk";

/*
 * Issue 18, item 5: a separate `npm run worker` has no web server, so with WORKER_METRICS_PORT it
 * serves its own metrics. An export it runs must show in its scrape, to the token's bearer only.
 */

const TOKEN = "worker-metrics-test-token";
let t: TestDatabase;
let worker: WorkerProcess | undefined;
let port: number;

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function scrape(token = TOKEN): Promise<Response> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await fetch(`http://127.0.0.1:${port}/metrics`, { headers: { Authorization: `Bearer ${token}` } });
    } catch (error) {
      // The listener opens just after the worker says it runs.
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

beforeAll(async () => {
  t = await createTestDatabase();
  port = await freePort();
}, 120_000);

afterAll(async () => {
  await worker?.kill("SIGKILL");
  await t?.close();
});

describe("npm run worker with WORKER_METRICS_PORT", () => {
  it("serves the export it ran in its own scrape, and refuses another token", async () => {
    const { tenant, support } = await createTestTenant(t.db);
    await seedBulkChannels(t.db, tenant.id, 50);
    worker = await startWorkerProcess(t.url, { WORKER_METRICS_PORT: String(port), METRICS_TOKEN: TOKEN }, "export");

    const before = await scrape();
    expect(before.status, worker.output()).toBe(200);
    expect(await before.text()).not.toMatch(/console_export_duration_seconds_count\{outcome="success"\} [1-9]/);

    const created = await exportClientsFor(t.db, support).routes.create(postExport({ format: "csv" }));
    expect(created.status).toBe(202);
    const id = ((await created.json()) as ExportTaskView).id;
    const deadline = Date.now() + 60_000;
    while ((await findExportTask(t.db, { tenantId: tenant.id }, id))?.status !== "success") {
      if (Date.now() > deadline) throw new Error(`export did not finish\n${worker.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }

    const after = await (await scrape()).text();
    expect(after).toMatch(/console_export_duration_seconds_count\{outcome="success"\} 1\b/);
    expect(after).toMatch(/console_job_duration_seconds_count\{task="export-channels",outcome="success"\} 1\b/);
    expect(after).toMatch(/console_db_pool_connections\{pool="exports",state="total"\} \d+/);
    // The queue depth is the console instances' to report: counted here too it would double in a sum.
    expect(after).not.toContain("console_queue_jobs");

    const refused = await scrape("another-token");
    expect(refused.status).toBe(401);
    expect(await refused.text()).not.toContain("console_export");
  }, 180_000);
});
