import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createPool } from "@/db/client";
import { findExportTask } from "@/db/queries/export-tasks";
import { exportFileChunks, exportTasks } from "@/db/schema";
import { exportClientsFor, postExport } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { seedBulkChannels } from "@/testing/seed/bulk";
import { SINK_CHUNK_BYTES } from "./archive";
import type { ExportLimits } from "./limits";
import type { ExportTaskView } from "./task-view";
import { startExportWorker, type ExportWorker } from "./worker";

/*
 * The storage limit while a run writes its file, with a real worker: a file that would take the
 * tenant past its limit fails the task with a reason and leaves nothing behind, and the run stops
 * writing at the chunk that would cross the limit instead of writing the whole file first.
 */

const MiB = 1024 * 1024;
const LIMITS: ExportLimits = { perTenantPerDay: 50, storagePerTenantMb: 1 };

let t: TestDatabase;
let worker: ExportWorker;
let workerPool: ReturnType<typeof createPool>;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTestTenant(t.db);
  // 4,500 channels are a zip of three xlsx files, a little over half a MB: two fit in 1 MB, three do not.
  await seedBulkChannels(t.db, tenant.tenant.id, 4_500);
  await countChunkInserts();
  workerPool = createPool(t.url, { max: 4 });
  worker = await startExportWorker({ pool: workerPool, limits: LIMITS });
}, 120_000);

afterAll(async () => {
  await worker?.stop();
  await workerPool?.end();
  await t?.close();
});

async function exportAll() {
  const response = await exportClientsFor(t.db, tenant.support, LIMITS).routes.create(postExport({}));
  expect(response.status, await response.clone().text()).toBe(202);
  const { id } = (await response.json()) as ExportTaskView;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const task = await findExportTask(t.db, { tenantId: tenant.tenant.id }, id);
    if (task?.status === "success" || task?.status === "failed") return task;
    if (Date.now() > deadline) throw new Error(`export ${id} still ${task?.status}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/**
 * Rows ever inserted into export_file_chunks, rolled back or not: a sequence is the one thing a
 * rollback does not undo, so a trigger of this test's database counts each insert on one.
 */
async function countChunkInserts(): Promise<void> {
  await t.db.execute(sql`create sequence test_chunk_inserts`);
  await t.db.execute(sql`create function test_count_chunk_insert() returns trigger language plpgsql
                         as $$ begin perform nextval('test_chunk_inserts'); return new; end $$`);
  await t.db.execute(sql`create trigger test_count_chunk_insert before insert on export_file_chunks
                         for each row execute function test_count_chunk_insert()`);
}
async function chunkRowsInserted(): Promise<number> {
  const { rows } = await t.db.execute<{ n: number }>(
    sql`select case when is_called then last_value else 0 end::int as n from test_chunk_inserts`,
  );
  return rows[0]!.n;
}

const chunksOf = (taskId: string) => t.db.select({ seq: exportFileChunks.seq }).from(exportFileChunks).where(eq(exportFileChunks.taskId, taskId));

describe("a run whose file would take the tenant past its storage limit", () => {
  it("fails with the storage reason, keeps no byte of it, and stops writing at the chunk that would cross the limit", async () => {
    const first = await exportAll();
    expect(first.status).toBe("success");
    const fileBytes = first.byteSize!;
    const fileChunks = Math.ceil(fileBytes / SINK_CHUNK_BYTES);
    const room = MiB - fileBytes;
    // Preconditions of this test: a second file does not fit, but at least a chunk of it does.
    expect(fileBytes).toBeLessThan(MiB);
    expect(room).toBeLessThan(fileBytes);
    expect(room).toBeGreaterThanOrEqual(SINK_CHUNK_BYTES);

    const before = await chunkRowsInserted();
    const second = await exportAll();
    expect(second).toMatchObject({ status: "failed", errorCode: "exports.errors.storageFullRun", runs: 1, byteSize: null, fileName: null });
    expect(await chunksOf(second.id)).toHaveLength(0);
    const written = (await chunkRowsInserted()) - before;
    // Every chunk that fits, and not one more: nothing is written past the limit, even uncommitted.
    expect(written).toBe(Math.floor(room / SINK_CHUNK_BYTES));
    expect(written).toBeLessThan(fileChunks);
    // The first file is untouched, and not retried.
    expect(await chunksOf(first.id)).toHaveLength(fileChunks);
    // The task reads "failed" as soon as the run says so; the queue removes the finished job a moment later.
    await vi.waitFor(
      async () => {
        const [job] = (await t.db.execute<{ n: number }>(sql`select count(*)::int as n from graphile_worker.jobs where key = ${`export:${second.id}`}`)).rows;
        expect(job!.n).toBe(0);
      },
      { timeout: 10_000, interval: 50 },
    );
  }, 120_000);

  it("succeeds again once the earlier files have expired", async () => {
    await t.db.update(exportTasks).set({ expiresAt: sql`now() - interval '1 second'` }).where(eq(exportTasks.status, "success"));
    const again = await exportAll();
    expect(again.status).toBe("success");
    expect(await chunksOf(again.id)).toHaveLength(Math.ceil(again.byteSize! / SINK_CHUNK_BYTES));
  }, 120_000);
});
