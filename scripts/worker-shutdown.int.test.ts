import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findExportTask } from "@/db/queries/export-tasks";
import type { ExportTaskView } from "@/lib/exports/task-view";
import { exportClientsFor, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { startWorkerProcess, type WorkerProcess } from "@/testing/outbound-send/worker-process";
import { seedBulkChannels } from "@/testing/seed/bulk";

/*
 * Issue 18, item 3: `npm run worker` given SIGTERM in the middle of an export. With time to spare
 * it finishes the export, then exits; past SHUTDOWN_TIMEOUT_MS it exits anyway, and the export goes
 * back to the queue for the next worker (EXPORT_STALE_AFTER_MS), which completes it.
 */

// Enough rows that an export outlasts a 1 s shutdown deadline even on a quiet machine (20,000 took under a second).
const CHANNELS = 100_000;
let t: TestDatabase;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
const workers: WorkerProcess[] = [];
/** What every worker printed, for a failing test's message. */
const output = () => workers.map((worker) => worker.output()).join("\n");

beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTestTenant(t.db);
  await seedBulkChannels(t.db, tenant.tenant.id, CHANNELS);
}, 180_000);

afterAll(async () => {
  await Promise.all(workers.map((worker) => worker.kill("SIGKILL")));
  await t?.close();
});

const startWorker = async (env: Record<string, string> = {}): Promise<WorkerProcess> => {
  const worker = await startWorkerProcess(t.url, { EXPORT_STALE_AFTER_MS: "1500", ...env }, "export");
  workers.push(worker);
  return worker;
};

async function createExport(): Promise<string> {
  const response = await exportClientsFor(t.db, tenant.support).routes.create(postExport({ format: "xlsx" }));
  expect(response.status).toBe(202);
  return ((await response.json()) as ExportTaskView).id;
}

const task = async (id: string) => (await findExportTask(t.db, { tenantId: tenant.tenant.id }, id))!;

/** Resolves once the export has written its first file of ten: well under way, far from done. */
async function underWay(id: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const current = await task(id);
    expect(current.status, "the export finished before the worker could be stopped").not.toBe("success");
    if (current.status === "running" && current.processedRows >= 2_000) return;
    if (Date.now() > deadline) throw new Error(`no progress: ${current.status} ${current.processedRows}\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

async function eventually(id: string, status: string, ms: number) {
  const deadline = Date.now() + ms;
  let current = await task(id);
  while (current.status !== status && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    current = await task(id);
  }
  return current;
}

describe("a worker given SIGTERM mid-export", () => {
  it("finishes the running export, then exits 0", async () => {
    const id = await createExport();
    // Time to spare, whatever the machine's load: the export must be let finish, not cut off.
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: "120000" });
    await underWay(id);
    worker.child.kill("SIGTERM");
    expect(await worker.exited, output()).toBe(0);
    const after = await task(id);
    expect(after.status, "finished before the process exited").toBe("success");
    expect(after.runs).toBe(1);
    expect(after.processedRows).toBe(CHANNELS);
  }, 240_000);

  it("past SHUTDOWN_TIMEOUT_MS exits anyway, and the next worker takes the export back and completes it", async () => {
    const id = await createExport();
    const worker = await startWorker({ SHUTDOWN_TIMEOUT_MS: "1000" });
    await underWay(id);
    const stoppedAt = Date.now();
    worker.child.kill("SIGTERM");
    expect(await worker.exited, output()).toBe(0);
    expect(Date.now() - stoppedAt, "bounded by the deadline (plus the process's own exit)").toBeLessThan(5_000);
    expect((await task(id)).status, "cut off, not finished").toBe("running");

    await startWorker();
    const done = await eventually(id, "success", 120_000);
    expect(done.status, output()).toBe("success");
    expect(done.runs).toBe(2);
    expect(done.processedRows).toBe(CHANNELS);
  }, 240_000);
});
