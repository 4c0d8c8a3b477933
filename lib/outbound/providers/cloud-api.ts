import { z } from "zod";
import type { OutboundResponse } from "@/lib/outbound/request";
import { metaGraphBaseUrl } from "./bases";
import { failed, malformed, parseRetryAfter, redact, succeeded, type ProviderFailure, type ProviderResult } from "./result";
import { jsonOf, send, trimBase, type CallContext, type ChannelTls } from "./transport";

/*
 * Meta WhatsApp Cloud API (outbound.md §1): `Authorization: Bearer <access token>` against the Graph
 * base (META_GRAPH_BASE_URL, else https://graph.facebook.com/v21.0). Errors are classified on
 * Meta's `code`, never the HTTP status (190 arrives as 400 or 401, §7).
 */

export interface CloudApiSettings extends ChannelTls {
  accessToken: string;
  phoneNumberId: string;
  /** The Graph base with its version; META_GRAPH_BASE_URL when not given. */
  graphBaseUrl?: string;
}

export const PHONE_NUMBER_FIELDS = [
  "display_phone_number",
  "verified_name",
  "code_verification_status",
  "quality_rating",
  "name_status",
  "status",
  "platform_type",
  "throughput",
  "health_status",
] as const;

// Meta's enum sets are not pinned by its reference (outbound.md §1.1): kept as opaque strings.
const phoneNumberSchema = z.object({
  id: z.string(),
  display_phone_number: z.string(),
  verified_name: z.string().optional(),
  code_verification_status: z.string().optional(),
  quality_rating: z.string().optional(),
  name_status: z.string().optional(),
  status: z.string().optional(),
  platform_type: z.string().optional(),
  throughput: z.object({ level: z.string() }).partial().optional(),
  health_status: z.object({ can_send_message: z.string() }).partial().optional(),
});
export type CloudApiPhoneNumber = z.infer<typeof phoneNumberSchema>;

const sentSchema = z.object({
  messages: z.array(z.object({ id: z.string().min(1) })).min(1),
  contacts: z.array(z.object({ input: z.string().optional(), wa_id: z.string().optional() })).optional(),
});

const metaErrorSchema = z.object({
  error: z.object({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    is_transient: z.boolean().optional(),
    error_data: z.object({ details: z.string().optional() }).partial().optional(),
  }),
});

/** Throughput (130429), pair rate (131056), and Graph's app/user/business call limits (4, 17, 32, 613, 80007). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 80007, 130429, 131056]);
/** Graph's "temporary" codes: unknown (1), service (2), and 131000 "something went wrong". */
const TRANSIENT_CODES = new Set([1, 2, 131000]);

/** Meta's error body, classified on its code (outbound.md §1.2 table). */
export function classifyMetaError(status: number, body: unknown, retryAfterSeconds: number | null, secrets: readonly string[]): ProviderFailure {
  const parsed = metaErrorSchema.safeParse(body);
  if (!parsed.success) {
    if (status === 429) return { kind: "rate-limited", retryable: true, status, retryAfterSeconds };
    if (status >= 500) return { kind: "provider-error", retryable: true, status, ...(retryAfterSeconds !== null ? { retryAfterSeconds } : {}) };
    return malformed(status);
  }
  const { error } = parsed.data;
  const code = String(error.code);
  const message = redact(error.error_data?.details ?? error.message, secrets);
  const said = { status, code, message };
  if (error.code === 190 || error.code === 0 || error.code === 10 || (error.code >= 200 && error.code <= 299)) {
    return { kind: "unauthorized", retryable: false, ...said };
  }
  if (error.code === 100 && error.error_subcode === 33) return { kind: "not-found", retryable: false, ...said };
  if (error.code === 131047) return { kind: "outside-window", retryable: false, ...said };
  if (RATE_LIMIT_CODES.has(error.code) || status === 429) return { kind: "rate-limited", retryable: true, retryAfterSeconds, ...said };
  const retryable = status >= 500 || error.is_transient === true || TRANSIENT_CODES.has(error.code);
  return { kind: "provider-error", retryable, ...said, ...(retryable && retryAfterSeconds !== null ? { retryAfterSeconds } : {}) };
}

function failure<T>(response: OutboundResponse, secrets: readonly string[]): ProviderResult<T> {
  return failed(classifyMetaError(response.status, jsonOf(response), parseRetryAfter(response.headers["retry-after"]), secrets));
}

/** A numeric id, or nothing: an id is put in the URL path, and anything else could bend it. */
const NUMERIC_ID = /^\d{1,32}$/;

function graph(settings: CloudApiSettings): string {
  return trimBase(settings.graphBaseUrl ?? metaGraphBaseUrl());
}

const bearer = (settings: CloudApiSettings) => ({ authorization: `Bearer ${settings.accessToken}` });
const notANumberId = (): ProviderFailure => ({ kind: "not-found", retryable: false, status: 0, message: "the phone number id is not a number" });

/** Token and number without sending: what Meta says about the phone number id (token valid and allowed to read it). */
export async function probeCloudApi(settings: CloudApiSettings, context: CallContext): Promise<ProviderResult<CloudApiPhoneNumber>> {
  if (!NUMERIC_ID.test(settings.phoneNumberId)) return failed(notANumberId());
  const url = `${graph(settings)}/${settings.phoneNumberId}?fields=${PHONE_NUMBER_FIELDS.join(",")}`;
  const sent = await send({ method: "GET", url, headers: bearer(settings) }, settings, context);
  if (!sent.ok) return failed(sent.failure);
  const secrets = [settings.accessToken];
  if (sent.response.status !== 200) return failure(sent.response, secrets);
  const parsed = phoneNumberSchema.safeParse(jsonOf(sent.response));
  return parsed.success ? succeeded(parsed.data) : failed(malformed(sent.response.status));
}

/** One free-form text to `recipient` (E.164); answers the `wamid` Meta's status webhooks carry. */
export function sendCloudApiText(
  settings: CloudApiSettings,
  recipient: string,
  text: string,
  context: CallContext,
): Promise<ProviderResult<{ messageId: string; waId?: string }>> {
  return sendCloudApiMessage(settings, recipient, { type: "text", text: { preview_url: false, body: text } }, context);
}

/**
 * An approved template (no parameters) to `recipient`: what Meta allows outside the 24-hour window
 * (131047). `language` is the template's language code as approved in WhatsApp Manager.
 */
export function sendCloudApiTemplate(
  settings: CloudApiSettings,
  recipient: string,
  template: { name: string; language: string },
  context: CallContext,
): Promise<ProviderResult<{ messageId: string; waId?: string }>> {
  return sendCloudApiMessage(settings, recipient, { type: "template", template: { name: template.name, language: { code: template.language } } }, context);
}

async function sendCloudApiMessage(
  settings: CloudApiSettings,
  recipient: string,
  content: Record<string, unknown>,
  context: CallContext,
): Promise<ProviderResult<{ messageId: string; waId?: string }>> {
  if (!NUMERIC_ID.test(settings.phoneNumberId)) return failed(notANumberId());
  const body = { messaging_product: "whatsapp", recipient_type: "individual", to: recipient.replace(/^\+/, ""), ...content };
  const sent = await send(
    { method: "POST", url: `${graph(settings)}/${settings.phoneNumberId}/messages`, headers: { ...bearer(settings), "content-type": "application/json" }, body: JSON.stringify(body) },
    settings,
    context,
  );
  if (!sent.ok) return failed(sent.failure);
  const secrets = [settings.accessToken];
  if (sent.response.status !== 200) return failure(sent.response, secrets);
  const parsed = sentSchema.safeParse(jsonOf(sent.response));
  if (!parsed.success) return failed(malformed(sent.response.status));
  return succeeded({ messageId: parsed.data.messages[0]!.id, waId: parsed.data.contacts?.[0]?.wa_id });
}
