import { and, desc, eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels, outboundMessageStates, webhookAttempts, webhookEndpointStatus, webhookEvents } from "../schema";
import type { WEBHOOK_EVENT_KINDS, WebhookCredential, WebhookEndpoint, WebhookOutcome } from "../schema/webhooks";
import type { TenantScope } from "../scope";

/*
 * What the channel page's activity section and the Channel Integration step's live status read.
 * Every read joins the channel on (id, tenant_id) with the caller's tenant in the WHERE, so
 * another tenant's channel id reads exactly like a channel with no traffic at all (or null).
 */

/** Half-open: from ≤ t < to. */
export interface ActivityPeriodBounds {
  from: Date;
  to: Date;
}

export interface ActivityCounts {
  /** Customer messages that occurred in the period. */
  received: number;
  /** Outbound messages whose first report falls in the period, failed ones included (seed 002: "total sent"). */
  sent: number;
  /** Of those: delivered, read or played. */
  delivered: number;
  /** Of those: read or played. */
  read: number;
  /** Of those: failed or undelivered. */
  failed: number;
}

/** Longer texts are cut here, in SQL, so a 64 KiB message never leaves the database for a table cell. */
export const EVENT_TEXT_MAX = 200;

export interface ActivityEvent {
  id: number;
  occurredAt: Date;
  receivedAt: Date;
  /** "error": a provider error about no one message (its text holds the details). */
  kind: (typeof WEBHOOK_EVENT_KINDS)[number];
  type: string;
  fromAddress: string | null;
  toAddress: string | null;
  senderName: string | null;
  /** At most EVENT_TEXT_MAX characters. */
  text: string | null;
  textTruncated: boolean;
  status: string | null;
  errorCode: string | null;
  errorReason: string | null;
}

export interface ActivityAttempt {
  id: number;
  at: Date;
  endpoint: WebhookEndpoint;
  method: string;
  outcome: WebhookOutcome;
  statusCode: number;
  reason: string | null;
  stored: number;
  duplicates: number;
  ignored: number;
  suppressed: number;
  durationMs: number;
  /** Which of the channel's secrets verified the call (the secret grace period); null when none did. */
  credential: WebhookCredential | null;
}

export interface EndpointStatus {
  endpoint: WebhookEndpoint;
  firstAcceptedAt: Date | null;
  lastAcceptedAt: Date | null;
  lastRejectedAt: Date | null;
  lastRejectionReason: string | null;
  lastRejectionStatus: number | null;
  verifiedAt: Date | null;
}

const channelInTenant = (scope: TenantScope, channelId: string) => and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId));

/** The period's counters, or null when the channel is not the tenant's. */
export async function getActivityCounts(db: DbOrTx, scope: TenantScope, channelId: string, period: ActivityPeriodBounds): Promise<ActivityCounts | null> {
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  // Each count reads one index range: webhook_events (channel_id, kind, occurred_at), outbound_message_states (channel_id, first_reported_at).
  const [row] = await db
    .select({
      received: sql<number>`(
        select count(*)::int from ${webhookEvents} e
        where e.tenant_id = ${scope.tenantId} and e.channel_id = ${channels.id} and e.kind = 'message'
          and e.occurred_at >= ${from}::timestamptz and e.occurred_at < ${to}::timestamptz)`,
      sent: sql<number>`o.sent`,
      delivered: sql<number>`o.delivered`,
      read: sql<number>`o.read`,
      failed: sql<number>`o.failed`,
    })
    .from(channels)
    .crossJoinLateral(
      sql`(
        select count(*)::int as sent,
          (count(*) filter (where s.status in ('delivered', 'read', 'played')))::int as delivered,
          (count(*) filter (where s.status in ('read', 'played')))::int as read,
          (count(*) filter (where s.status in ('failed', 'undelivered')))::int as failed
        from ${outboundMessageStates} s
        where s.tenant_id = ${scope.tenantId} and s.channel_id = ${channels.id}
          and s.first_reported_at >= ${from}::timestamptz and s.first_reported_at < ${to}::timestamptz
      ) o`,
    )
    .where(channelInTenant(scope, channelId));
  return row ?? null;
}

/** The newest stored messages and reports first. */
export async function listLatestEvents(db: DbOrTx, scope: TenantScope, channelId: string, limit: number): Promise<ActivityEvent[]> {
  return db
    .select({
      id: webhookEvents.id,
      occurredAt: webhookEvents.occurredAt,
      receivedAt: webhookEvents.receivedAt,
      kind: webhookEvents.kind,
      type: webhookEvents.type,
      fromAddress: webhookEvents.fromAddress,
      toAddress: webhookEvents.toAddress,
      senderName: webhookEvents.senderName,
      text: sql<string | null>`left(${webhookEvents.text}, ${EVENT_TEXT_MAX})`,
      textTruncated: sql<boolean>`coalesce(char_length(${webhookEvents.text}) > ${EVENT_TEXT_MAX}, false)`,
      status: webhookEvents.status,
      errorCode: webhookEvents.errorCode,
      errorReason: webhookEvents.errorReason,
    })
    .from(webhookEvents)
    .innerJoin(channels, and(eq(channels.id, webhookEvents.channelId), eq(channels.tenantId, webhookEvents.tenantId)))
    .where(and(channelInTenant(scope, channelId), eq(webhookEvents.channelId, channelId), eq(webhookEvents.tenantId, scope.tenantId)))
    .orderBy(desc(webhookEvents.id))
    .limit(limit);
}

/** The newest logged webhook calls first. */
export async function listLatestAttempts(db: DbOrTx, scope: TenantScope, channelId: string, limit: number): Promise<ActivityAttempt[]> {
  return db
    .select({
      id: webhookAttempts.id,
      at: webhookAttempts.at,
      endpoint: webhookAttempts.endpoint,
      method: webhookAttempts.method,
      outcome: webhookAttempts.outcome,
      statusCode: webhookAttempts.statusCode,
      reason: webhookAttempts.reason,
      stored: webhookAttempts.stored,
      duplicates: webhookAttempts.duplicates,
      ignored: webhookAttempts.ignored,
      suppressed: webhookAttempts.suppressed,
      durationMs: webhookAttempts.durationMs,
      credential: webhookAttempts.credential,
    })
    .from(webhookAttempts)
    .innerJoin(channels, and(eq(channels.id, webhookAttempts.channelId), eq(channels.tenantId, webhookAttempts.tenantId)))
    .where(and(channelInTenant(scope, channelId), eq(webhookAttempts.channelId, channelId), eq(webhookAttempts.tenantId, scope.tenantId)))
    .orderBy(desc(webhookAttempts.id))
    .limit(limit);
}

/**
 * Each URL's last acceptance, rejection and Meta verification; URLs never called have no row.
 * Null when the channel is not the tenant's (the status route answers 404).
 */
export async function getEndpointStatuses(db: DbOrTx, scope: TenantScope, channelId: string): Promise<EndpointStatus[] | null> {
  const rows = await db
    .select({
      endpoint: webhookEndpointStatus.endpoint,
      firstAcceptedAt: webhookEndpointStatus.firstAcceptedAt,
      lastAcceptedAt: webhookEndpointStatus.lastAcceptedAt,
      lastRejectedAt: webhookEndpointStatus.lastRejectedAt,
      lastRejectionReason: webhookEndpointStatus.lastRejectionReason,
      lastRejectionStatus: webhookEndpointStatus.lastRejectionStatus,
      verifiedAt: webhookEndpointStatus.verifiedAt,
    })
    .from(channels)
    .leftJoin(
      webhookEndpointStatus,
      and(
        eq(webhookEndpointStatus.channelId, channels.id),
        eq(webhookEndpointStatus.tenantId, channels.tenantId),
        eq(webhookEndpointStatus.tenantId, scope.tenantId),
      ),
    )
    .where(channelInTenant(scope, channelId))
    .orderBy(webhookEndpointStatus.endpoint);
  if (rows.length === 0) return null;
  return rows.filter((row): row is EndpointStatus => row.endpoint !== null);
}
