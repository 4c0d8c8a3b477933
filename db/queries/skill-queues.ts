import { and, asc, eq, sql } from "drizzle-orm";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { skillQueues } from "../schema";
import type { TenantScope } from "../scope";

/*
 * Skill queues ("multimedia called routes"). Every function takes `{ tenantId }` and puts it in the
 * WHERE of reads and writes: another tenant's queue id behaves exactly like a missing one.
 */

export interface SkillQueueRecord {
  id: string;
  name: string;
  description: string;
  updatedAt: Date;
}

const columns = {
  id: skillQueues.id,
  name: skillQueues.name,
  description: skillQueues.description,
  updatedAt: skillQueues.updatedAt,
};

const byIdInTenant = (scope: TenantScope, skillQueueId: string) =>
  and(eq(skillQueues.id, skillQueueId), eq(skillQueues.tenantId, scope.tenantId));

/** For other features (the channel wizard): is `skillQueueId` a skill queue of this tenant? */
export async function skillQueueBelongsToTenant(db: DbOrTx, scope: TenantScope, skillQueueId: string): Promise<boolean> {
  const [row] = await db.select({ id: skillQueues.id }).from(skillQueues).where(byIdInTenant(scope, skillQueueId));
  return Boolean(row);
}

export async function getSkillQueue(db: DbOrTx, scope: TenantScope, skillQueueId: string): Promise<SkillQueueRecord | null> {
  const [row] = await db.select(columns).from(skillQueues).where(byIdInTenant(scope, skillQueueId));
  return row ?? null;
}

/** The tenant's queues by name (case-insensitive), one page at a time. */
export async function listSkillQueues(db: DbOrTx, scope: TenantScope, page: number): Promise<Page<SkillQueueRecord>> {
  const where = eq(skillQueues.tenantId, scope.tenantId);
  return listPage(
    db,
    db
      .select(columns)
      .from(skillQueues)
      .where(where)
      .$dynamic(),
    { table: skillQueues, where, order: [asc(sql`lower(${skillQueues.name})`), asc(skillQueues.id)] },
    page,
  );
}

export interface SkillQueueValues {
  name: string;
  description: string;
}

export async function insertSkillQueue(db: DbOrTx, scope: TenantScope, values: SkillQueueValues): Promise<{ id: string }> {
  const [row] = await db
    .insert(skillQueues)
    .values({ tenantId: scope.tenantId, ...values })
    .returning({ id: skillQueues.id });
  return row!;
}

export async function updateSkillQueue(db: DbOrTx, scope: TenantScope, skillQueueId: string, values: SkillQueueValues): Promise<boolean> {
  const rows = await db
    .update(skillQueues)
    .set(values)
    .where(byIdInTenant(scope, skillQueueId))
    .returning({ id: skillQueues.id });
  return rows.length === 1;
}

export async function deleteSkillQueue(db: DbOrTx, scope: TenantScope, skillQueueId: string): Promise<boolean> {
  const rows = await db.delete(skillQueues).where(byIdInTenant(scope, skillQueueId)).returning({ id: skillQueues.id });
  return rows.length === 1;
}
