import { and, asc, desc, eq, gte, lt, type SQL } from "drizzle-orm";
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

/** Filters of the tenant's audit trail, already validated; dates as instants, half-open [from, to). */
export interface AuditQuery {
  actorUserId?: string;
  action?: string;
  targetType?: string;
  from?: Date;
  to?: Date;
}

/** The tenant's audit trail, newest first; the tenant condition is always part of the WHERE. */
export async function listTenantAudit(
  db: DbOrTx,
  scope: TenantScope,
  page: number,
  query: AuditQuery = {},
): Promise<Page<AuditRow>> {
  const conditions: (SQL | undefined)[] = [
    eq(auditLog.tenantId, scope.tenantId),
    query.actorUserId ? eq(auditLog.actorUserId, query.actorUserId) : undefined,
    query.action ? eq(auditLog.action, query.action) : undefined,
    query.targetType ? eq(auditLog.targetType, query.targetType) : undefined,
    query.from ? gte(auditLog.createdAt, query.from) : undefined,
    query.to ? lt(auditLog.createdAt, query.to) : undefined,
  ];
  const where = and(...conditions);
  return listPage(
    db,
    db.select(auditRowColumns).from(auditLog).leftJoin(users, eq(users.id, auditLog.actorUserId)).where(where).$dynamic(),
    { table: auditLog, where, order: [desc(auditLog.createdAt), desc(auditLog.id)] },
    page,
  );
}

export interface AuditFacets {
  actors: { id: string; email: string; name: string }[];
  actions: string[];
  targetTypes: string[];
}

/** What the filter form offers: the actors, actions and target types found in this tenant's trail. */
export async function listTenantAuditFacets(db: DbOrTx, scope: TenantScope): Promise<AuditFacets> {
  const inTenant = eq(auditLog.tenantId, scope.tenantId);
  const [actors, actions, targetTypes] = await Promise.all([
    db
      .selectDistinct({ id: users.id, email: users.email, name: users.name })
      .from(auditLog)
      .innerJoin(users, eq(users.id, auditLog.actorUserId))
      .where(inTenant)
      .orderBy(asc(users.email)),
    db.selectDistinct({ value: auditLog.action }).from(auditLog).where(inTenant).orderBy(asc(auditLog.action)),
    db.selectDistinct({ value: auditLog.targetType }).from(auditLog).where(inTenant).orderBy(asc(auditLog.targetType)),
  ]);
  return { actors, actions: actions.map((row) => row.value), targetTypes: targetTypes.map((row) => row.value) };
}
