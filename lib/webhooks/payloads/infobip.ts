import { z } from "zod";
import type { DeliveryStatus } from "../status-order";
import {
  type MessageEvent,
  type MessageType,
  type NormalizeOptions,
  type NormalizedPayload,
  type StatusEvent,
  type WebhookEvent,
  compact,
  idString,
  infobipTime,
  nullableText,
  parseInfobipTime,
  textAt,
} from "./common";

/*
 * Infobip WhatsApp webhooks (protocols.md §2): `{ results: [...] }` for inbound messages (the
 * MO_OTT_CONTACT renderer), delivery reports and seen reports. Infobip uses "one URL for all
 * report types", so each result is told apart by its shape: `message` → inbound, `seenAt` →
 * seen, `status` → delivery. The same shapes arrive from "other" BSPs speaking Infobip's format.
 */

/** Fields each media type must carry, so a truncated result fails at the field that is missing. */
const REQUIRED_BY_TYPE: Record<string, [field: string, type: "string" | "number"][]> = {
  TEXT: [["text", "string"]],
  IMAGE: [["url", "string"]],
  DOCUMENT: [["url", "string"]],
  VIDEO: [["url", "string"]],
  AUDIO: [["url", "string"]],
  VOICE: [["url", "string"]],
  STICKER: [["url", "string"]],
  LOCATION: [
    ["latitude", "number"],
    ["longitude", "number"],
  ],
};

const inboundMessageSchema = z.looseObject({ type: idString }).superRefine((message, ctx) => {
  for (const [field, type] of REQUIRED_BY_TYPE[message.type] ?? []) {
    if (typeof message[field] !== type) ctx.addIssue({ code: "custom", path: [field], message: `Required (${type}) for a ${message.type} message` });
  }
});

const inboundSchema = z.looseObject({
  from: idString,
  to: idString,
  messageId: idString,
  receivedAt: infobipTime,
  message: inboundMessageSchema,
  integrationType: z.string().optional(),
  contact: z.looseObject({ name: nullableText }).nullish(),
});

const deliverySchema = z.looseObject({
  messageId: idString,
  status: z.looseObject({
    groupName: idString,
    groupId: z.number().optional(),
    id: z.number().optional(),
    name: nullableText,
    description: nullableText,
  }),
  error: z
    .looseObject({
      id: z.number().optional(),
      name: nullableText,
      description: nullableText,
      groupId: z.number().optional(),
      groupName: nullableText,
      permanent: z.boolean().optional(),
    })
    .nullish(),
  doneAt: infobipTime.nullish(),
  sentAt: infobipTime.nullish(),
  to: nullableText,
  from: nullableText,
});

const seenSchema = z.looseObject({
  messageId: idString,
  seenAt: infobipTime,
  sentAt: infobipTime.nullish(),
  from: nullableText,
  to: nullableText,
});

export type InfobipInbound = z.infer<typeof inboundSchema>;
export type InfobipDeliveryReport = z.infer<typeof deliverySchema>;
export type InfobipSeenReport = z.infer<typeof seenSchema>;

export type InfobipResult =
  | { kind: "inbound"; result: InfobipInbound }
  | { kind: "delivery"; result: InfobipDeliveryReport }
  | { kind: "seen"; result: InfobipSeenReport };

const has = (value: object, key: string) => Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] != null;

/** Classifies one result by shape, then validates it against that kind's schema. */
const resultSchema = z.unknown().transform((value, ctx): InfobipResult => {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    ctx.addIssue({ code: "custom", message: "Expected an object" });
    return z.NEVER;
  }
  const kind = has(value, "message") ? "inbound" : has(value, "seenAt") ? "seen" : has(value, "status") ? "delivery" : null;
  if (!kind) {
    ctx.addIssue({ code: "custom", message: "Expected an inbound message (message), a delivery report (status) or a seen report (seenAt)" });
    return z.NEVER;
  }
  const schema = kind === "inbound" ? inboundSchema : kind === "seen" ? seenSchema : deliverySchema;
  const parsed = schema.safeParse(value);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message });
    return z.NEVER;
  }
  return { kind, result: parsed.data } as InfobipResult;
});

export const infobipPayloadSchema = z.looseObject({
  results: z.array(resultSchema),
  messageCount: z.number().optional(),
  pendingMessageCount: z.number().optional(),
});

export type InfobipPayload = z.infer<typeof infobipPayloadSchema>;

const MESSAGE_TYPES: Record<string, MessageType> = {
  TEXT: "text",
  IMAGE: "image",
  DOCUMENT: "document",
  STICKER: "sticker",
  LOCATION: "location",
  CONTACT: "contact",
  VIDEO: "video",
  VOICE: "voice",
  AUDIO: "audio",
  BUTTON: "button",
  INTERACTIVE_BUTTON_REPLY: "interactive",
  INTERACTIVE_LIST_REPLY: "interactive",
  INTERACTIVE_FLOW_REPLY: "interactive",
  INTERACTIVE_CALL_PERMISSION_REPLY: "interactive",
  INTERACTIVE_PAYMENT_CONFIRMATION: "payment",
  ORDER: "order",
  REACTION: "reaction",
  INFECTED_CONTENT: "unsupported",
  UNSUPPORTED: "unsupported",
};

function messageText(message: InfobipInbound["message"]): string | undefined {
  switch (message.type) {
    case "TEXT":
    case "BUTTON":
    case "ORDER":
      return textAt(message, "text");
    case "IMAGE":
    case "DOCUMENT":
    case "VIDEO":
      return textAt(message, "caption");
    case "INTERACTIVE_BUTTON_REPLY":
    case "INTERACTIVE_LIST_REPLY":
      return textAt(message, "title");
    case "INTERACTIVE_FLOW_REPLY":
      return textAt(message, "body");
    case "REACTION":
      return textAt(message, "emoji");
    case "LOCATION":
      return textAt(message, "name") ?? textAt(message, "address");
    default:
      return undefined;
  }
}

/** Infobip status groups (protocols.md §2: PENDING, UNDELIVERABLE, DELIVERED, EXPIRED, REJECTED). */
function deliveryStatus(status: InfobipDeliveryReport["status"]): DeliveryStatus {
  switch (status.groupName) {
    case "PENDING":
      return status.name === "PENDING_ACCEPTED" ? "accepted" : "sent";
    case "DELIVERED":
      return "delivered";
    case "UNDELIVERABLE":
    case "EXPIRED":
      return "undelivered";
    case "REJECTED":
      return "failed";
    default:
      return "unknown";
  }
}

/** The report's error, or for a failure without one ("NO_ERROR"), the status itself. */
function deliveryError(report: InfobipDeliveryReport, status: DeliveryStatus): { errorCode?: string; errorReason?: string } {
  const error = report.error;
  if (error && (error.id ?? 0) !== 0) {
    return compact({ errorCode: String(error.id), errorReason: error.description ?? error.name ?? undefined });
  }
  if (status === "failed" || status === "undelivered") {
    return compact({ errorCode: report.status.name ?? report.status.groupName, errorReason: report.status.description ?? undefined });
  }
  return {};
}

function toEvent(item: InfobipResult, { receivedAt }: NormalizeOptions): WebhookEvent {
  switch (item.kind) {
    case "inbound": {
      const r = item.result;
      return compact<MessageEvent>({
        kind: "message",
        providerMessageId: r.messageId,
        idempotencyKey: `message:${r.messageId}`,
        type: MESSAGE_TYPES[r.message.type] ?? "unsupported",
        providerType: r.message.type,
        from: r.from,
        to: r.to,
        senderName: r.contact?.name ?? undefined,
        text: messageText(r.message),
        occurredAt: parseInfobipTime(r.receivedAt)!,
        raw: r,
      });
    }
    case "delivery": {
      const r = item.result;
      const status = deliveryStatus(r.status);
      const time = r.doneAt ?? r.sentAt;
      return compact<StatusEvent>({
        kind: "status",
        providerMessageId: r.messageId,
        idempotencyKey: `delivery:${r.messageId}:${r.status.groupName}`,
        type: "delivery",
        providerType: r.status.name ?? r.status.groupName,
        status,
        from: r.from ?? undefined,
        to: r.to ?? undefined,
        ...deliveryError(r, status),
        occurredAt: time ? parseInfobipTime(time)! : receivedAt,
        raw: r,
      });
    }
    case "seen": {
      const r = item.result;
      return compact<StatusEvent>({
        kind: "status",
        providerMessageId: r.messageId,
        idempotencyKey: `seen:${r.messageId}`,
        type: "seen",
        providerType: "SEEN",
        status: "read",
        from: r.from ?? undefined,
        to: r.to ?? undefined,
        occurredAt: parseInfobipTime(r.seenAt)!,
        raw: r,
      });
    }
  }
}

/** One event per result, in payload order. Infobip sends no errors outside results. */
export function normalizeInfobipPayload(payload: InfobipPayload, options: NormalizeOptions): NormalizedPayload {
  return { events: payload.results.map((item) => toEvent(item, options)), errors: [] };
}
