import { sql } from "drizzle-orm";
import { bigint, check, foreignKey, index, integer, jsonb, pgTable, primaryKey, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";

/*
 * What providers' webhooks leave behind. Every table carries tenant_id with a composite foreign key
 * to (channels.tenant_id, channels.id), so a row can only ever belong to its channel's tenant, and
 * deleting a channel deletes its traffic.
 */

/** The URL names of lib/channels/integration.ts: which of a channel's webhook URLs was called. */
export const WEBHOOK_ENDPOINTS = ["message", "report", "status", "webhook"] as const;
export const WEBHOOK_OUTCOMES = ["accepted", "duplicate", "rejected", "verified"] as const;
/** Which of a channel's webhook secrets verified a call: the one stored now, or the one replaced in its grace period. */
export const WEBHOOK_CREDENTIALS = ["current", "previous"] as const;
/** "error": a provider error about no one message (Meta `value.errors`), kept because no provider sends a webhook twice. */
export const WEBHOOK_EVENT_KINDS = ["message", "status", "error"] as const;
/**
 * Provider-neutral delivery statuses of an outbound message, as webhook_events.status and
 * outbound_message_states.status hold them. Their order is a business rule: lib/webhooks/status-order.ts.
 */
export const DELIVERY_STATUSES = ["accepted", "queued", "sent", "delivered", "read", "played", "failed", "undelivered", "unknown"] as const;

const channelFk = (name: string, t: { tenantId: unknown; channelId: unknown }) =>
  foreignKey({
    name,
    columns: [t.tenantId as never, t.channelId as never],
    foreignColumns: [channels.tenantId, channels.id],
  }).onDelete("cascade");

/**
 * One customer message or one status report, stored once per channel: the unique
 * (channel_id, idempotency_key) turns a provider's retry into a no-op (protocols.md §0).
 * `raw` is the provider's own item, because no provider can send a webhook again.
 */
export const webhookEvents = pgTable(
  "webhook_events",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    endpoint: text({ enum: WEBHOOK_ENDPOINTS }).notNull(),
    kind: text({ enum: WEBHOOK_EVENT_KINDS }).notNull(),
    idempotencyKey: text().notNull(),
    providerMessageId: text().notNull(),
    /** Neutral type (text, image, …; delivery / seen / status for reports). */
    type: text().notNull(),
    /** The provider's own name for it (INTERACTIVE_LIST_REPLY, edited_message.text, DELIVERED_TO_HANDSET). */
    providerType: text().notNull(),
    /** Reports only: the neutral delivery status this report carried. */
    status: text(),
    fromAddress: text(),
    toAddress: text(),
    senderName: text(),
    text: text(),
    errorCode: text(),
    errorReason: text(),
    occurredAt: timestamp({ withTimezone: true }).notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    raw: jsonb().notNull(),
  },
  (t) => [
    unique("webhook_events_idempotency_key").on(t.channelId, t.idempotencyKey),
    channelFk("webhook_events_channel_fk", t),
    index("webhook_events_latest_idx").on(t.channelId, t.id.desc()),
    index("webhook_events_period_idx").on(t.channelId, t.kind, t.occurredAt),
  ],
);

/**
 * The current delivery status of each outbound message a channel received reports about, applied
 * monotonically (lib/webhooks/status-order.ts): the activity counters read it.
 */
export const outboundMessageStates = pgTable(
  "outbound_message_states",
  {
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    providerMessageId: text().notNull(),
    status: text().notNull(),
    errorCode: text(),
    errorReason: text(),
    /** The earliest report's time: which period the message counts in. */
    firstReportedAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.providerMessageId] }),
    channelFk("outbound_message_states_channel_fk", t),
    index("outbound_message_states_period_idx").on(t.channelId, t.firstReportedAt),
  ],
);

/**
 * Every call to a channel's webhook URLs: accepted, duplicate, or rejected and why. Bounded per
 * channel (lib/webhooks/attempt-log.ts prunes it); rejections are rate-limited before they get here,
 * with `suppressed` counting the ones not written since the previous row.
 */
export const webhookAttempts = pgTable(
  "webhook_attempts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    endpoint: text({ enum: WEBHOOK_ENDPOINTS }).notNull(),
    method: text().notNull(),
    outcome: text({ enum: WEBHOOK_OUTCOMES }).notNull(),
    statusCode: smallint().notNull(),
    /** A code of lib/webhooks/reasons.ts; never payload text or a secret. */
    reason: text(),
    /** Events stored by this call (0 for duplicates and rejections). */
    stored: integer().notNull().default(0),
    duplicates: integer().notNull().default(0),
    /** Events addressed to another account (Meta: another phone number id of the same app), not stored. */
    ignored: integer().notNull().default(0),
    suppressed: integer().notNull().default(0),
    durationMs: integer().notNull(),
    at: timestamp({ withTimezone: true }).notNull().defaultNow(),
    /** Which secret verified the call; null when none did or the provider presents none (other-oAuth, handshakes). */
    credential: text({ enum: WEBHOOK_CREDENTIALS }),
  },
  (t) => [channelFk("webhook_attempts_channel_fk", t), index("webhook_attempts_channel_idx").on(t.channelId, t.id.desc())],
);

/**
 * Per channel and URL: what the Channel Integration step shows as its live status ("waiting for
 * the first call" until last_accepted_at is set; the last rejection's reason when calls fail).
 */
export const webhookEndpointStatus = pgTable(
  "webhook_endpoint_status",
  {
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    endpoint: text({ enum: WEBHOOK_ENDPOINTS }).notNull(),
    firstAcceptedAt: timestamp({ withTimezone: true }),
    lastAcceptedAt: timestamp({ withTimezone: true }),
    lastRejectedAt: timestamp({ withTimezone: true }),
    lastRejectionReason: text(),
    lastRejectionStatus: smallint(),
    /** Meta's GET handshake answered with the right verify token. */
    verifiedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.endpoint] }),
    channelFk("webhook_endpoint_status_channel_fk", t),
    check("webhook_endpoint_status_reason_check", sql`(${t.lastRejectedAt} is null) = (${t.lastRejectionReason} is null)`),
  ],
);

export type WebhookEndpoint = (typeof WEBHOOK_ENDPOINTS)[number];
export type WebhookOutcome = (typeof WEBHOOK_OUTCOMES)[number];
export type WebhookCredential = (typeof WEBHOOK_CREDENTIALS)[number];
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];
/** A message's delivery state as outbound_message_states holds it; errors only on failures. */
export interface DeliveryState {
  status: DeliveryStatus;
  errorCode?: string;
  errorReason?: string;
}
export type WebhookEventRow = typeof webhookEvents.$inferSelect;
export type WebhookAttemptRow = typeof webhookAttempts.$inferSelect;
export type WebhookEndpointStatusRow = typeof webhookEndpointStatus.$inferSelect;
