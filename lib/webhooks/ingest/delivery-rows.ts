import { createHash } from "node:crypto";
import type { EventRow } from "@/db/queries/webhook-ingest";
import type { NormalizedPayload, ProviderError, WebhookEvent } from "../payloads/common";
import { autoReplyFor } from "./auto-reply";
import { jsonWithoutNul, optionalWithoutNul, withoutNul } from "./sanitize";
import type { WebhookChannel } from "./webhook-channel";

/*
 * A parsed delivery to the rows its channel stores: the channel's own events and provider errors,
 * free of U+0000 (sanitize.ts), and how many items were someone else's.
 */

export interface DeliveryRows {
  events: EventRow[];
  /** Items for another channel (Meta: another phone number id), counted on the log row, not stored. */
  ignored: number;
}

export function deliveryRows(channel: WebhookChannel, payload: NormalizedPayload, receivedAt: Date, autoReplyMaxAgeMs: number): DeliveryRows {
  const mine = payload.events.filter((event) => belongsTo(channel, event));
  const errors = payload.errors.filter((error) => belongsTo(channel, error));
  const withReply = (row: EventRow): EventRow => {
    const autoReply = autoReplyFor(channel.autoReply, row, receivedAt, autoReplyMaxAgeMs);
    return autoReply ? { ...row, autoReply } : row;
  };
  return {
    events: [...mine.map((event) => withReply(toEventRow(event))), ...errors.map((error) => toErrorRow(error, receivedAt))],
    ignored: payload.events.length + payload.errors.length - mine.length - errors.length,
  };
}

/** Meta sends one app's events for all its numbers to one URL: events for another phone number id are not this channel's. */
function belongsTo(channel: WebhookChannel, event: { account?: string }): boolean {
  return channel.variant !== "cloud-api" || !channel.phoneNumberId || !event.account || event.account === channel.phoneNumberId;
}

/**
 * A provider error has no id and no time: its key is a digest of its content, so a retry of the same
 * webhook stores it once (the same error reported again later is kept once too, with its first time).
 */
function toErrorRow(error: ProviderError, receivedAt: Date): EventRow {
  const rawJson = jsonWithoutNul(error.raw);
  const digest = createHash("sha256").update(`${error.account ?? ""}\n${rawJson}`).digest("base64url");
  return {
    kind: "error",
    idempotencyKey: `error:${digest}`,
    providerMessageId: "",
    type: "error",
    providerType: withoutNul(error.code ?? "error"),
    status: null,
    fromAddress: null,
    toAddress: null,
    senderName: null,
    text: optionalWithoutNul(error.details ?? error.message ?? error.title),
    errorCode: optionalWithoutNul(error.code),
    errorReason: optionalWithoutNul(error.message ?? error.title),
    occurredAt: receivedAt,
    rawJson,
  };
}

function toEventRow(event: WebhookEvent): EventRow {
  return {
    kind: event.kind,
    idempotencyKey: withoutNul(event.idempotencyKey),
    providerMessageId: withoutNul(event.providerMessageId),
    type: event.type,
    providerType: withoutNul(event.providerType),
    status: event.kind === "status" ? event.status : null,
    fromAddress: optionalWithoutNul(event.from),
    toAddress: optionalWithoutNul(event.to),
    senderName: event.kind === "message" ? optionalWithoutNul(event.senderName) : null,
    text: event.kind === "message" ? optionalWithoutNul(event.text) : null,
    errorCode: optionalWithoutNul(event.errorCode),
    errorReason: optionalWithoutNul(event.errorReason),
    occurredAt: event.occurredAt,
    rawJson: jsonWithoutNul(event.raw),
  };
}
