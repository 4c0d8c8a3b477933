import { z } from "zod";
import type { OutboundResponse } from "@/lib/outbound/request";
import { classifyStatus, failed, malformed, parseRetryAfter, redact, succeeded, type ProviderResult } from "./result";
import { jsonOf } from "./transport";

/*
 * Infobip's WhatsApp API as both Infobip and the customer-built BSP speak it (outbound.md §3,
 * protocols.md §5): the senders-quality probe, the text send, and the two error shapes.
 */

export const SENDERS_QUALITY_PATH = "/whatsapp/1/senders/quality";
export const SEND_TEXT_PATH = "/whatsapp/1/message/text";

/** Infobip writes numbers as digits only (`441134960000`); the console stores E.164 (`+441134960000`). */
export const infobipNumber = (e164: string) => e164.replace(/^\+/, "").replace(/[\s-]/g, "");

const senderQualitySchema = z.object({
  sender: z.string(),
  qualityRating: z.string().optional(),
  status: z.string().optional(),
  currentLimit: z.string().optional(),
  lastUpdated: z.string().optional(),
});
export type InfobipSender = z.infer<typeof senderQualitySchema>;
const sendersQualitySchema = z.object({ results: z.array(senderQualitySchema) });

const sentSchema = z.object({
  to: z.string().optional(),
  messageCount: z.number().int().optional(),
  messageId: z.string().min(1),
  status: z.object({ groupName: z.string().optional(), name: z.string().optional(), description: z.string().optional() }).optional(),
});

const currentErrorSchema = z.object({ errorCode: z.string(), description: z.string().optional() });
const legacyErrorSchema = z.object({
  requestError: z.object({ serviceException: z.object({ messageId: z.string().optional(), text: z.string().optional() }) }),
});

/** The provider's code and words from either error shape, or nothing when the body is neither. */
export function infobipErrorOf(body: unknown): { code?: string; message?: string } {
  const current = currentErrorSchema.safeParse(body);
  if (current.success) return { code: current.data.errorCode, message: current.data.description };
  const legacy = legacyErrorSchema.safeParse(body);
  if (legacy.success) return { code: legacy.data.requestError.serviceException.messageId, message: legacy.data.requestError.serviceException.text };
  return {};
}

/** A non-2xx answer as a typed failure, on the status (both shapes agree with it) and with the provider's code. */
export function infobipFailure<T>(response: OutboundResponse, secrets: readonly string[]): ProviderResult<T> {
  const { code, message } = infobipErrorOf(jsonOf(response));
  const retryAfter = parseRetryAfter(response.headers["retry-after"]);
  return failed(classifyStatus({ status: response.status, code, message: redact(message, secrets) }, retryAfter));
}

/** The probe's answer: the sender's quality, or not-found when the account has no such sender. */
export function readSendersQuality(response: OutboundResponse, sender: string, secrets: readonly string[]): ProviderResult<InfobipSender> {
  if (response.status < 200 || response.status > 299) return infobipFailure(response, secrets);
  const parsed = sendersQualitySchema.safeParse(jsonOf(response));
  if (!parsed.success) return failed(malformed(response.status));
  // "Only senders associated with your account are included": an empty list is a wrong sender.
  const found = parsed.data.results.find((result) => infobipNumber(result.sender) === sender);
  if (!found) return failed({ kind: "not-found", retryable: false, status: response.status, message: "the sender is not on this account" });
  return succeeded(found);
}

/** The send's answer: the message id the delivery reports will carry. */
export function readSentText(response: OutboundResponse, secrets: readonly string[]): ProviderResult<{ messageId: string; status?: string }> {
  if (response.status < 200 || response.status > 299) return infobipFailure(response, secrets);
  const parsed = sentSchema.safeParse(jsonOf(response));
  if (!parsed.success) return failed(malformed(response.status));
  return succeeded({ messageId: parsed.data.messageId, status: parsed.data.status?.groupName });
}

/**
 * `messageId`: the client's own id, which Infobip keeps as the message's id (the send queue's
 * idempotency key). No `from` when the channel has no number of its own (an oAuth BSP channel):
 * such a BSP knows its sender from the credentials.
 */
export function textMessageBody(from: string | undefined, to: string, text: string, messageId?: string): string {
  return JSON.stringify({ ...(from ? { from: infobipNumber(from) } : {}), to: infobipNumber(to), ...(messageId ? { messageId } : {}), content: { text, previewUrl: false } });
}
