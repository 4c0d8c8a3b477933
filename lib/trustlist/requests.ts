import { recordAudit } from "@/db/queries/audit-log";
import { deletePendingRequest, getTenantEntry, insertTrustlistRequest, listApprovedPrefixes } from "@/db/queries/trustlist";
import type { TrustlistEntry } from "@/db/schema";
import { conflict, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";
import { isUrlAllowed } from "./prefix";

/** What the audit log keeps of an entry: everything it has, none of it secret. */
export function auditView(entry: Pick<TrustlistEntry, "prefix" | "reason" | "status" | "decisionNote">) {
  return { prefix: entry.prefix, reason: entry.reason, status: entry.status, note: entry.decisionNote };
}

/** A tenant administrator asks for a prefix (already normalised by the schema). */
export async function requestPrefix(input: { prefix: string; reason: string }, ctx: TenantContext): Promise<{ id: string; prefix: string }> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const approved = await listApprovedPrefixes(tx);
      if (approved.includes(input.prefix)) throw conflict("trustlist.errors.alreadyApproved", "prefix");
      // A narrower prefix under an approved one would change nothing.
      if (isUrlAllowed(input.prefix, approved)) throw conflict("trustlist.errors.alreadyCovered", "prefix");
      const entry = await insertTrustlistRequest(tx, ctx, { ...input, userId: ctx.user.id });
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "trustlist.request",
        targetType: "trustlistEntry",
        targetId: entry.id,
        after: auditView(entry),
      });
      return { id: entry.id, prefix: entry.prefix };
    });
  } catch (error) {
    if (isUniqueViolation(error, "trustlist_pending_request_key")) throw conflict("trustlist.errors.alreadyRequested", "prefix");
    throw error;
  }
}

/** Withdraws one of the tenant's own pending requests; decided ones stay as the record of the decision. */
export async function withdrawRequest(input: { id: string }, ctx: TenantContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const entry = await getTenantEntry(tx, ctx, input.id);
    if (!entry) throw notFound("trustlist.errors.requestNotFound");
    const deleted = entry.status === "pending" ? await deletePendingRequest(tx, ctx, input.id) : null;
    if (!deleted) throw conflict("trustlist.errors.notPending");
    await recordAudit(tx, {
      tenantId: ctx.tenantId,
      actorUserId: ctx.user.id,
      action: "trustlist.withdraw",
      targetType: "trustlistEntry",
      targetId: entry.id,
      before: auditView(entry),
    });
  });
}
