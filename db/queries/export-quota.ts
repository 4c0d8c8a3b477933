import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { exportTasks } from "../schema";
import type { TenantScope } from "../scope";

/*
 * What a tenant's exports use of the shared worker and disk: the figures the fair-use limits
 * (lib/exports/quota.ts) are checked against. All of it comes from export_tasks, so the limits
 * hold across every console process without a counter of their own to keep in step.
 */

/** Our half of the two-key advisory lock space; the other half is the tenant. */
const EXPORT_QUOTA_LOCK = 0x45585054; // "EXPT"

/**
 * Serialises the quota checks of one tenant until the transaction ends: two exports started at
 * the same moment cannot both see room for one. A lock of its own rather than a row lock on the
 * tenant, which would block every insert that references the tenant (channels, webhook events).
 */
export async function lockTenantExportQuota(tx: DbOrTx, scope: TenantScope): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${EXPORT_QUOTA_LOCK}, hashtext(${scope.tenantId}::text))`);
}

export interface ExportUsage {
  /** Queued or running now. */
  active: number;
  /** Created within the last 24 hours, whatever became of them. */
  createdLastDay: number;
  /** Bytes of the successful exports whose files have not expired. */
  storedBytes: number;
  /** When the first of those files expires (and frees its bytes); null when none is stored. */
  nextExpiry: Date | null;
}

export async function exportUsage(db: DbOrTx, scope: TenantScope): Promise<ExportUsage> {
  const stored = sql`${exportTasks.status} = 'success' and ${exportTasks.expiresAt} > now()`;
  const [row] = await db
    .select({
      active: sql<number>`count(*) filter (where ${exportTasks.status} in ('queued', 'running'))`.mapWith(Number),
      createdLastDay: sql<number>`count(*) filter (where ${exportTasks.createdAt} > now() - interval '24 hours')`.mapWith(Number),
      storedBytes: sql<number>`coalesce(sum(${exportTasks.byteSize}) filter (where ${stored}), 0)`.mapWith(Number),
      nextExpiry: sql<Date | null>`min(${exportTasks.expiresAt}) filter (where ${stored})`.mapWith(exportTasks.expiresAt),
    })
    .from(exportTasks)
    .where(eq(exportTasks.tenantId, scope.tenantId));
  return row ?? { active: 0, createdLastDay: 0, storedBytes: 0, nextExpiry: null };
}

/** Bytes of the tenant's unexpired stored files (what a run checks its file against). */
export async function storedExportBytes(db: DbOrTx, scope: TenantScope): Promise<number> {
  return (await exportUsage(db, scope)).storedBytes;
}

/**
 * When the tenant may start its next export under a limit of `perDay` in any 24 hours: once
 * enough of the last day's exports have left the window to leave room for one more.
 */
export async function nextDailySlot(db: DbOrTx, scope: TenantScope, createdLastDay: number, perDay: number): Promise<Date> {
  const [row] = await db
    .select({ at: sql<Date>`${exportTasks.createdAt} + interval '24 hours'`.mapWith(exportTasks.createdAt) })
    .from(exportTasks)
    .where(and(eq(exportTasks.tenantId, scope.tenantId), gt(exportTasks.createdAt, sql`now() - interval '24 hours'`)))
    .orderBy(asc(exportTasks.createdAt))
    .offset(Math.max(0, createdLastDay - perDay))
    .limit(1);
  return row?.at ?? new Date();
}
