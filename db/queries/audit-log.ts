import { desc, eq } from "drizzle-orm";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { auditLog, users } from "../schema";
import type { TenantScope } from "../scope";

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

export interface AuditRow {
  id: number;
  action: string;
  targetType: string;
  targetId: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  createdAt: Date;
  actorEmail: string | null;
}

const auditRowColumns = {
  id: auditLog.id,
  action: auditLog.action,
  targetType: auditLog.targetType,
  targetId: auditLog.targetId,
  before: auditLog.before,
  after: auditLog.after,
  createdAt: auditLog.createdAt,
  actorEmail: users.email,
};

/** The tenant's audit trail, newest first. */
export async function listTenantAudit(
  db: DbOrTx,
  scope: TenantScope,
  page: number,
): Promise<Page<AuditRow>> {
  const where = eq(auditLog.tenantId, scope.tenantId);
  return listPage(
    db,
    db.select(auditRowColumns).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where).$dynamic(),
    { table: auditLog, where, order: [desc(auditLog.createdAt), desc(auditLog.id)] },
    page,
  );
}
