import { recordAudit } from "@/db/queries/audit-log";
import {
  deleteNonWorkingDay as removeNonWorkingDay,
  getServiceTimeSettings,
  insertNonWorkingDay,
  upsertServiceTimeSettings,
} from "@/db/queries/service-time";
import { notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import type { AddNonWorkingDayValues } from "@/lib/validations/service-time";

/** Sets the tenant's time zone; saving the zone it already has (UTC by default) changes and records nothing. */
export async function updateTimeZone(input: { timeZone: string }, ctx: TenantContext): Promise<{ changed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const before = await getServiceTimeSettings(tx, { tenantId: ctx.tenantId });
    if (before.timeZone === input.timeZone) return { changed: false };
    await upsertServiceTimeSettings(tx, { tenantId: ctx.tenantId }, { timeZone: input.timeZone });
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "serviceTime.updateTimeZone",
      targetType: "serviceTimeSettings",
      targetId: ctx.tenantId,
      before: { timeZone: before.timeZone },
      after: { timeZone: input.timeZone },
    });
    return { changed: true };
  });
}

export async function addNonWorkingDay(input: AddNonWorkingDayValues, ctx: TenantContext): Promise<{ id: string }> {
  return ctx.db.transaction(async (tx) => {
    const row = await insertNonWorkingDay(tx, { tenantId: ctx.tenantId }, input);
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "serviceTime.addNonWorkingDay",
      targetType: "nonWorkingDay",
      targetId: row.id,
      after: { startDate: row.startDate, endDate: row.endDate, label: row.label },
    });
    return { id: row.id };
  });
}

/** Another tenant's id deletes nothing and answers exactly like a missing one. */
export async function deleteNonWorkingDay(input: { id: string }, ctx: TenantContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const row = await removeNonWorkingDay(tx, { tenantId: ctx.tenantId }, input.id);
    if (!row) throw notFound("serviceTime.errors.nonWorkingDayNotFound");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "serviceTime.deleteNonWorkingDay",
      targetType: "nonWorkingDay",
      targetId: row.id,
      before: { startDate: row.startDate, endDate: row.endDate, label: row.label },
    });
  });
}
