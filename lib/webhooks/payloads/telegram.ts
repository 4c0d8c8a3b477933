import { z } from "zod";
import {
  type MessageEvent,
  type MessageType,
  type NormalizeOptions,
  type NormalizedPayload,
  compact,
  fromUnixSeconds,
  idString,
  textAt,
  unixSecondsNumber,
} from "./common";

/*
 * Telegram Bot API webhooks (protocols.md §3): the body is one `Update` with `update_id` and at
 * most one optional kind (message, edited_message, channel_post, callback_query, …). Every
 * update becomes one event keyed by update_id; the kind is recorded in providerType, and kinds
 * we do not handle (or do not know yet) are stored as "unsupported" with the update as raw.
 */

const userSchema = z.looseObject({
  id: z.number().int(),
  is_bot: z.boolean().optional(),
  first_name: z.string().optional(),
  last_name: z.string().optional(),
  username: z.string().optional(),
});

const chatSchema = z.looseObject({ id: z.number().int(), type: idString, title: z.string().optional() });

const messageSchema = z.looseObject({
  message_id: z.number().int(),
  date: unixSecondsNumber,
  chat: chatSchema,
  from: userSchema.optional(),
  sender_chat: chatSchema.optional(),
  edit_date: unixSecondsNumber.optional(),
  text: z.string().optional(),
  caption: z.string().optional(),
});

const callbackQuerySchema = z.looseObject({
  id: idString,
  from: userSchema,
  data: z.string().optional(),
  message: z.looseObject({ chat: chatSchema.optional() }).optional(),
});

/** Update kinds that carry a Message. */
export const TELEGRAM_MESSAGE_KINDS = ["message", "edited_message", "channel_post", "edited_channel_post", "business_message", "edited_business_message"] as const;

export const telegramUpdateSchema = z.looseObject({
  update_id: z.number().int().nonnegative(),
  message: messageSchema.optional(),
  edited_message: messageSchema.optional(),
  channel_post: messageSchema.optional(),
  edited_channel_post: messageSchema.optional(),
  business_message: messageSchema.optional(),
  edited_business_message: messageSchema.optional(),
  callback_query: callbackQuerySchema.optional(),
});

export type TelegramUpdate = z.infer<typeof telegramUpdateSchema>;
type TelegramMessage = z.infer<typeof messageSchema>;
type TelegramUser = z.infer<typeof userSchema>;

/** Content fields in the order they are checked: an animation also carries a document. */
const CONTENT: [field: string, type: MessageType][] = [
  ["text", "text"],
  ["animation", "animation"],
  ["photo", "image"],
  ["video", "video"],
  ["video_note", "video"],
  ["voice", "voice"],
  ["audio", "audio"],
  ["document", "document"],
  ["sticker", "sticker"],
  ["venue", "location"],
  ["location", "location"],
  ["contact", "contact"],
  ["poll", "poll"],
];

/** The update's kind: its one field besides update_id ("empty" when there is none). */
export function telegramUpdateKind(update: Record<string, unknown>): string {
  return Object.keys(update).find((key) => key !== "update_id" && update[key] !== null && typeof update[key] === "object") ?? "empty";
}

function displayName(user: TelegramUser | undefined): string | undefined {
  if (!user) return undefined;
  const name = [user.first_name, user.last_name].filter(Boolean).join(" ");
  return name || user.username;
}

function messageEvent(update: TelegramUpdate, kind: string, message: TelegramMessage): MessageEvent {
  const content = CONTENT.find(([field]) => Object.hasOwn(message, field) && message[field] != null);
  const text =
    message.text ??
    message.caption ??
    textAt(message, "venue", "title") ??
    textAt(message, "poll", "question") ??
    textAt(message, "sticker", "emoji") ??
    textAt(message, "contact", "first_name");
  return compact<MessageEvent>({
    kind: "message",
    providerMessageId: `${message.chat.id}:${message.message_id}`,
    idempotencyKey: `update:${update.update_id}`,
    type: content?.[1] ?? "unsupported",
    providerType: `${kind}.${content?.[0] ?? "other"}`,
    from: String(message.chat.id),
    senderName: displayName(message.from) ?? message.sender_chat?.title ?? message.chat.title,
    text,
    occurredAt: fromUnixSeconds(message.edit_date ?? message.date),
    raw: update,
  });
}

/** One event per update, whatever its kind. */
export function normalizeTelegramUpdate(update: TelegramUpdate, { receivedAt }: NormalizeOptions): NormalizedPayload {
  const kind = telegramUpdateKind(update);
  const message = (TELEGRAM_MESSAGE_KINDS as readonly string[]).includes(kind) ? (update[kind as keyof TelegramUpdate] as TelegramMessage) : undefined;
  if (message) return { events: [messageEvent(update, kind, message)], errors: [] };

  const base = { kind: "message" as const, idempotencyKey: `update:${update.update_id}`, providerType: kind, raw: update };
  if (kind === "callback_query" && update.callback_query) {
    const query = update.callback_query;
    const event = compact<MessageEvent>({
      ...base,
      providerMessageId: query.id,
      type: "callback",
      from: String(query.message?.chat?.id ?? query.from.id),
      senderName: displayName(query.from),
      text: query.data,
      occurredAt: receivedAt,
    });
    return { events: [event], errors: [] };
  }

  // Any other kind, known or not: stored as such, with whatever chat and time it names.
  const body = kind === "empty" ? {} : ((update as Record<string, unknown>)[kind] as Record<string, unknown>);
  const date = unixSecondsNumber.safeParse(body.date);
  const reaction = Array.isArray(body.new_reaction) ? (body.new_reaction[0] as unknown) : undefined;
  const event = compact<MessageEvent>({
    ...base,
    providerMessageId: String(update.update_id),
    type: kind === "message_reaction" ? "reaction" : "unsupported",
    from: textAt(body, "chat", "id"),
    text: kind === "message_reaction" ? textAt(reaction, "emoji") : undefined,
    occurredAt: date.success ? fromUnixSeconds(date.data) : receivedAt,
  });
  return { events: [event], errors: [] };
}
