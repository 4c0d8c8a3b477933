import { z } from "zod";
import type { DeliveryStatus } from "../status-order";
import {
  type MessageEvent,
  type MessageType,
  type NormalizedPayload,
  type ProviderError,
  type StatusEvent,
  compact,
  fromUnixSeconds,
  idString,
  nullableText,
  textAt,
  unixSeconds,
} from "./common";

/*
 * Meta WhatsApp Cloud API events (protocols.md §1): `entry[].changes[].value` with `messages`,
 * `statuses` and `errors`. Batches are not guaranteed, so every entry, change and item is read.
 * Changes for other fields (template status updates, account alerts…) produce no events; the
 * route still stores the raw body.
 */

const errorSchema = z.looseObject({
  code: z.union([z.number(), z.string()]).optional(),
  title: nullableText,
  message: nullableText,
  error_data: z.looseObject({ details: nullableText }).nullish(),
  href: nullableText,
});

const messageSchema = z
  .looseObject({
    from: idString,
    id: idString,
    timestamp: unixSeconds,
    type: idString,
    text: z.looseObject({ body: z.string() }).optional(),
    errors: z.array(errorSchema).optional(),
  })
  .superRefine((message, ctx) => {
    if (message.type === "text" && !message.text) ctx.addIssue({ code: "custom", path: ["text"], message: "Required for a text message" });
  });

const statusSchema = z.looseObject({
  id: idString,
  status: idString,
  timestamp: unixSeconds,
  recipient_id: z.string().optional(),
  errors: z.array(errorSchema).optional(),
});

const messagesValueSchema = z.looseObject({
  messaging_product: z.string().optional(),
  metadata: z.looseObject({ display_phone_number: z.string().optional(), phone_number_id: idString }),
  contacts: z.array(z.looseObject({ wa_id: z.string().optional(), profile: z.looseObject({ name: z.string().optional() }).optional() })).optional(),
  messages: z.array(messageSchema).optional(),
  statuses: z.array(statusSchema).optional(),
  errors: z.array(errorSchema).optional(),
});

export type MetaMessage = z.infer<typeof messageSchema>;
export type MetaStatus = z.infer<typeof statusSchema>;
export type MetaMessagesValue = z.infer<typeof messagesValueSchema>;

type MetaChange = { field: "messages"; value: MetaMessagesValue } | { field: string; value: unknown };

/** Only `field: "messages"` changes are checked in depth; other fields are kept as sent. */
const changeSchema = z.looseObject({ field: idString, value: z.unknown() }).transform((change, ctx): MetaChange => {
  if (change.field !== "messages") return change;
  const value = messagesValueSchema.safeParse(change.value);
  if (!value.success) {
    for (const issue of value.error.issues) ctx.addIssue({ code: "custom", path: ["value", ...issue.path], message: issue.message });
    return z.NEVER;
  }
  return { ...change, field: "messages", value: value.data };
});

export const metaPayloadSchema = z.looseObject({
  object: idString,
  entry: z.array(z.looseObject({ id: idString, changes: z.array(changeSchema) })),
});

export type MetaPayload = z.infer<typeof metaPayloadSchema>;

const MESSAGE_TYPES: Record<string, MessageType> = {
  text: "text",
  image: "image",
  audio: "audio",
  video: "video",
  document: "document",
  sticker: "sticker",
  location: "location",
  contacts: "contact",
  interactive: "interactive",
  button: "button",
  reaction: "reaction",
  order: "order",
  system: "system",
};

const STATUSES: Record<string, DeliveryStatus> = {
  sent: "sent",
  delivered: "delivered",
  read: "read",
  failed: "failed",
  played: "played",
};

function messageType(message: MetaMessage): MessageType {
  if (message.type === "audio" && (message.audio as { voice?: unknown } | undefined)?.voice === true) return "voice";
  return MESSAGE_TYPES[message.type] ?? "unsupported";
}

/** What a message list shows: the text, a caption, the chosen reply, the emoji. */
function messageText(m: MetaMessage): string | undefined {
  switch (m.type) {
    case "text":
      return m.text?.body;
    case "image":
    case "video":
    case "document":
      return textAt(m, m.type, "caption");
    case "interactive":
      return textAt(m, "interactive", "button_reply", "title") ?? textAt(m, "interactive", "list_reply", "title") ?? textAt(m, "interactive", "nfm_reply", "body");
    case "button":
      return textAt(m, "button", "text");
    case "reaction":
      return textAt(m, "reaction", "emoji");
    case "order":
      return textAt(m, "order", "text");
    case "system":
      return textAt(m, "system", "body");
    case "location":
      return textAt(m, "location", "name") ?? textAt(m, "location", "address");
    default:
      return undefined;
  }
}

type MetaError = z.infer<typeof errorSchema>;

function errorFields(errors: MetaError[] | undefined): { errorCode?: string; errorReason?: string } {
  const first = errors?.[0];
  if (!first) return {};
  return compact({
    errorCode: first.code === undefined ? undefined : String(first.code),
    errorReason: first.error_data?.details ?? first.message ?? first.title ?? undefined,
  });
}

/** Every message, status and error of every entry and change, in payload order. */
export function normalizeMetaPayload(payload: MetaPayload): NormalizedPayload {
  const events: (MessageEvent | StatusEvent)[] = [];
  const errors: ProviderError[] = [];
  for (const entry of payload.entry) {
    for (const change of entry.changes) {
      if (change.field !== "messages") continue;
      const value = change.value as MetaMessagesValue;
      const businessNumber = value.metadata.display_phone_number;
      const names = new Map((value.contacts ?? []).map((c) => [c.wa_id, c.profile?.name] as const));
      const onlyName = value.contacts?.length === 1 ? value.contacts[0]?.profile?.name : undefined;

      for (const message of value.messages ?? []) {
        events.push(
          compact<MessageEvent>({
            kind: "message",
            providerMessageId: message.id,
            idempotencyKey: `message:${message.id}`,
            type: messageType(message),
            providerType: message.type,
            from: message.from,
            to: businessNumber,
            account: value.metadata.phone_number_id,
            senderName: names.get(message.from) ?? onlyName,
            text: messageText(message),
            ...errorFields(message.errors),
            occurredAt: fromUnixSeconds(message.timestamp),
            raw: message,
          }),
        );
      }
      for (const status of value.statuses ?? []) {
        events.push(
          compact<StatusEvent>({
            kind: "status",
            providerMessageId: status.id,
            idempotencyKey: `status:${status.id}:${status.status}`,
            type: "status",
            providerType: status.status,
            status: STATUSES[status.status] ?? "unknown",
            from: businessNumber,
            to: status.recipient_id,
            account: value.metadata.phone_number_id,
            ...errorFields(status.errors),
            occurredAt: fromUnixSeconds(status.timestamp),
            raw: status,
          }),
        );
      }
      for (const error of value.errors ?? []) {
        errors.push(
          compact<ProviderError>({
            account: value.metadata.phone_number_id,
            code: error.code === undefined ? undefined : String(error.code),
            title: error.title ?? undefined,
            message: error.message ?? undefined,
            details: error.error_data?.details ?? undefined,
            raw: error,
          }),
        );
      }
    }
  }
  return { events, errors };
}
