import type { DbOrTx } from "../client";
import { auditLog } from "../schema";

export interface AuditInput {
  tenantId: string | null;
  actorUserId: string | null;
  action: string;
  targetType: string;
  targetId: string;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
}

/** Callers pass values with secrets already removed or masked; the log is readable by administrators. */
export async function recordAudit(db: DbOrTx, entry: AuditInput): Promise<void> {
  await db.insert(auditLog).values({ ...entry, before: entry.before ?? null, after: entry.after ?? null });
}
