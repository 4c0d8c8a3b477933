import type { DeliveryState, DeliveryStatus, WebhookCredential, WebhookEndpoint, WebhookOutcome } from "../../schema/webhooks";

/** One event of a call, ready for webhook_events. */
export interface EventRow {
  kind: "message" | "status" | "error";
  idempotencyKey: string;
  providerMessageId: string;
  type: string;
  providerType: string;
  status: DeliveryStatus | null;
  fromAddress: string | null;
  toAddress: string | null;
  senderName: string | null;
  text: string | null;
  errorCode: string | null;
  errorReason: string | null;
  occurredAt: Date;
  /** The provider's item as JSON text, already free of U+0000. */
  rawJson: string;
  /** An automatic reply to queue if this event is stored for the first time (issue 16). */
  autoReply?: AutoReplyRow | null;
}

/** An outbound message (kind auto-reply) and its send job, written with the event that caused it. */
export interface AutoReplyRow {
  recipient: string;
  text: string;
  /** Unique per channel: one reply per customer per closed period. */
  dedupeKey: string;
}

/** A call's row in webhook_attempts. */
export interface AttemptRow {
  /** "accepted" becomes "duplicate" here when none of the call's events was new. */
  outcome: Exclude<WebhookOutcome, "duplicate">;
  statusCode: number;
  reason: string | null;
  ignored: number;
  suppressed: number;
  durationMs: number;
  at: Date;
  /** Which of the channel's secrets verified the call (the secret grace period); null or absent: none did. */
  credential?: WebhookCredential | null;
}

/** Everything one webhook call writes. */
export interface WebhookWrite {
  tenantId: string;
  channelId: string;
  endpoint: WebhookEndpoint;
  method: string;
  /**
   * For deliveries: the channel version the call was authenticated against. The write is refused
   * as stale unless the channel is still enabled at that version. Null for log-only writes.
   */
  expectedVersion: number | null;
  /**
   * When an event carries an automatic-reply decision: the tenant calendar version it was made on.
   * The write is refused as stale unless tenants.calendar_version still has it.
   */
  expectedCalendarVersion?: number | null;
  events: EventRow[];
  /** Null: nothing to log. */
  attempt: AttemptRow | null;
  /**
   * Whether this call updates the URL's live status row. Rejections and handshakes always do; the
   * ingestor lets an accepted call through about once a second per URL, because every batch
   * updating the same row would serialise concurrent batches on its lock.
   */
  touchesEndpointStatus: boolean;
}

export type WriteResult = { kind: "stored"; stored: number; duplicates: number } | { kind: "stale" };

/** Per live write: its new and duplicate events, and the outcome its log row got (null: not logged). */
export type Counts = Map<WebhookWrite, { stored: number; duplicates: number; outcome: WebhookOutcome | null }>;

/** A status report stored for the first time, with the call that brought it. */
export interface NewReport {
  write: WebhookWrite;
  event: EventRow;
}

/**
 * The delivery-status rule, passed in by the caller (lib/webhooks/status-order.ts, foldStatusTransitions):
 * the state after `incoming` reports, in arrival order, reach a message whose state is `current`
 * (null: none recorded). `changed` false means there is nothing to write.
 */
export type StatusFold = (
  current: DeliveryState | null,
  incoming: readonly DeliveryState[],
) => { state: DeliveryState | null; changed: boolean };
