import { drizzle } from "drizzle-orm/node-postgres";
import type pg from "pg";
import type { Db } from "@/db/client";
import { openExportSnapshot } from "@/db/queries/channel-export";
import {
  appendExportChunk,
  completeExportRun,
  failExportRun,
  recordExportProgress,
  requeueExportRun,
  startExportRun,
  type RunRef,
} from "@/db/queries/export-tasks";
import { storedExportBytes } from "@/db/queries/export-quota";
import { getServiceTimeSettings } from "@/db/queries/service-time";
import * as schema from "@/db/schema";
import { isLocale, DEFAULT_LOCALE } from "@/lib/i18n/locales";
import { ouPathLabel } from "@/lib/ous/tree";
import { writeExportArchive } from "../archive";
import { loadExportLabels } from "../labels";
import { EXPORT_MAX_ROWS, EXPORT_ROWS_PER_FILE } from "../record";
import { confirmStorageRoom, STORAGE_FULL_REASON, StorageLimitReached, storageGuardedSink } from "../storage-guard";
import { moduleLog } from "@/lib/log/logger";

/*
 * One run of an export task. The rows come from one snapshot; the file goes into
 * export_file_chunks inside ONE transaction that also marks the task "success", so a run that
 * dies anywhere (an error, SIGKILL, a lost connection) leaves no byte of its file behind and the
 * task is never downloadable half-written. Progress and the heartbeat are committed separately,
 * as they happen, for the list to show. A file that would take the tenant past its export
 * storage limit is refused as it is written (storage-guard.ts), and the task fails with that reason.
 */

export const HEARTBEAT_INTERVAL_MS = 2_000;

export interface ExportRunDeps {
  pool: pg.Pool;
  db: Db;
  /** How often a running export shows it is alive; well below the workers' stale threshold. */
  heartbeatMs?: number;
  /** Bytes of unexpired export files a tenant may keep (EXPORT_STORAGE_PER_TENANT_MB). */
  storageLimitBytes: number;
}

export interface ExportJobContext {
  workerId: string;
  /** graphile-worker's count, including this attempt. */
  attempt: number;
  maxAttempts: number;
}

/**
 * The run was given up on (recovery took its worker for dead) and the task is another run's now.
 * It is thrown to graphile-worker, not swallowed: failing a job is a no-op once another worker
 * holds it (or nobody does), whereas completing it would delete the retry's job.
 */
export class SupersededRun extends Error {
  constructor() {
    super("this export run was superseded by a newer one");
    this.name = "SupersededRun";
  }
}

export async function runExportTask(deps: ExportRunDeps, taskId: string, job: ExportJobContext): Promise<void> {
  const task = await startExportRun(deps.db, taskId, job.workerId);
  if (!task) return; // gone with its tenant, finished or expired: nothing to do, and nothing to retry
  const ref: RunRef = { tenantId: task.tenantId, taskId: task.id, run: task.runs };

  let processedRows = 0;
  let totalRows: number | undefined;
  const progress = async () => {
    if (!(await recordExportProgress(deps.db, ref, { processedRows, ...(totalRows === undefined ? {} : { totalRows }) }))) {
      throw new SupersededRun();
    }
  };
  const heartbeat = setInterval(() => void progress().catch(() => {}), deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS);

  const snapshot = await openExportSnapshot(deps.pool, task, ouPathLabel).catch(async (error) => {
    clearInterval(heartbeat);
    await settleFailure(deps, ref, job, error);
    throw error;
  });
  let writer: pg.PoolClient | null = null;
  let writerBroken = false;
  try {
    if (snapshot.total === 0) return void (await failExportRun(deps.db, ref, "exports.errors.channelsGone"));
    if (snapshot.total > EXPORT_MAX_ROWS) return void (await failExportRun(deps.db, ref, "exports.errors.tooManyRows"));
    totalRows = snapshot.total;
    await progress();

    const { timeZone } = await getServiceTimeSettings(deps.db, { tenantId: task.tenantId });
    const labels = await loadExportLabels(isLocale(task.locale) ? task.locale : DEFAULT_LOCALE, timeZone);

    const usedBytes = await storedExportBytes(deps.db, { tenantId: task.tenantId });
    writer = await deps.pool.connect();
    await writer.query("begin");
    const tx = drizzle(writer, { schema, casing: "snake_case" });
    // The archive hands over 256 KiB chunks, one at a time: each becomes one row, in order.
    let seq = 0;
    const store = storageGuardedSink((chunk) => appendExportChunk(tx, ref, seq++, chunk), usedBytes, deps.storageLimitBytes);
    const file = await writeExportArchive(
      {
        format: task.format,
        date: calendarDate(task.createdAt, timeZone),
        totalRows: snapshot.total,
        batches: snapshot.batches(EXPORT_ROWS_PER_FILE),
        labels,
        onProgress: async (rows) => {
          processedRows = rows;
          await progress();
        },
      },
      store,
    );
    await confirmStorageRoom(tx, task.tenantId, file.bytes, deps.storageLimitBytes);
    if (!(await completeExportRun(tx, ref, file))) throw new SupersededRun();
    await writer.query("commit");
  } catch (error) {
    await writer?.query("rollback").catch(() => (writerBroken = true));
    // Rolled back, nothing of the file is kept; another attempt would only write it again to no avail.
    if (error instanceof StorageLimitReached) return void (await failExportRun(deps.db, ref, STORAGE_FULL_REASON));
    if (!(error instanceof SupersededRun)) await settleFailure(deps, ref, job, error);
    throw error; // graphile-worker schedules the retry, with backoff
  } finally {
    clearInterval(heartbeat);
    writer?.release(writerBroken); // a connection that cannot even roll back is closed, not pooled
    await snapshot.close();
  }
}

/** The task shows why it waits (a retry is coming) or why it ended (the last attempt failed). */
async function settleFailure(deps: ExportRunDeps, ref: RunRef, job: ExportJobContext, error: unknown): Promise<void> {
  // The reason shown is a catalog key; the exception (which may quote data) only goes to the log, by kind.
  moduleLog("exports").error({ err: error, tenantId: ref.tenantId, taskId: ref.taskId, run: ref.run, attempt: job.attempt, maxAttempts: job.maxAttempts }, "export run failed");
  const last = job.attempt >= job.maxAttempts;
  const settle = last ? failExportRun(deps.db, ref, "exports.errors.failed") : requeueExportRun(deps.db, ref, "exports.errors.retrying");
  await settle.catch(() => {}); // the database itself may be what failed; recovery will find the task
}

/** "2026-11-22": the day the task was created, where the tenant works. */
export function calendarDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(instant);
}
