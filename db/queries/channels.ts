import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channelDrafts, channels, channelTransferQueues, skillQueues, type Channel, type ChannelStatusValue } from "../schema";
import type { TenantScope } from "../scope";

/*
 * Channels: every function takes `{ tenantId }` and puts it in the WHERE of reads and writes, so
 * another tenant's channel id behaves exactly like a missing one.
 */

export type ChannelRow = Channel & { transferQueueIds: string[] };
export type ChannelValues = Omit<
  typeof channels.$inferInsert,
  "tenantId" | "version" | "createdAt" | "updatedAt" | "createdByUserId" | "webhookKey" | "integrationToken" | "scenarioKey" | "scenarioKeyGeneratedAt"
>;

const byIdInTenant = (scope: TenantScope, channelId: string) => and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId));

export async function getChannel(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ChannelRow | null> {
  const [row] = await db.select().from(channels).where(byIdInTenant(scope, channelId));
  if (!row) return null;
  return { ...row, transferQueueIds: await listTransferQueueIds(db, scope, channelId) };
}

/** The channel's current version, or null when it is not a channel of this tenant. */
export async function getChannelVersion(db: DbOrTx, scope: TenantScope, channelId: string): Promise<number | null> {
  const [row] = await db.select({ version: channels.version }).from(channels).where(byIdInTenant(scope, channelId));
  return row?.version ?? null;
}

async function listTransferQueueIds(db: DbOrTx, scope: TenantScope, channelId: string): Promise<string[]> {
  const rows = await db
    .select({ id: channelTransferQueues.skillQueueId })
    .from(channelTransferQueues)
    .innerJoin(skillQueues, and(eq(skillQueues.id, channelTransferQueues.skillQueueId), eq(skillQueues.tenantId, scope.tenantId)))
    .where(and(eq(channelTransferQueues.channelId, channelId), eq(channelTransferQueues.tenantId, scope.tenantId)))
    .orderBy(asc(sql`lower(${skillQueues.name})`));
  return rows.map((row) => row.id);
}

export async function insertChannel(
  db: DbOrTx,
  scope: TenantScope,
  values: ChannelValues & { id: string; webhookKey: string; integrationToken: string | null; createdByUserId: string },
  transferQueueIds: readonly string[],
): Promise<void> {
  await db.insert(channels).values({ ...values, tenantId: scope.tenantId });
  await replaceTransferQueues(db, scope, values.id, transferQueueIds);
}

/**
 * Saves an edit only if nobody saved since `expectedVersion` was read (optimistic lock); answers
 * the new version, or null when the channel is missing or was changed meanwhile.
 */
export async function updateChannel(
  db: DbOrTx,
  scope: TenantScope,
  channelId: string,
  expectedVersion: number,
  values: Partial<ChannelValues>,
  transferQueueIds: readonly string[],
): Promise<number | null> {
  const [row] = await db
    .update(channels)
    .set({ ...values, version: sql`${channels.version} + 1`, updatedAt: sql`now()` })
    .where(and(byIdInTenant(scope, channelId), eq(channels.version, expectedVersion)))
    .returning({ version: channels.version });
  if (!row) return null;
  await replaceTransferQueues(db, scope, channelId, transferQueueIds);
  return row.version;
}

async function replaceTransferQueues(db: DbOrTx, scope: TenantScope, channelId: string, queueIds: readonly string[]): Promise<void> {
  await db.delete(channelTransferQueues).where(and(eq(channelTransferQueues.channelId, channelId), eq(channelTransferQueues.tenantId, scope.tenantId)));
  if (queueIds.length === 0) return;
  await db.insert(channelTransferQueues).values(queueIds.map((skillQueueId) => ({ tenantId: scope.tenantId, channelId, skillQueueId })));
}

/** Answers the new version, or null when it is not a channel of this tenant. */
export async function setChannelStatus(db: DbOrTx, scope: TenantScope, channelId: string, status: ChannelStatusValue): Promise<number | null> {
  const [row] = await db
    .update(channels)
    .set({ status, version: sql`${channels.version} + 1`, updatedAt: sql`now()` })
    .where(byIdInTenant(scope, channelId))
    .returning({ version: channels.version });
  return row?.version ?? null;
}

export async function deleteChannel(db: DbOrTx, scope: TenantScope, channelId: string): Promise<{ name: string; provider: string } | null> {
  const [row] = await db
    .delete(channels)
    .where(byIdInTenant(scope, channelId))
    .returning({ name: channels.name, provider: channels.provider });
  return row ?? null;
}

export async function setScenarioKey(db: DbOrTx, scope: TenantScope, channelId: string, ciphertext: string): Promise<boolean> {
  const rows = await db
    .update(channels)
    .set({ scenarioKey: ciphertext, scenarioKeyGeneratedAt: sql`now()` })
    .where(byIdInTenant(scope, channelId))
    .returning({ id: channels.id });
  return rows.length > 0;
}

/** Which of `queueIds` are skill queues of this tenant. */
export async function existingSkillQueueIds(db: DbOrTx, scope: TenantScope, queueIds: readonly string[]): Promise<Set<string>> {
  if (queueIds.length === 0) return new Set();
  const rows = await db
    .select({ id: skillQueues.id })
    .from(skillQueues)
    .where(and(eq(skillQueues.tenantId, scope.tenantId), inArray(skillQueues.id, [...queueIds])));
  return new Set(rows.map((row) => row.id));
}

// ---- Drafts: the wizard's unsaved work (never secrets) ----

/** The draft target of a channel not yet created. */
export const NEW_CHANNEL_TARGET = "00000000-0000-0000-0000-000000000000";

type DraftKey = { userId: string; target: string };

const draftWhere = (scope: TenantScope, key: DraftKey) =>
  and(eq(channelDrafts.tenantId, scope.tenantId), eq(channelDrafts.userId, key.userId), eq(channelDrafts.target, key.target));

export async function getDraft(db: DbOrTx, scope: TenantScope, key: DraftKey) {
  const [row] = await db
    .select({ step: channelDrafts.step, data: channelDrafts.data, baseVersion: channelDrafts.baseVersion, updatedAt: channelDrafts.updatedAt })
    .from(channelDrafts)
    .where(draftWhere(scope, key));
  return row ?? null;
}

export async function upsertDraft(
  db: DbOrTx,
  scope: TenantScope,
  key: DraftKey,
  draft: { step: number; data: Record<string, unknown>; baseVersion: number | null },
): Promise<void> {
  await db
    .insert(channelDrafts)
    .values({ tenantId: scope.tenantId, ...key, ...draft })
    .onConflictDoUpdate({
      target: [channelDrafts.tenantId, channelDrafts.userId, channelDrafts.target],
      set: { step: draft.step, data: draft.data, baseVersion: draft.baseVersion, updatedAt: sql`now()` },
    });
}

export async function deleteDraft(db: DbOrTx, scope: TenantScope, key: DraftKey): Promise<void> {
  await db.delete(channelDrafts).where(draftWhere(scope, key));
}
