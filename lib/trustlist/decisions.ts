import { recordAudit } from "@/db/queries/audit-log";
import { getApprovedEntry, getEntry, recordDecision } from "@/db/queries/trustlist";
import type { DbOrTx } from "@/db/client";
import type { TrustlistEntry } from "@/db/schema";
import { conflict, isUniqueViolation, notFound } from "@/lib/errors";
import type { SystemContext } from "@/lib/guard/guard";
import { auditView } from "./requests";

export interface DecisionOutcome {
  status: "approved" | "rejected";
  /** The prefix was approved before (on this or another request): nothing changed. */
  alreadyApproved: boolean;
}

/*
 * Decisions are recorded against the tenant that asked (`requested_by_tenant_id`), so the tenant's
 * administrators find them in their own audit log; a prefix whose tenant is gone is logged with none.
 */
async function audit(
  tx: DbOrTx,
  ctx: SystemContext,
  action: string,
  before: TrustlistEntry,
  after: TrustlistEntry,
): Promise<void> {
  await recordAudit(tx, {
    tenantId: before.requestedByTenantId,
    actorUserId: ctx.user.id,
    action,
    targetType: "trustlistEntry",
    targetId: before.id,
    before: auditView(before),
    after: auditView(after),
  });
}

const ALREADY_APPROVED: DecisionOutcome = { status: "approved", alreadyApproved: true };

async function approve(tx: DbOrTx, entry: TrustlistEntry, note: string | null, ctx: SystemContext): Promise<DecisionOutcome> {
  if (entry.status === "approved") return ALREADY_APPROVED;
  if (entry.status !== "pending") throw conflict("trustlist.errors.notPending");
  // Another tenant's request for the same prefix was approved first: this one is satisfied as it is.
  if (await getApprovedEntry(tx, entry.prefix)) return ALREADY_APPROVED;
  const updated = await recordDecision(tx, entry.id, { from: "pending", to: "approved", userId: ctx.user.id, note });
  if (!updated) throw conflict("trustlist.errors.notPending");
  await audit(tx, ctx, "trustlist.approve", entry, updated);
  return { status: "approved", alreadyApproved: false };
}

async function reject(tx: DbOrTx, entry: TrustlistEntry, note: string | null, ctx: SystemContext): Promise<DecisionOutcome> {
  const updated =
    entry.status === "pending" ? await recordDecision(tx, entry.id, { from: "pending", to: "rejected", userId: ctx.user.id, note }) : null;
  if (!updated) throw conflict("trustlist.errors.notPending");
  await audit(tx, ctx, "trustlist.reject", entry, updated);
  return { status: "rejected", alreadyApproved: false };
}

/** A system administrator approves or rejects a tenant's request, with an optional note for the tenant. */
export async function decideRequest(
  input: { id: string; decision: "approve" | "reject"; note: string | null },
  ctx: SystemContext,
): Promise<DecisionOutcome> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const entry = await getEntry(tx, input.id);
      if (!entry) throw notFound("trustlist.errors.requestNotFound");
      return input.decision === "approve" ? approve(tx, entry, input.note, ctx) : reject(tx, entry, input.note, ctx);
    });
  } catch (error) {
    // Two requests for one prefix approved at the same moment: the other approval won, which is what was asked.
    if (isUniqueViolation(error, "trustlist_approved_prefix_key")) return ALREADY_APPROVED;
    throw error;
  }
}

/**
 * Revokes an approved prefix for everyone. The schema knows no "revoked" status: the entry becomes
 * rejected with the revocation note, so the requesting tenant sees why and may ask again.
 */
export async function revokePrefix(input: { id: string; note: string | null }, ctx: SystemContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const entry = await getEntry(tx, input.id);
    if (!entry) throw notFound("trustlist.errors.prefixNotFound");
    const updated =
      entry.status === "approved"
        ? await recordDecision(tx, entry.id, { from: "approved", to: "rejected", userId: ctx.user.id, note: input.note })
        : null;
    if (!updated) throw conflict("trustlist.errors.notApproved");
    await audit(tx, ctx, "trustlist.revoke", entry, updated);
  });
}
