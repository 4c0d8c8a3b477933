import { sql } from "drizzle-orm";
import { bigint, check, customType, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

/*
 * Channel export tasks (issue 6). The task row is what people see (status, progress, reason);
 * the job that does the work lives in graphile-worker's own schema and points here by task id.
 * The finished file is stored in PostgreSQL as ordered chunks, so any console instance can serve
 * the download, and it is written in the same transaction that marks the task "success": a file
 * is downloadable whole or not at all.
 */

export const EXPORT_TASK_STATUSES = ["queued", "running", "success", "failed", "expired"] as const;
export type ExportTaskStatus = (typeof EXPORT_TASK_STATUSES)[number];

/** What to export: the channels someone ticked, or every channel matching the list's filters. */
export type ExportSelection =
  | { kind: "selected"; channelIds: string[] }
  | { kind: "filtered"; filters: { q: string; type?: string; provider?: string; status?: string } };

/** What a task row keeps: ticked ids live in export_task_channels (up to 100,000 would be 4 MB of jsonb). */
export type StoredExportSelection = { kind: "selected" } | Extract<ExportSelection, { kind: "filtered" }>;

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => "bytea" });

export const exportTasks = pgTable(
  "export_tasks",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Kept as text so the list still says who started it after the account is gone. */
    createdByEmail: text().notNull(),
    format: text({ enum: ["xlsx", "csv"] }).notNull(),
    /** The starter's language: headers and values are written in it. */
    locale: text().notNull(),
    selection: jsonb().$type<StoredExportSelection>().notNull(),
    status: text({ enum: EXPORT_TASK_STATUSES }).notNull().default("queued"),
    /** Matching channels when the task was created; replaced by the exact count when it runs. */
    totalRows: integer().notNull(),
    processedRows: integer().notNull().default(0),
    /** How many times a worker has started it (a retry after a crash or an error counts). */
    runs: integer().notNull().default(0),
    /** The graphile-worker worker running it, and its last sign of life: a stale one is unlocked for a retry. */
    workerId: text(),
    heartbeatAt: timestamp({ withTimezone: true }),
    /** A catalog code under exports.errors (never a raw exception text, which could carry data). */
    errorCode: text(),
    fileName: text(),
    contentType: text(),
    fileCount: integer(),
    byteSize: bigint({ mode: "number" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    startedAt: timestamp({ withTimezone: true }),
    finishedAt: timestamp({ withTimezone: true }),
    expiresAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique("export_tasks_tenant_id_id_key").on(t.tenantId, t.id),
    index("export_tasks_list_idx").on(t.tenantId, t.createdAt.desc(), t.id),
    index("export_tasks_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'success'`),
    check("export_tasks_rows_check", sql`${t.totalRows} >= 0 and ${t.processedRows} >= 0`),
  ],
);

/**
 * The ticked channels of a "selected" task, numbered in export order (by name) when the task was
 * created, so a run reads them by keyset on (task_id, position) whatever the planner's statistics
 * say about a table that was filled a moment ago. No foreign key to channels: a channel deleted
 * after it was ticked is simply not exported.
 */
export const exportTaskChannels = pgTable(
  "export_task_channels",
  {
    tenantId: uuid().notNull(),
    taskId: uuid().notNull(),
    position: integer().notNull(),
    channelId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.position] }),
    foreignKey({
      name: "export_task_channels_task_fk",
      columns: [t.tenantId, t.taskId],
      foreignColumns: [exportTasks.tenantId, exportTasks.id],
    }).onDelete("cascade"),
  ],
);

/** The file of a successful task, in order, in the archive's 256 KiB chunks (12 MB is 48 rows). */
export const exportFileChunks = pgTable(
  "export_file_chunks",
  {
    tenantId: uuid().notNull(),
    taskId: uuid().notNull(),
    seq: integer().notNull(),
    data: bytea().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.seq] }),
    foreignKey({
      name: "export_file_chunks_task_fk",
      columns: [t.tenantId, t.taskId],
      foreignColumns: [exportTasks.tenantId, exportTasks.id],
    }).onDelete("cascade"),
  ],
);

export type ExportTask = typeof exportTasks.$inferSelect;
