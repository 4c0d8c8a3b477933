import type { Db } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import { countFiltered, insertExportTask, type ExportTaskListItem } from "@/db/queries/export-tasks";
import type { TenantUser } from "@/lib/guard/guard";
import { AppError } from "@/lib/errors";
import type { CreateExport } from "@/lib/validations/exports";
import { exportLimits, type ExportLimits } from "./limits";
import { claimExportSlot } from "./quota";
import { EXPORT_MAX_ROWS } from "./record";

/**
 * Creates an export task and queues its job in one transaction. An export that could never run
 * (nothing matched, more than 100,000) is refused right away, with the number that matched, instead
 * of failing later in the list; so are exports past the tenant's fair-use limits (quota.ts), which
 * also give the job its place in the queue. Filters are counted before anything is written; ticked
 * channels are counted as they are stored (one pass over up to 100,000 ids instead of two), so a
 * refusal of those undoes the task in the same transaction.
 */
export async function createExportTask(
  db: Db,
  user: TenantUser,
  input: CreateExport,
  limits: ExportLimits = exportLimits(),
): Promise<ExportTaskListItem> {
  const scope = { tenantId: user.tenantId };
  const { selection } = input;
  return db.transaction(async (tx) => {
    const filtered = selection.kind === "filtered" ? await countFiltered(tx, scope, selection.filters) : null;
    if (filtered !== null) refuseUnexportable(filtered);
    const { priority } = await claimExportSlot(tx, user.tenantId, limits, input.locale);
    const task = await insertExportTask(tx, scope, {
      createdByUserId: user.id,
      createdByEmail: user.email,
      format: input.format,
      locale: input.locale,
      selection,
      totalRows: filtered ?? 0,
      priority,
    });
    const matched = task.totalRows;
    if (filtered === null) refuseUnexportable(matched);
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: user.id,
      action: "export.create",
      targetType: "export",
      targetId: task.id,
      after: {
        format: input.format,
        // The ids themselves can number 100,000; the count and the filters say what was asked for.
        selection: selection.kind === "selected" ? { kind: "selected", channels: matched } : selection,
      },
    });
    const { selection: _selection, workerId: _worker, heartbeatAt: _heartbeat, ...item } = task;
    return item;
  });
}

function refuseUnexportable(matched: number): void {
  if (matched === 0) throw new AppError("validation", "exports.errors.nothingToExport");
  if (matched > EXPORT_MAX_ROWS) {
    throw new AppError("validation", "exports.errors.tooMany", undefined, { count: matched, max: EXPORT_MAX_ROWS });
  }
}
