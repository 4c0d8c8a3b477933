import { and, eq, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { pageOffset, toPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { ous } from "../schema";
import type { TenantScope } from "../scope";

/*
 * Organisational units: one tree per tenant. Every function takes `{ tenantId }` and puts it in the
 * WHERE of reads and writes, so another tenant's OU id behaves exactly like a missing one. The
 * composite parent reference (tenant_id, parent_id) → (tenant_id, id) keeps a parent in the same tenant.
 */

export interface OuRecord {
  id: string;
  name: string;
  parentId: string | null;
  parentName: string | null;
}

/** One row of the tree in depth-first order: `path` holds the names of its ancestors, root first. */
export interface OuTreeRow {
  id: string;
  name: string;
  parentId: string | null;
  depth: number;
  path: string[];
  childCount: number;
}

export interface OuOption {
  id: string;
  /** Names from the root down to this OU. */
  path: string[];
}

/** For other features (the channel wizard): is `ouId` an OU of this tenant? */
export async function ouBelongsToTenant(db: DbOrTx, scope: TenantScope, ouId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: ous.id })
    .from(ous)
    .where(and(eq(ous.id, ouId), eq(ous.tenantId, scope.tenantId)));
  return Boolean(row);
}

const parent = alias(ous, "parent");

export async function getOu(db: DbOrTx, scope: TenantScope, ouId: string): Promise<OuRecord | null> {
  const [row] = await db
    .select({ id: ous.id, name: ous.name, parentId: ous.parentId, parentName: parent.name })
    .from(ous)
    .leftJoin(parent, and(eq(parent.tenantId, ous.tenantId), eq(parent.id, ous.parentId)))
    .where(and(eq(ous.id, ouId), eq(ous.tenantId, scope.tenantId)));
  return row ?? null;
}

// Depth-first walk from the roots; siblings by name. The sort key is the path of lower-cased names,
// unique per OU because sibling names are unique case-insensitively (ous_sibling_name_key).
const treeWalk = (tenantId: string, skipSubtreeOf: string | null) => sql`
  with recursive tree as (
    select o.id, o.parent_id, o.name, 0 as depth, array[]::text[] as path, array[lower(o.name)] as sort_key
    from ous o
    where o.tenant_id = ${tenantId} and o.parent_id is null and o.id is distinct from ${skipSubtreeOf}::uuid
    union all
    select o.id, o.parent_id, o.name, t.depth + 1, t.path || t.name, t.sort_key || lower(o.name)
    from ous o join tree t on o.parent_id = t.id
    where o.tenant_id = ${tenantId} and o.id is distinct from ${skipSubtreeOf}::uuid
  )`;

interface RawTreeRow extends Record<string, unknown> {
  id: string;
  parent_id: string | null;
  name: string;
  depth: number;
  path: string[];
  child_count: number;
}

/**
 * One page of the tenant's tree, flattened depth-first, so a page never shows more than `pageSize`
 * OUs however the tree is shaped.
 */
export async function listOuTreePage(db: DbOrTx, scope: TenantScope, page: number, pageSize: number): Promise<Page<OuTreeRow>> {
  const [{ rows }, [total]] = await Promise.all([
    db.execute<RawTreeRow>(sql`
      ${treeWalk(scope.tenantId, null)}
      select t.id, t.parent_id, t.name, t.depth, t.path,
        (select count(*)::int from ous c where c.tenant_id = ${scope.tenantId} and c.parent_id = t.id) as child_count
      from tree t
      order by t.sort_key
      limit ${pageSize} offset ${pageOffset(page, pageSize)}`),
    db
      .select({ value: sql<number>`count(*)::int` })
      .from(ous)
      .where(eq(ous.tenantId, scope.tenantId)),
  ]);
  const items = rows.map((r) => ({
    id: r.id,
    name: r.name,
    parentId: r.parent_id,
    depth: r.depth,
    path: r.path,
    childCount: r.child_count,
  }));
  return toPage(items, total?.value ?? 0, page, pageSize);
}

/**
 * Where `ouId` may move: every OU of the tenant except itself and its descendants (pruned from
 * the walk), depth-first, at most `limit`.
 */
export async function listOuMoveTargets(db: DbOrTx, scope: TenantScope, ouId: string, limit: number): Promise<OuOption[]> {
  const { rows } = await db.execute<{ id: string; path: string[] }>(sql`
    ${treeWalk(scope.tenantId, ouId)}
    select t.id, t.path || t.name as path from tree t order by t.sort_key limit ${limit}`);
  return rows.map((r) => ({ id: r.id, path: r.path }));
}

/**
 * Looks at `candidateId` as a new parent for `ouId`: whether it is an OU of the tenant, and whether
 * `ouId` is among its ancestors (or is the candidate itself), which would close a cycle.
 */
export async function inspectNewParent(
  db: DbOrTx,
  scope: TenantScope,
  ouId: string,
  candidateId: string,
): Promise<{ exists: boolean; wouldCycle: boolean; name: string | null }> {
  const { rows } = await db.execute<{ found: boolean; cycle: boolean; name: string | null }>(sql`
    with recursive ancestors as (
      select o.id, o.parent_id from ous o where o.tenant_id = ${scope.tenantId} and o.id = ${candidateId}
      union
      select o.id, o.parent_id from ous o join ancestors a on o.id = a.parent_id where o.tenant_id = ${scope.tenantId}
    )
    select exists (select 1 from ancestors) as found,
      exists (select 1 from ancestors where id = ${ouId}) as cycle,
      (select name from ous where tenant_id = ${scope.tenantId} and id = ${candidateId}) as name`);
  const row = rows[0];
  return { exists: Boolean(row?.found), wouldCycle: Boolean(row?.cycle), name: row?.name ?? null };
}

/**
 * Serialises changes to the shape of one tenant's tree for the rest of the transaction: two moves
 * that are each acyclic on their own could otherwise close a cycle together.
 */
export async function lockOuTree(db: DbOrTx, scope: TenantScope): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`ous-tree:${scope.tenantId}`}, 0))`);
}

export async function insertOu(db: DbOrTx, scope: TenantScope, input: { name: string; parentId: string | null }): Promise<{ id: string }> {
  const [row] = await db
    .insert(ous)
    .values({ tenantId: scope.tenantId, name: input.name, parentId: input.parentId })
    .returning({ id: ous.id });
  return row!;
}

export async function renameOu(db: DbOrTx, scope: TenantScope, ouId: string, name: string): Promise<boolean> {
  const rows = await db
    .update(ous)
    .set({ name })
    .where(and(eq(ous.id, ouId), eq(ous.tenantId, scope.tenantId)))
    .returning({ id: ous.id });
  return rows.length === 1;
}

export async function setOuParent(db: DbOrTx, scope: TenantScope, ouId: string, parentId: string | null): Promise<boolean> {
  const rows = await db
    .update(ous)
    .set({ parentId })
    .where(and(eq(ous.id, ouId), eq(ous.tenantId, scope.tenantId)))
    .returning({ id: ous.id });
  return rows.length === 1;
}

export async function countChildOus(db: DbOrTx, scope: TenantScope, ouId: string): Promise<number> {
  const [row] = await db
    .select({ value: sql<number>`count(*)::int` })
    .from(ous)
    .where(and(eq(ous.tenantId, scope.tenantId), eq(ous.parentId, ouId)));
  return row?.value ?? 0;
}

export async function deleteOu(db: DbOrTx, scope: TenantScope, ouId: string): Promise<boolean> {
  const rows = await db
    .delete(ous)
    .where(and(eq(ous.id, ouId), eq(ous.tenantId, scope.tenantId)))
    .returning({ id: ous.id });
  return rows.length === 1;
}
