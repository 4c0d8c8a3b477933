import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { findStaleExportWorkers } from "@/db/queries/export-tasks";
import { exportTasks } from "@/db/schema";

/*
 * Recovery, one of the two scheduled jobs (the other is expireExportFiles). graphile-worker keeps
 * a job locked by a worker that died for four hours; a running export shows a heartbeat every few
 * seconds, so a silent one means its worker is gone: its jobs are unlocked at once
 * (graphile_worker.force_unlock_workers) and run again.
 */

export const DEFAULT_STALE_AFTER_MS = 30_000;

/**
 * Unlocks the jobs of workers whose exports stopped beating; answers how many tasks it freed.
 * `alive` are this process's own workers with a run in progress: a late heartbeat of ours (a busy
 * event loop) is never mistaken for a death.
 */
export async function recoverStaleExports(
  db: Db,
  staleAfterMs: number = DEFAULT_STALE_AFTER_MS,
  alive: ReadonlySet<string> = new Set(),
): Promise<number> {
  const workerIds = (await findStaleExportWorkers(db, staleAfterMs)).filter((id) => !alive.has(id));
  if (workerIds.length === 0) return 0;
  return db.transaction(async (tx) => {
    const freed = await tx
      .update(exportTasks)
      .set({ status: "queued", errorCode: "exports.errors.retrying", workerId: null, processedRows: 0 })
      .where(and(eq(exportTasks.status, "running"), inArray(exportTasks.workerId, workerIds)))
      .returning({ id: exportTasks.id });
    await tx.execute(sql`select graphile_worker.force_unlock_workers(${sql.param(workerIds)}::text[])`);
    return freed.length;
  });
}
