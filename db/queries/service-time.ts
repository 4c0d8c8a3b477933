import { and, asc, desc, eq, gte, lte, sql } from "drizzle-orm";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { DEFAULT_TIME_ZONE } from "../defaults";
import { nonWorkingDays, serviceTimeSettings, type NonWorkingDay } from "../schema";
import type { TenantScope } from "../scope";

export interface ServiceTimeSettingsView {
  timeZone: string;
  /** Null while the tenant has never saved its settings (defaults apply). */
  updatedAt: Date | null;
}

/** The tenant's settings, or the defaults (UTC) when it has not saved any yet. */
export async function getServiceTimeSettings(db: DbOrTx, scope: TenantScope): Promise<ServiceTimeSettingsView> {
  const [row] = await db
    .select({ timeZone: serviceTimeSettings.timeZone, updatedAt: serviceTimeSettings.updatedAt })
    .from(serviceTimeSettings)
    .where(eq(serviceTimeSettings.tenantId, scope.tenantId));
  return row ?? { timeZone: DEFAULT_TIME_ZONE, updatedAt: null };
}

export async function upsertServiceTimeSettings(
  db: DbOrTx,
  scope: TenantScope,
  values: { timeZone: string },
): Promise<ServiceTimeSettingsView> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(serviceTimeSettings)
      .values({ tenantId: scope.tenantId, timeZone: values.timeZone })
      .onConflictDoUpdate({ target: serviceTimeSettings.tenantId, set: { timeZone: values.timeZone, updatedAt: new Date() } })
      .returning({ timeZone: serviceTimeSettings.timeZone, updatedAt: serviceTimeSettings.updatedAt });
    await bumpCalendarVersion(tx, scope);
    return row!;
  });
}

/**
 * Every calendar change bumps the tenant's calendar version, in the change's transaction: the
 * webhook path's cached calendars are then refused as stale by their next write (issue 16).
 */
async function bumpCalendarVersion(db: DbOrTx, scope: TenantScope): Promise<void> {
  await db.execute(sql`update tenants set calendar_version = calendar_version + 1 where id = ${scope.tenantId}`);
}

/** The tenant's non-working days, optionally only those touching the dates `from`–`to` (inclusive). */
function tenantDays(scope: TenantScope, window?: { from: string; to: string }) {
  const tenant = eq(nonWorkingDays.tenantId, scope.tenantId);
  if (!window) return tenant;
  return and(tenant, lte(nonWorkingDays.startDate, window.to), gte(nonWorkingDays.endDate, window.from));
}

/** The tenant's non-working days, latest first (upcoming holidays before past ones). */
export async function listNonWorkingDays(db: DbOrTx, scope: TenantScope, page: number): Promise<Page<NonWorkingDay>> {
  const where = eq(nonWorkingDays.tenantId, scope.tenantId);
  return listPage(
    db,
    db
      .select()
      .from(nonWorkingDays)
      .where(where)
      .$dynamic(),
    { table: nonWorkingDays, where, order: [desc(nonWorkingDays.startDate), desc(nonWorkingDays.endDate), asc(nonWorkingDays.id)] },
    page,
  );
}

/** Non-working days that touch the dates from `from` to `to` (inclusive), e.g. a month view. */
export async function listNonWorkingDaysBetween(
  db: DbOrTx,
  scope: TenantScope,
  window: { from: string; to: string },
): Promise<NonWorkingDay[]> {
  return db
    .select()
    .from(nonWorkingDays)
    .where(tenantDays(scope, window))
    .orderBy(asc(nonWorkingDays.startDate), asc(nonWorkingDays.endDate), asc(nonWorkingDays.id));
}

export async function insertNonWorkingDay(
  db: DbOrTx,
  scope: TenantScope,
  values: { startDate: string; endDate: string; label: string },
): Promise<NonWorkingDay> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(nonWorkingDays)
      .values({ tenantId: scope.tenantId, ...values })
      .returning();
    await bumpCalendarVersion(tx, scope);
    return row!;
  });
}

/** Deletes one of the tenant's non-working days; another tenant's id deletes nothing and answers null. */
export async function deleteNonWorkingDay(
  db: DbOrTx,
  scope: TenantScope,
  id: string,
): Promise<NonWorkingDay | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .delete(nonWorkingDays)
      .where(and(eq(nonWorkingDays.id, id), eq(nonWorkingDays.tenantId, scope.tenantId)))
      .returning();
    if (row) await bumpCalendarVersion(tx, scope);
    return row ?? null;
  });
}

/** The tenant's time zone and non-working days: a `WorkCalendar` of lib/service-time/work-time.ts. */
export interface TenantWorkCalendar {
  timeZone: string;
  nonWorkingDays: { startDate: string; endDate: string }[];
}

/**
 * What `isWithinWorkTime` needs from the tenant: its time zone and non-working days. `window`
 * limits the days to those touching a date span (e.g. the next few days) for tenants with years
 * of history.
 */
export async function getWorkCalendar(
  db: DbOrTx,
  scope: TenantScope,
  window?: { from: string; to: string },
): Promise<TenantWorkCalendar> {
  const [settings, days] = await Promise.all([
    getServiceTimeSettings(db, scope),
    db
      .select({ startDate: nonWorkingDays.startDate, endDate: nonWorkingDays.endDate })
      .from(nonWorkingDays)
      .where(tenantDays(scope, window))
      .orderBy(asc(nonWorkingDays.startDate)),
  ]);
  return { timeZone: settings.timeZone, nonWorkingDays: days };
}
