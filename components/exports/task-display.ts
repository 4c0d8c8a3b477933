import type { ExportTaskView } from "@/lib/exports/task-view";
import { isExportActive } from "@/lib/exports/task-view";

/*
 * How the export list shows a task: pure choices, so they are tested without rendering. Colour
 * never carries the status alone: every badge has its word.
 */

export type ExportStatus = ExportTaskView["status"];

export const STATUS_BADGE = {
  queued: "default",
  running: "warning",
  success: "success",
  failed: "danger",
  expired: "default",
} as const satisfies Record<ExportStatus, "default" | "warning" | "success" | "danger">;

/** The list refreshes itself while any task on it can still change. */
export function hasActiveTask(tasks: readonly Pick<ExportTaskView, "status">[]): boolean {
  return tasks.some((task) => isExportActive(task.status));
}

const REASON_PREFIX = "exports.errors.";
const FALLBACK_REASON = "exports.errors.failed";

/**
 * The catalog key of why a task failed (or waits for a retry), or null when there is nothing to
 * say. A failed task always has a reason; a code from outside the exports catalog (an older
 * worker's, say) reads as the general failure instead of a raw key.
 */
export function reasonKeyOf(task: Pick<ExportTaskView, "status" | "errorCode">): string | null {
  if (task.status !== "failed" && task.status !== "queued") return null;
  if (task.errorCode?.startsWith(REASON_PREFIX)) return task.errorCode;
  return task.status === "failed" ? FALLBACK_REASON : null;
}

export type SizeUnit = "byte" | "kilobyte" | "megabyte" | "gigabyte";

/** A file size in the largest unit that keeps the number at 1 or more (1 KB = 1,024 bytes). */
export function fileSize(bytes: number): { value: number; unit: SizeUnit } {
  const units: SizeUnit[] = ["byte", "kilobyte", "megabyte", "gigabyte"];
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < units.length - 1) {
    value /= 1024;
    index += 1;
  }
  return { value: index === 0 ? value : Math.round(value * 10) / 10, unit: units[index]! };
}
