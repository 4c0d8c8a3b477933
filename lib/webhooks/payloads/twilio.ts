import { z } from "zod";
import type { DeliveryStatus } from "../status-order";
import type { FormParams } from "../verify/twilio-signature";
import { type MessageEvent, type MessageType, type NormalizeOptions, type NormalizedPayload, type StatusEvent, compact, idString } from "./common";

/*
 * Twilio Programmable Messaging webhooks (protocols.md §4): form-encoded parameters, one
 * message or one status per request. The path tells them apart (/message, /status). Twilio adds
 * parameters without notice, so unknown ones are kept in `raw`. Twilio sends no event time: the
 * events are timed at arrival.
 */

/**
 * One value per name, as Twilio sends them; a name that arrives more than once keeps all its
 * values, so a repeated MessageSid or MessageStatus fails validation instead of picking one.
 */
export function twilioParams(form: FormParams): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(form).map(([name, values]) => [name, values.length === 1 ? values[0]! : values]));
}

const digits = z.string().regex(/^\d+$/, "Expected digits");
const decimal = z.string().regex(/^-?\d+(\.\d+)?$/, "Expected a decimal number");

export const twilioInboundSchema = z.looseObject({
  MessageSid: idString,
  AccountSid: idString,
  From: idString,
  To: idString,
  Body: z.string().optional(),
  NumMedia: digits.optional(),
  MessageType: z.string().optional(),
  ProfileName: z.string().optional(),
  WaId: z.string().optional(),
  Latitude: decimal.optional(),
  Longitude: decimal.optional(),
  Address: z.string().optional(),
  Label: z.string().optional(),
  ButtonText: z.string().optional(),
  MediaContentType0: z.string().optional(),
});

export const twilioStatusSchema = z.looseObject({
  MessageSid: idString,
  MessageStatus: idString,
  AccountSid: z.string().optional(),
  From: z.string().optional(),
  To: z.string().optional(),
  ErrorCode: digits.optional(),
  ErrorMessage: z.string().optional(),
});

export type TwilioInbound = z.infer<typeof twilioInboundSchema>;
export type TwilioStatus = z.infer<typeof twilioStatusSchema>;

const MESSAGE_TYPES: Record<string, MessageType> = {
  text: "text",
  image: "image",
  video: "video",
  audio: "audio",
  document: "document",
  location: "location",
  sticker: "sticker",
  button: "button",
  interactive: "interactive",
  reaction: "reaction",
  contacts: "contact",
};

/** MessageType when sent (WhatsApp), else what the media and location fields say (SMS-style). */
function inboundType(p: TwilioInbound): { type: MessageType; providerType: string } {
  if (p.MessageType) return { type: MESSAGE_TYPES[p.MessageType.toLowerCase()] ?? "unsupported", providerType: p.MessageType };
  if (p.Latitude !== undefined && p.Longitude !== undefined) return { type: "location", providerType: "location" };
  if (Number(p.NumMedia ?? "0") > 0) {
    const media = (p.MediaContentType0 ?? "").split("/")[0];
    const type: MessageType = media === "image" ? "image" : media === "video" ? "video" : media === "audio" ? "audio" : "document";
    return { type, providerType: type };
  }
  return { type: "text", providerType: "text" };
}

const STATUSES: Record<string, DeliveryStatus> = {
  accepted: "accepted",
  scheduled: "accepted",
  queued: "queued",
  sending: "queued",
  sent: "sent",
  delivered: "delivered",
  read: "read",
  undelivered: "undelivered",
  failed: "failed",
  canceled: "failed",
};

export function normalizeTwilioInbound(params: TwilioInbound, { receivedAt }: NormalizeOptions): NormalizedPayload {
  const { type, providerType } = inboundType(params);
  const body = params.Body === "" ? undefined : params.Body;
  const text = type === "location" ? (params.Label ?? params.Address ?? body) : type === "button" ? (params.ButtonText ?? body) : body;
  const event = compact<MessageEvent>({
    kind: "message",
    providerMessageId: params.MessageSid,
    idempotencyKey: `message:${params.MessageSid}`,
    type,
    providerType,
    from: params.From,
    to: params.To,
    account: params.AccountSid,
    senderName: params.ProfileName || undefined,
    text: text || undefined,
    occurredAt: receivedAt,
    raw: params,
  });
  return { events: [event], errors: [] };
}

export function normalizeTwilioStatus(params: TwilioStatus, { receivedAt }: NormalizeOptions): NormalizedPayload {
  const event = compact<StatusEvent>({
    kind: "status",
    providerMessageId: params.MessageSid,
    idempotencyKey: `status:${params.MessageSid}:${params.MessageStatus}`,
    type: "status",
    providerType: params.MessageStatus,
    status: STATUSES[params.MessageStatus] ?? "unknown",
    from: params.From || undefined,
    to: params.To || undefined,
    account: params.AccountSid || undefined,
    errorCode: params.ErrorCode,
    errorReason: params.ErrorMessage || undefined,
    occurredAt: receivedAt,
    raw: params,
  });
  return { events: [event], errors: [] };
}
