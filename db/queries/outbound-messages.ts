import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { outboundMessages, outboundMessageStates } from "../schema";
import type { TenantScope } from "../scope";

/*
 * The console's outbound messages and their send jobs. A row and its graphile-worker job are
 * written in the caller's transaction (graphile_worker.add_job is plain SQL), so a message never
 * exists without the job that sends it, nor a job without its row. Every status change is a
 * conditional update: two workers can never both hold one message.
 */

export const OUTBOUND_SEND_JOB = "outbound-send";

export type OutboundMessage = typeof outboundMessages.$inferSelect;
export type OutboundMessageKind = OutboundMessage["kind"];

export interface NewOutboundMessage {
  kind: OutboundMessageKind;
  channelId: string;
  recipient: string;
  text: string;
  templateName?: string | null;
  dedupeKey?: string | null;
  createdByUserId?: string | null;
}

export interface SendJobPayload {
  messageId: string;
  tenantId: string;
  /** Lets the worker wait for the channel's rate limit without reading the message first. */
  channelId: string;
}

async function addSendJob(tx: DbOrTx, payload: SendJobPayload, runAt: Date | null): Promise<void> {
  // max_attempts 1: a thrown task is a bug, and our own retries (with the provider's Retry-After) are new jobs.
  await tx.execute(
    sql`select graphile_worker.add_job(${OUTBOUND_SEND_JOB}, json_build_object('messageId', ${payload.messageId}::text, 'tenantId', ${payload.tenantId}::text, 'channelId', ${payload.channelId}::text),
        run_at := ${runAt ? runAt.toISOString() : null}::timestamptz, max_attempts := 1)`,
  );
}

/**
 * The same jobs as SQL text for a statement that inserts outbound_messages rows itself (the webhook
 * batch writer's automatic replies): one add_jobs call for every row of `rows` (a relation with id,
 * tenant_id and channel_id), yielding one row per job. One call per statement, not one add_job per
 * message: at a thousand replies a second the per-call cost was most of the statement.
 */
export function sendJobsFromSql(rows: string): string {
  return `graphile_worker.add_jobs((
    select array_agg(row('${OUTBOUND_SEND_JOB}', json_build_object('messageId', r.id::text, 'tenantId', r.tenant_id::text, 'channelId', r.channel_id::text),
      null, null, 1, null, null, null)::graphile_worker.job_spec)
    from ${rows} r))`;
}

/**
 * The row and its job, once per (channel, dedupe key): a second call with the same key answers
 * the first row and adds no job. Without a key every call is a new message.
 */
export async function insertOutboundMessage(
  tx: DbOrTx,
  scope: TenantScope,
  message: NewOutboundMessage,
): Promise<{ message: OutboundMessage; created: boolean }> {
  const [row] = await tx
    .insert(outboundMessages)
    .values({ ...message, tenantId: scope.tenantId, status: "queued" })
    .onConflictDoNothing({ target: [outboundMessages.channelId, outboundMessages.dedupeKey], where: sql`${outboundMessages.dedupeKey} is not null` })
    .returning();
  if (row) {
    await addSendJob(tx, { messageId: row.id, tenantId: scope.tenantId, channelId: row.channelId }, null);
    return { message: row, created: true };
  }
  const [existing] = await tx
    .select()
    .from(outboundMessages)
    .where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.channelId, message.channelId), eq(outboundMessages.dedupeKey, message.dedupeKey!)));
  return { message: existing!, created: false };
}

export async function getOutboundMessage(db: DbOrTx, scope: TenantScope, id: string): Promise<OutboundMessage | null> {
  const [row] = await db.select().from(outboundMessages).where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.id, id)));
  return row ?? null;
}

/** queued → sending, counting the attempt; null when the message is not queued (another worker has it, or it is done). */
export async function claimOutboundMessage(db: DbOrTx, scope: TenantScope, id: string): Promise<OutboundMessage | null> {
  const [row] = await db
    .update(outboundMessages)
    .set({ status: "sending", attempts: sql`${outboundMessages.attempts} + 1`, updatedAt: sql`now()` })
    .where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.id, id), eq(outboundMessages.status, "queued")))
    .returning();
  return row ?? null;
}

/**
 * The provider's id. Also over a message the stale sweep had given up on ("outcome unknown"): the
 * answer did come after all, and it is the truth. Never over another accepted id.
 */
export async function markOutboundAccepted(db: DbOrTx, scope: TenantScope, id: string, providerMessageId: string): Promise<boolean> {
  const rows = await db
    .update(outboundMessages)
    .set({ status: "accepted", providerMessageId, errorCode: null, errorMessage: null, acceptedAt: sql`now()`, updatedAt: sql`now()` })
    .where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.id, id), inArray(outboundMessages.status, ["sending", "failed", "queued"])))
    .returning({ id: outboundMessages.id });
  return rows.length > 0;
}

/** sending → failed, with the provider's code and words (or ours). */
export async function markOutboundFailed(db: DbOrTx, scope: TenantScope, id: string, error: { code: string; message?: string | null }): Promise<boolean> {
  const rows = await db
    .update(outboundMessages)
    .set({ status: "failed", errorCode: error.code, errorMessage: error.message ?? null, updatedAt: sql`now()` })
    .where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.id, id), eq(outboundMessages.status, "sending")))
    .returning({ id: outboundMessages.id });
  return rows.length > 0;
}

/** sending → queued with a new job at `runAt`, in one transaction; the last error stays visible meanwhile. */
export async function requeueOutboundMessage(
  tx: DbOrTx,
  scope: TenantScope,
  id: string,
  runAt: Date,
  error: { code: string; message?: string | null },
): Promise<boolean> {
  const [row] = await tx
    .update(outboundMessages)
    .set({ status: "queued", errorCode: error.code, errorMessage: error.message ?? null, updatedAt: sql`now()` })
    .where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.id, id), eq(outboundMessages.status, "sending")))
    .returning({ id: outboundMessages.id, channelId: outboundMessages.channelId });
  if (!row) return false;
  await addSendJob(tx, { messageId: id, tenantId: scope.tenantId, channelId: row.channelId }, runAt);
  return true;
}

export interface StaleSend {
  id: string;
  tenantId: string;
  channelId: string;
}

/** Messages held in "sending" since before `before`: their worker died mid-send. Locked for the caller's transaction. */
export async function lockStaleSends(tx: DbOrTx, before: Date, limit = 100): Promise<StaleSend[]> {
  return tx
    .select({ id: outboundMessages.id, tenantId: outboundMessages.tenantId, channelId: outboundMessages.channelId })
    .from(outboundMessages)
    .where(and(eq(outboundMessages.status, "sending"), lt(outboundMessages.updatedAt, before)))
    .limit(limit)
    .for("update", { skipLocked: true });
}

export interface OutboundMessageListItem {
  id: string;
  kind: OutboundMessageKind;
  recipient: string;
  templateName: string | null;
  status: OutboundMessage["status"];
  attempts: number;
  errorCode: string | null;
  errorMessage: string | null;
  providerMessageId: string | null;
  createdAt: Date;
  /** What the provider's status webhooks said since (sent, delivered, read, failed…), matched on its message id. */
  deliveryStatus: string | null;
  deliveryErrorCode: string | null;
  deliveryErrorReason: string | null;
}

/** The channel's latest outbound messages with their delivery state, newest first. */
export async function listOutboundMessages(db: DbOrTx, scope: TenantScope, channelId: string, limit: number): Promise<OutboundMessageListItem[]> {
  return db
    .select({
      id: outboundMessages.id,
      kind: outboundMessages.kind,
      recipient: outboundMessages.recipient,
      templateName: outboundMessages.templateName,
      status: outboundMessages.status,
      attempts: outboundMessages.attempts,
      errorCode: outboundMessages.errorCode,
      errorMessage: outboundMessages.errorMessage,
      providerMessageId: outboundMessages.providerMessageId,
      createdAt: outboundMessages.createdAt,
      deliveryStatus: outboundMessageStates.status,
      deliveryErrorCode: outboundMessageStates.errorCode,
      deliveryErrorReason: outboundMessageStates.errorReason,
    })
    .from(outboundMessages)
    .leftJoin(
      outboundMessageStates,
      and(eq(outboundMessageStates.channelId, outboundMessages.channelId), eq(outboundMessageStates.providerMessageId, outboundMessages.providerMessageId)),
    )
    .where(and(eq(outboundMessages.tenantId, scope.tenantId), eq(outboundMessages.channelId, channelId)))
    .orderBy(desc(outboundMessages.createdAt))
    .limit(limit);
}
