import { and, asc, desc, eq, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { tenants, trustlistEntries, users, type TrustlistEntry } from "../schema";
import type { TenantScope } from "../scope";

/*
 * Address-trustlist entries. A tenant sees and changes only its own requests (tenantId in every
 * WHERE); approved prefixes are global, and the tenant-facing list of them shows the prefix alone,
 * never which tenant asked for it or why.
 */

type Status = TrustlistEntry["status"];

/** Another entry already approves this entry's prefix (it was requested by several tenants). */
const prefixApproved = sql<boolean>`exists (select 1 from trustlist_entries approved_entry
  where approved_entry.prefix = ${trustlistEntries.prefix} and approved_entry.status = 'approved')`;

const requester = alias(users, "requester");
const decider = alias(users, "decider");

export interface TenantRequestRow {
  id: string;
  prefix: string;
  reason: string;
  status: Status;
  /** Pending, but the prefix has been approved on another tenant's request: nothing left to decide. */
  alreadyApproved: boolean;
  decisionNote: string | null;
  decidedAt: Date | null;
  createdAt: Date;
  requestedByEmail: string | null;
}

const ownScope = (scope: TenantScope) => eq(trustlistEntries.requestedByTenantId, scope.tenantId);

/** The tenant's own requests, newest first. */
export async function listTenantRequests(db: DbOrTx, scope: TenantScope, page: number): Promise<Page<TenantRequestRow>> {
  const where = ownScope(scope);
  return listPage(
    db,
    db
      .select({
        id: trustlistEntries.id,
        prefix: trustlistEntries.prefix,
        reason: trustlistEntries.reason,
        status: trustlistEntries.status,
        alreadyApproved: sql<boolean>`(${trustlistEntries.status} = 'pending' and ${prefixApproved})`,
        decisionNote: trustlistEntries.decisionNote,
        decidedAt: trustlistEntries.decidedAt,
        createdAt: trustlistEntries.createdAt,
        requestedByEmail: requester.email,
      })
      .from(trustlistEntries)
      .leftJoin(requester, eq(requester.id, trustlistEntries.requestedByUserId))
      .where(where)
      .$dynamic(),
    { table: trustlistEntries, where, order: [desc(trustlistEntries.createdAt), desc(trustlistEntries.id)] },
    page,
  );
}

/** One of the tenant's own entries; another tenant's id reads as missing. */
export async function getTenantEntry(db: DbOrTx, scope: TenantScope, id: string): Promise<TrustlistEntry | null> {
  const [row] = await db
    .select()
    .from(trustlistEntries)
    .where(and(eq(trustlistEntries.id, id), ownScope(scope)));
  return row ?? null;
}

export async function insertTrustlistRequest(
  db: DbOrTx,
  scope: TenantScope,
  input: { prefix: string; reason: string; userId: string },
): Promise<TrustlistEntry> {
  const [row] = await db
    .insert(trustlistEntries)
    .values({ prefix: input.prefix, reason: input.reason, requestedByTenantId: scope.tenantId, requestedByUserId: input.userId })
    .returning();
  return row!;
}

/** Deletes one of the tenant's own pending requests; null when there is no such pending request. */
export async function deletePendingRequest(db: DbOrTx, scope: TenantScope, id: string): Promise<TrustlistEntry | null> {
  const [row] = await db
    .delete(trustlistEntries)
    .where(and(eq(trustlistEntries.id, id), ownScope(scope), eq(trustlistEntries.status, "pending")))
    .returning();
  return row ?? null;
}

/** The prefixes the tenant has requested and still waits for: the wizard shows them instead of a second request. */
export async function listPendingTenantPrefixes(db: DbOrTx, scope: TenantScope): Promise<string[]> {
  const rows = await db
    .select({ prefix: trustlistEntries.prefix })
    .from(trustlistEntries)
    .where(and(ownScope(scope), eq(trustlistEntries.status, "pending")))
    .orderBy(asc(trustlistEntries.prefix));
  return rows.map((row) => row.prefix);
}

/** Every approved prefix: the input of the "may we call this URL?" check. */
export async function listApprovedPrefixes(db: DbOrTx): Promise<string[]> {
  const rows = await db
    .select({ prefix: trustlistEntries.prefix })
    .from(trustlistEntries)
    .where(eq(trustlistEntries.status, "approved"))
    .orderBy(asc(trustlistEntries.prefix));
  return rows.map((row) => row.prefix);
}

export interface ApprovedPrefixRow {
  id: string;
  prefix: string;
  approvedAt: Date | null;
}

const approvedOnly = eq(trustlistEntries.status, "approved");

/** Approved prefixes as every tenant user may see them: the prefix and when, nothing about who asked. */
export async function listApprovedPage(db: DbOrTx, page: number): Promise<Page<ApprovedPrefixRow>> {
  return listPage(
    db,
    db
      .select({ id: trustlistEntries.id, prefix: trustlistEntries.prefix, approvedAt: trustlistEntries.decidedAt })
      .from(trustlistEntries)
      .where(approvedOnly)
      .$dynamic(),
    { table: trustlistEntries, where: approvedOnly, order: [asc(trustlistEntries.prefix)] },
    page,
  );
}

export interface SystemEntryRow {
  id: string;
  prefix: string;
  reason: string;
  status: Status;
  tenantName: string | null;
  requestedByEmail: string | null;
  createdAt: Date;
  decidedAt: Date | null;
  decidedByEmail: string | null;
  decisionNote: string | null;
}

function selectSystemRows(db: DbOrTx, where: SQL) {
  return db
    .select({
      id: trustlistEntries.id,
      prefix: trustlistEntries.prefix,
      reason: trustlistEntries.reason,
      status: trustlistEntries.status,
      tenantName: tenants.name,
      requestedByEmail: requester.email,
      createdAt: trustlistEntries.createdAt,
      decidedAt: trustlistEntries.decidedAt,
      decidedByEmail: decider.email,
      decisionNote: trustlistEntries.decisionNote,
    })
    .from(trustlistEntries)
    .leftJoin(tenants, eq(tenants.id, trustlistEntries.requestedByTenantId))
    .leftJoin(requester, eq(requester.id, trustlistEntries.requestedByUserId))
    .leftJoin(decider, eq(decider.id, trustlistEntries.decidedByUserId))
    .where(where)
    .$dynamic();
}

/**
 * Requests of every tenant awaiting a decision, oldest first. A request whose prefix another
 * decision already approved is satisfied and left out; it reappears if that prefix is revoked.
 */
export async function listPendingForSystem(db: DbOrTx, page: number): Promise<Page<SystemEntryRow>> {
  const where = and(eq(trustlistEntries.status, "pending"), sql`not ${prefixApproved}`)!;
  return listPage(
    db,
    selectSystemRows(db, where),
    { table: trustlistEntries, where, order: [asc(trustlistEntries.createdAt), asc(trustlistEntries.id)] },
    page,
  );
}

/** Approved prefixes with who asked, why, and who approved: for system administrators. */
export async function listApprovedForSystem(db: DbOrTx, page: number): Promise<Page<SystemEntryRow>> {
  return listPage(
    db,
    selectSystemRows(db, approvedOnly),
    { table: trustlistEntries, where: approvedOnly, order: [asc(trustlistEntries.prefix)] },
    page,
  );
}

export async function getEntry(db: DbOrTx, id: string): Promise<TrustlistEntry | null> {
  const [row] = await db.select().from(trustlistEntries).where(eq(trustlistEntries.id, id));
  return row ?? null;
}

export async function getApprovedEntry(db: DbOrTx, prefix: string): Promise<TrustlistEntry | null> {
  const [row] = await db
    .select()
    .from(trustlistEntries)
    .where(and(eq(trustlistEntries.prefix, prefix), approvedOnly));
  return row ?? null;
}

/**
 * Moves an entry from `from` to `to` and records the decision; null when the entry is no longer
 * in `from` (decided meanwhile), so two administrators cannot both decide the same request.
 */
export async function recordDecision(
  db: DbOrTx,
  id: string,
  change: { from: Status; to: Status; userId: string; note: string | null },
): Promise<TrustlistEntry | null> {
  const [row] = await db
    .update(trustlistEntries)
    .set({ status: change.to, decidedByUserId: change.userId, decidedAt: new Date(), decisionNote: change.note })
    .where(and(eq(trustlistEntries.id, id), eq(trustlistEntries.status, change.from)))
    .returning();
  return row ?? null;
}
