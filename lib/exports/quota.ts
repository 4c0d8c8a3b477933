import type { DbOrTx } from "@/db/client";
import { exportUsage, lockTenantExportQuota, nextDailySlot } from "@/db/queries/export-quota";
import { getServiceTimeSettings } from "@/db/queries/service-time";
import { AppError } from "@/lib/errors";
import type { Locale } from "@/lib/i18n/locales";
import { storageLimitBytes, type ExportLimits } from "./limits";

/*
 * Fair use at the start of an export: a tenant may not flood the queue (10 waiting at once), use
 * more than its share of the worker (exports per 24 hours) or of the disk (stored files). Each
 * refusal says the limit and when the tenant may try again.
 */

/** Queued or running at once, per tenant: enough for real work, not enough for a click flood. */
export const MAX_ACTIVE_EXPORTS_PER_TENANT = 10;

const MiB = 1024 * 1024;

/**
 * Refuses the export when the tenant is at a limit; otherwise answers its job's priority. Runs in
 * the transaction that inserts the task, under the tenant's quota lock (held until it commits),
 * so exports started at the same moment are counted one after another and none slips past.
 *
 * The priority is the tenant's number of exports already waiting or running (graphile-worker runs
 * the lowest first): every tenant's first export comes before any tenant's second, and so on, so
 * a tenant with a backlog takes its turn instead of holding everyone else's exports back.
 */
export async function claimExportSlot(tx: DbOrTx, tenantId: string, limits: ExportLimits, locale: Locale): Promise<{ priority: number }> {
  const scope = { tenantId };
  await lockTenantExportQuota(tx, scope);
  const usage = await exportUsage(tx, scope);
  if (usage.active >= MAX_ACTIVE_EXPORTS_PER_TENANT) {
    throw new AppError("rateLimited", "exports.errors.tooManyActive", undefined, { max: MAX_ACTIVE_EXPORTS_PER_TENANT });
  }
  if (usage.createdLastDay >= limits.perTenantPerDay) {
    const next = await nextDailySlot(tx, scope, usage.createdLastDay, limits.perTenantPerDay);
    throw new AppError("rateLimited", "exports.errors.tooManyToday", undefined, {
      max: limits.perTenantPerDay,
      ...(await moment(tx, tenantId, next, locale)),
    });
  }
  if (usage.storedBytes >= storageLimitBytes(limits)) {
    throw new AppError("rateLimited", "exports.errors.storageFull", undefined, {
      total: Math.round((usage.storedBytes / MiB) * 10) / 10,
      max: limits.storagePerTenantMb,
      ...(await moment(tx, tenantId, usage.nextExpiry ?? new Date(), locale)),
    });
  }
  return { priority: usage.active };
}

/**
 * "Dec 6, 2026, 02:05 PM UTC" for people, in the reader's language and the tenant's service-time
 * zone (named, so nobody has to guess), rounded up to the minute so it is never a moment too
 * early; and the instant itself for programs.
 */
async function moment(db: DbOrTx, tenantId: string, at: Date, locale: Locale): Promise<{ next: string; nextAt: string }> {
  const { timeZone } = await getServiceTimeSettings(db, { tenantId });
  const rounded = new Date(Math.ceil(at.getTime() / 60_000) * 60_000);
  const next = new Intl.DateTimeFormat(locale, {
    year: "numeric",
    month: "short",
    day: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
    timeZoneName: "short",
  }).format(rounded);
  return { next, nextAt: rounded.toISOString() };
}
