import type { DbOrTx } from "@/db/client";
import { lockTenantExportQuota, storedExportBytes } from "@/db/queries/export-quota";

/*
 * The storage limit while a run writes its file: a file that would take the tenant's stored
 * exports past the limit is refused before the chunk that would cross it is written, so even the
 * largest export overshoots by nothing, and the run's transaction (rolled back) leaves no byte.
 */

/** Not a failure another attempt would mend: the task ends as failed with a reason. */
export class StorageLimitReached extends Error {
  constructor() {
    super("the export file would exceed the tenant's export storage limit");
    this.name = "StorageLimitReached";
  }
}

export const STORAGE_FULL_REASON = "exports.errors.storageFullRun";

/** Passes chunks on to `sink` while `usedBytes` plus what it has passed stays within `limitBytes`. */
export function storageGuardedSink(
  sink: (chunk: Buffer) => Promise<void>,
  usedBytes: number,
  limitBytes: number,
): (chunk: Buffer) => Promise<void> {
  let written = 0;
  return async (chunk) => {
    if (usedBytes + written + chunk.length > limitBytes) throw new StorageLimitReached();
    written += chunk.length;
    await sink(chunk);
  };
}

/**
 * The last word, in the transaction that stores the file, under the tenant's quota lock held
 * until it commits: the figure the run started with may be stale if another of the tenant's
 * exports finished meanwhile (several workers), and two files must not both fit in the same room.
 */
export async function confirmStorageRoom(tx: DbOrTx, tenantId: string, fileBytes: number, limitBytes: number): Promise<void> {
  await lockTenantExportQuota(tx, { tenantId });
  if ((await storedExportBytes(tx, { tenantId })) + fileBytes > limitBytes) throw new StorageLimitReached();
}
