import { spawn, type ChildProcess } from "node:child_process";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findExportTask } from "@/db/queries/export-tasks";
import { exportFileChunks, exportTasks } from "@/db/schema";
import { exportClientsFor, exportRequest, exportTaskContext, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { seedBulkChannels } from "@/testing/seed/bulk";
import type { ExportTaskView } from "./task-view";
import { readXlsxRows, unzipEntries } from "@/testing/export-files";

/*
 * `npm run worker` killed with SIGKILL in the middle of an export: the task is retried by the next
 * worker and completes, and at no moment was a partial file downloadable.
 */

const CHANNELS = 20_000;
let t: TestDatabase;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
const workers: ChildProcess[] = [];
/** What the workers printed, for the failure message when one misbehaves. */
let workerOutput = "";

beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTestTenant(t.db);
  await seedBulkChannels(t.db, tenant.tenant.id, CHANNELS);
}, 180_000);

afterAll(async () => {
  for (const child of workers) if (child.exitCode === null) child.kill("SIGKILL");
  await t?.close();
});

/** The worker as `npm run worker` runs it, in one process (no tsx launcher in between to kill instead). */
function startWorker(): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    env: { ...process.env, DATABASE_URL: t.url, EXPORT_STALE_AFTER_MS: "1500" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  workers.push(child);
  let output = "";
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      workerOutput += chunk.toString();
      if (output.includes("export worker running")) resolve(child);
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.on("exit", (code) => reject(new Error(`worker exited (${code}) before it was ready: ${output}`)));
    setTimeout(() => reject(new Error(`worker not ready after 60 s: ${output}`)), 60_000).unref();
  });
}

async function downloadStatus(taskId: string): Promise<number> {
  const response = await exportClientsFor(t.db, tenant.support).routes.download(exportRequest(`/api/exports/${taskId}/download`), exportTaskContext(taskId));
  await response.body?.cancel();
  return response.status;
}

const chunkCount = async (taskId: string) =>
  (await t.db.select({ n: sql<number>`count(*)::int` }).from(exportFileChunks).where(eq(exportFileChunks.taskId, taskId)))[0]!.n;

describe("a worker killed mid-export", () => {
  it("leaves nothing downloadable, and the next worker retries the task to success", async () => {
    const response = await exportClientsFor(t.db, tenant.support).routes.create(postExport({ format: "xlsx" }));
    expect(response.status).toBe(202);
    const { id } = (await response.json()) as ExportTaskView;

    const first = await startWorker();
    // Kill it once at least one file of ten is written, before the last one is.
    const observed: number[] = [];
    const killBy = Date.now() + 120_000;
    for (;;) {
      const task = (await findExportTask(t.db, { tenantId: tenant.tenant.id }, id))!;
      if (Date.now() > killBy) throw new Error(`no progress to kill at: ${task.status} ${task.processedRows}/${task.totalRows}\n${workerOutput}`);
      expect(task.status, "the export finished before the worker could be killed").not.toBe("success");
      if (task.status === "running" && task.processedRows >= 2_000) {
        first.kill("SIGKILL");
        observed.push(task.processedRows);
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    if (first.exitCode === null && first.signalCode === null) await new Promise((resolve) => first.once("exit", resolve));
    expect(first.signalCode, `the first worker was killed, not ended by itself:\n${workerOutput}`).toBe("SIGKILL");
    expect(observed[0]).toBeLessThan(CHANNELS);

    const afterKill = (await findExportTask(t.db, { tenantId: tenant.tenant.id }, id))!;
    expect(afterKill.status).toBe("running");
    expect(afterKill.runs).toBe(1);
    expect(await chunkCount(id)).toBe(0); // the file's transaction died with the process
    expect(await downloadStatus(id)).toBe(409);

    await startWorker();
    const deadline = Date.now() + 120_000;
    let task = afterKill;
    while (task.status !== "success") {
      expect(task.status).not.toBe("failed");
      expect(await downloadStatus(id)).toBe(409);
      if (Date.now() > deadline) throw new Error(`not retried to success: ${task.status} ${task.processedRows}/${task.totalRows}\n${workerOutput}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      task = (await findExportTask(t.db, { tenantId: tenant.tenant.id }, id))!;
    }
    expect(task.runs).toBe(2);
    expect(task.totalRows).toBe(CHANNELS);

    const download = await exportClientsFor(t.db, tenant.support).routes.download(exportRequest(`/api/exports/${id}/download`), exportTaskContext(id));
    expect(download.status).toBe(200);
    const entries = [...(await unzipEntries(Buffer.from(await download.arrayBuffer()))).values()];
    expect(entries).toHaveLength(CHANNELS / 2_000);
    const names = new Set<string>();
    for (const entry of entries) {
      const rows = await readXlsxRows(entry.data);
      expect(rows).toHaveLength(2_001);
      for (const row of rows.slice(1)) names.add(row[0]!);
    }
    expect(names.size).toBe(CHANNELS);
    const [row] = await t.db.select({ runs: exportTasks.runs }).from(exportTasks).where(eq(exportTasks.id, id));
    expect(row!.runs).toBe(2);
  }, 300_000);
});
