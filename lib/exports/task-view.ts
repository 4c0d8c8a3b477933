import type { ExportTaskListItem } from "@/db/queries/export-tasks";
import type { ExportTaskStatus } from "@/db/schema/exports";

/** What GET /api/exports/{id} answers and the export list shows: no selection, no worker internals. */
export interface ExportTaskView {
  id: string;
  status: ExportTaskStatus;
  format: "xlsx" | "csv";
  createdBy: string;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  expiresAt: string | null;
  totalRows: number;
  processedRows: number;
  /** 0–100, whole numbers; 100 only once the file is stored. */
  percent: number;
  /** A catalog key under exports.errors: why it failed, or why it is waiting for a retry. */
  errorCode: string | null;
  fileName: string | null;
  fileCount: number | null;
  byteSize: number | null;
  downloadUrl: string | null;
}

export function isExportActive(status: ExportTaskStatus): boolean {
  return status === "queued" || status === "running";
}

export function isDownloadable(task: Pick<ExportTaskListItem, "status" | "expiresAt">, now: Date = new Date()): boolean {
  return task.status === "success" && task.expiresAt !== null && task.expiresAt > now;
}

export function exportProgressPercent(task: Pick<ExportTaskListItem, "status" | "processedRows" | "totalRows">): number {
  if (task.status === "success") return 100;
  if (task.totalRows <= 0) return 0;
  // Never 100 before the file is stored: the last rows written are not yet a finished file.
  return Math.min(99, Math.floor((task.processedRows * 100) / task.totalRows));
}

export function exportTaskView(task: ExportTaskListItem, now: Date = new Date()): ExportTaskView {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  // A file past its expiry reads as expired even before the hourly job has removed it.
  const status = task.status === "success" && !isDownloadable(task, now) ? "expired" : task.status;
  return {
    id: task.id,
    status,
    format: task.format,
    createdBy: task.createdByEmail,
    createdAt: task.createdAt.toISOString(),
    startedAt: iso(task.startedAt),
    finishedAt: iso(task.finishedAt),
    expiresAt: iso(task.expiresAt),
    totalRows: task.totalRows,
    processedRows: status === "success" ? task.totalRows : task.processedRows,
    percent: exportProgressPercent({ ...task, status }),
    errorCode: task.errorCode,
    fileName: task.fileName,
    fileCount: task.fileCount,
    byteSize: task.byteSize,
    downloadUrl: status === "success" ? `/api/exports/${task.id}/download` : null,
  };
}
