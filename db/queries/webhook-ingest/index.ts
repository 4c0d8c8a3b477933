/*
 * The webhook write path: one transaction for a whole group of calls (lib/webhooks/ingest/
 * group-commit.ts), in plain SQL over unnest() arrays so a batch costs a fixed handful of round
 * trips whatever its size. One file per thing written:
 *   write-batch.ts      the transaction: which parts a batch needs, retries on deadlock
 *   store-batch.ts      webhook_events + webhook_attempts (+ automatic replies and their jobs), in one statement
 *   delivery-states.ts  outbound_message_states, moved forward by the caller's status rule
 *   endpoint-status.ts  webhook_endpoint_status, each URL's live status
 *   attempt-log.ts      keeps webhook_attempts bounded
 * db knows no business rule: the status order reaches it as an argument (StatusFold).
 */

export { pruneWebhookAttempts } from "./attempt-log";
export type { AttemptRow, AutoReplyRow, EventRow, StatusFold, WebhookWrite, WriteResult } from "./types";
export { writeWebhookBatch } from "./write-batch";
