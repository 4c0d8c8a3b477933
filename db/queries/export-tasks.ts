import { and, count, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { pageOffset, toPage, type Page } from "../paging";
import type { Db, DbOrTx } from "../client";
import { channels, exportFileChunks, exportTaskChannels, exportTasks, type ExportSelection, type ExportTask } from "../schema";
import { channelFilterWhere } from "./channel-list";
import type { TenantScope } from "../scope";

/*
 * Export tasks: what the list and the routes read (always within one tenant), and the steps a
 * run takes (start, progress, finish, fail), each guarded by the run number it started with, so
 * a run that was given up on (its worker looked dead) can never overwrite a newer one's outcome.
 */

/** The graphile-worker task name; `lib/exports/worker.ts` registers the function behind it. */
export const EXPORT_JOB = "export-channels";
/** A run that dies (an error, a killed process) is tried again, up to this many runs in all. */
export const EXPORT_MAX_ATTEMPTS = 5;
export const EXPORT_RETENTION_DAYS = 7;

/** How many channels the list's filters match now (ticked channels are counted as they are stored). */
export async function countFiltered(db: DbOrTx, scope: TenantScope, filters: ExportFilters): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(channels)
    .where(channelFilterWhere(scope, filters as Parameters<typeof channelFilterWhere>[1]));
  return row?.n ?? 0;
}

type ExportFilters = Extract<ExportSelection, { kind: "filtered" }>["filters"];

export interface NewExportTask {
  createdByUserId: string;
  createdByEmail: string;
  format: ExportTask["format"];
  /** The starter's locale (lib/i18n/locales.ts); the column is plain text. */
  locale: string;
  selection: ExportSelection;
  /** The filtered channels counted beforehand; a "selected" task counts its ticked channels as it stores them. */
  totalRows: number;
  /** graphile-worker's: lower runs sooner (lib/exports/quota.ts says how it is chosen). */
  priority: number;
}

/**
 * The task row (with its ticked channels) and its job, in the caller's transaction: a task never
 * exists without its job. A "selected" task's `totalRows` is the number of its ticked channels that
 * exist in the tenant; when that is 0 the caller refuses the export and its transaction undoes all this.
 */
export async function insertExportTask(tx: DbOrTx, scope: TenantScope, task: NewExportTask): Promise<ExportTask> {
  const { selection, priority, ...values } = task;
  let [row] = await tx
    .insert(exportTasks)
    .values({ ...values, tenantId: scope.tenantId, selection: selection.kind === "selected" ? { kind: "selected" } : selection })
    .returning();
  if (selection.kind === "selected") {
    const stored = await insertTickedChannels(tx, scope, row!.id, selection.channelIds);
    [row] = await tx.update(exportTasks).set({ totalRows: stored })
      .where(and(eq(exportTasks.tenantId, scope.tenantId), eq(exportTasks.id, row!.id)))
      .returning();
  }
  await tx.execute(
    sql`select graphile_worker.add_job(${EXPORT_JOB}, json_build_object('taskId', ${row!.id}::text),
        max_attempts := ${EXPORT_MAX_ATTEMPTS}, job_key := ${`export:${row!.id}`}, priority := ${priority}::int)`,
  );
  return row!;
}

/**
 * Only the tenant's own channels, numbered 1…n in export order (the list's name order): one pass
 * over the ids, which also counts them, passed as one array parameter (100,000 ids would be past
 * PostgreSQL's 65,535 parameters). The sort of 100,000 names spills to disk at PostgreSQL's
 * default 4 MB of work_mem; 32 MB keeps it in memory, for this transaction only.
 */
async function insertTickedChannels(tx: DbOrTx, scope: TenantScope, taskId: string, channelIds: string[]): Promise<number> {
  await tx.execute(sql`set local work_mem = '32MB'`);
  const inserted = await tx.execute(
    sql`insert into ${exportTaskChannels} (tenant_id, task_id, position, channel_id)
        select ${scope.tenantId}, ${taskId}, row_number() over (order by lower(${channels.name}), ${channels.id}), ${channels.id}
        from ${channels} where ${channels.tenantId} = ${scope.tenantId} and ${channels.id} = any(${sql.param(channelIds)}::uuid[])`,
  );
  return inserted.rowCount ?? 0;
}

export type ExportTaskListItem = Omit<ExportTask, "selection" | "workerId" | "heartbeatAt">;

const listColumns = {
  id: exportTasks.id,
  tenantId: exportTasks.tenantId,
  createdByUserId: exportTasks.createdByUserId,
  createdByEmail: exportTasks.createdByEmail,
  format: exportTasks.format,
  locale: exportTasks.locale,
  status: exportTasks.status,
  totalRows: exportTasks.totalRows,
  processedRows: exportTasks.processedRows,
  runs: exportTasks.runs,
  errorCode: exportTasks.errorCode,
  fileName: exportTasks.fileName,
  contentType: exportTasks.contentType,
  fileCount: exportTasks.fileCount,
  byteSize: exportTasks.byteSize,
  createdAt: exportTasks.createdAt,
  startedAt: exportTasks.startedAt,
  finishedAt: exportTasks.finishedAt,
  expiresAt: exportTasks.expiresAt,
};

export const EXPORT_TASKS_PAGE_SIZE = 25;

/** The tenant's tasks, newest first. */
export async function listExportTasks(db: DbOrTx, scope: TenantScope, page: number): Promise<Page<ExportTaskListItem>> {
  const where = eq(exportTasks.tenantId, scope.tenantId);
  const [items, [total]] = await Promise.all([
    db
      .select(listColumns)
      .from(exportTasks)
      .where(where)
      .orderBy(desc(exportTasks.createdAt), desc(exportTasks.id))
      .limit(EXPORT_TASKS_PAGE_SIZE)
      .offset(pageOffset(page, EXPORT_TASKS_PAGE_SIZE)),
    db.select({ n: count() }).from(exportTasks).where(where),
  ]);
  return toPage(items, total?.n ?? 0, page, EXPORT_TASKS_PAGE_SIZE);
}

/** One task of the tenant, or null (another tenant's task is simply not found). */
export async function findExportTask(db: DbOrTx, scope: TenantScope, taskId: string): Promise<ExportTaskListItem | null> {
  const [row] = await db
    .select(listColumns)
    .from(exportTasks)
    .where(and(eq(exportTasks.tenantId, scope.tenantId), eq(exportTasks.id, taskId)));
  return row ?? null;
}

// ---- A run (the worker's side; the task row names the tenant) ----

/**
 * Marks the task running for a new run and answers it, or null when there is nothing to run:
 * the task is gone (its tenant was deleted), already finished, or expired.
 */
export async function startExportRun(db: DbOrTx, taskId: string, workerId: string): Promise<ExportTask | null> {
  const [row] = await db
    .update(exportTasks)
    .set({
      status: "running",
      runs: sql`${exportTasks.runs} + 1`,
      workerId,
      heartbeatAt: sql`now()`,
      startedAt: sql`coalesce(${exportTasks.startedAt}, now())`,
      processedRows: 0,
      errorCode: null,
    })
    .where(and(eq(exportTasks.id, taskId), inArray(exportTasks.status, ["queued", "running"])))
    .returning();
  return row ?? null;
}

export interface RunRef {
  tenantId: string;
  taskId: string;
  run: number;
}

const ofRun = (ref: RunRef) =>
  and(eq(exportTasks.tenantId, ref.tenantId), eq(exportTasks.id, ref.taskId), eq(exportTasks.runs, ref.run), eq(exportTasks.status, "running"));

/** Progress doubles as the heartbeat. False when this run has been superseded. */
export async function recordExportProgress(db: DbOrTx, ref: RunRef, progress: { processedRows: number; totalRows?: number }) {
  const rows = await db
    .update(exportTasks)
    .set({ ...progress, heartbeatAt: sql`now()` })
    .where(ofRun(ref))
    .returning({ id: exportTasks.id });
  return rows.length === 1;
}

export async function appendExportChunk(db: DbOrTx, ref: RunRef, seq: number, data: Buffer): Promise<void> {
  await db.insert(exportFileChunks).values({ tenantId: ref.tenantId, taskId: ref.taskId, seq, data });
}

export interface ExportFileInfo {
  fileName: string;
  contentType: string;
  fileCount: number;
  rows: number;
  bytes: number;
}

/** In the transaction that wrote the chunks: the file becomes downloadable with the commit. */
export async function completeExportRun(tx: DbOrTx, ref: RunRef, file: ExportFileInfo): Promise<boolean> {
  const rows = await tx
    .update(exportTasks)
    .set({
      status: "success",
      processedRows: file.rows,
      totalRows: file.rows,
      fileName: file.fileName,
      contentType: file.contentType,
      fileCount: file.fileCount,
      byteSize: file.bytes,
      // clock_timestamp(), not now(): now() is when this (long) transaction began.
      finishedAt: sql`clock_timestamp()`,
      expiresAt: sql`clock_timestamp() + make_interval(days => ${EXPORT_RETENTION_DAYS})`,
      workerId: null,
    })
    .where(ofRun(ref))
    .returning({ id: exportTasks.id });
  return rows.length === 1;
}

/** A failure that another run would not mend (or the last attempt): the task ends as failed. */
export async function failExportRun(db: DbOrTx, ref: RunRef, errorCode: string): Promise<void> {
  await db
    .update(exportTasks)
    .set({ status: "failed", errorCode, finishedAt: sql`now()`, workerId: null })
    .where(ofRun(ref));
}

/** A failure another run may mend: the task waits for its retry, and says why it is waiting. */
export async function requeueExportRun(db: DbOrTx, ref: RunRef, errorCode: string): Promise<void> {
  await db.update(exportTasks).set({ status: "queued", errorCode, workerId: null, processedRows: 0 }).where(ofRun(ref));
}

/** Workers of running tasks that have shown no sign of life for `staleAfterMs`. */
export async function findStaleExportWorkers(db: DbOrTx, staleAfterMs: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ workerId: exportTasks.workerId })
    .from(exportTasks)
    .where(
      and(
        eq(exportTasks.status, "running"),
        lt(exportTasks.heartbeatAt, sql`now() - make_interval(secs => ${staleAfterMs / 1000})`),
        sql`${exportTasks.workerId} is not null`,
      ),
    );
  return rows.map((row) => row.workerId!);
}

/** Deletes the files of tasks past their expiry; the tasks stay listed, as expired. */
export async function expireExportFiles(db: Db): Promise<number> {
  return db.transaction(async (tx) => {
    const expired = await tx
      .update(exportTasks)
      .set({ status: "expired" })
      .where(and(eq(exportTasks.status, "success"), lt(exportTasks.expiresAt, sql`now()`)))
      .returning({ id: exportTasks.id });
    if (expired.length) await tx.delete(exportFileChunks).where(inArray(exportFileChunks.taskId, expired.map((t) => t.id)));
    return expired.length;
  });
}

/**
 * The stored file of a successful task, chunk by chunk, a few chunks per query, so a download
 * holds neither a transaction nor the whole file. Throws when the file changes under it (it
 * expired mid-download), so the response is cut off instead of ending as a short, valid-looking file.
 */
/** 1 MiB per query: few round trips, little memory per download. */
const CHUNKS_PER_READ = 4;

export async function* readExportFile(db: DbOrTx, scope: TenantScope, taskId: string, expectedBytes: number): AsyncGenerator<Buffer> {
  let next = 0;
  let bytes = 0;
  for (;;) {
    const chunks = await db
      .select({ seq: exportFileChunks.seq, data: exportFileChunks.data })
      .from(exportFileChunks)
      .where(and(eq(exportFileChunks.tenantId, scope.tenantId), eq(exportFileChunks.taskId, taskId), sql`${exportFileChunks.seq} >= ${next}`))
      .orderBy(exportFileChunks.seq)
      .limit(CHUNKS_PER_READ);
    for (const chunk of chunks) {
      if (chunk.seq !== next) throw new Error("export file is missing a chunk");
      next += 1;
      bytes += chunk.data.length;
      yield chunk.data;
    }
    if (chunks.length < CHUNKS_PER_READ) break;
  }
  if (bytes !== expectedBytes) throw new Error("export file is incomplete");
}
