import { z } from "zod";
import { OutboundLimitError, OutboundResponseTooLargeError } from "@/lib/outbound/errors";
import type { OutboundScope } from "@/lib/outbound/guarded-call";
import { request, type OutboundResponse } from "@/lib/outbound/request";

/*
 * A small Telegram Bot API client (protocols.md §3): `POST <base>/bot<token>/<method>` with a JSON
 * body, answered `{ ok: true, result }` or `{ ok: false, error_code, description }`.
 *
 * Calls go through the guarded connector (lib/outbound) in the channel's tenant: its limits apply,
 * and a base URL on a private address (a fake, a proxy) is reached only when its prefix is approved.
 *
 * The bot token is a secret and it is part of the request URL, so nothing here ever puts the URL,
 * the token or a connection error into an error or a log line (the connector logs host and port only).
 */

export const TELEGRAM_API_DEFAULT_BASE_URL = "https://api.telegram.org";
/** Bot API answers are small (getMe, setWebhook, getWebhookInfo, one sent message); anything larger is not one. */
export const TELEGRAM_MAX_RESPONSE_BYTES = 256 * 1024;

/** Telegram's token shape, loosely (`<bot id>:<secret>`); anything else could bend the URL path. */
const TOKEN_SHAPE = /^\d{1,20}:[A-Za-z0-9_-]{1,128}$/;

export type TelegramApiErrorKind =
  /** Telegram does not know the token (401 or 404). */
  | "unauthorized"
  /** `ok: false`: Telegram refused the call; `description` says why. */
  | "rejected"
  /** No answer: could not connect (DNS, refused, TLS, timeout, a refused address), or a 5xx from Telegram's side. */
  | "unreachable"
  /** An answer that is not the Bot API's JSON. */
  | "badResponse";

export class TelegramApiError extends Error {
  constructor(
    readonly kind: TelegramApiErrorKind,
    readonly method: string,
    /** Telegram's own words for a refusal, with the token (if ever echoed) removed. */
    readonly description?: string,
    readonly errorCode?: number,
    /** Telegram's `parameters.retry_after` on a 429 (flood control): seconds to wait. */
    readonly retryAfterSeconds?: number,
  ) {
    super(`Telegram ${method}: ${kind}${description ? ` (${description})` : ""}`);
    this.name = "TelegramApiError";
  }
}

export interface BotApiOptions {
  /** The tenant the call is made for (the channel's), and its outbound policy. */
  scope: OutboundScope;
  /** Defaults to TELEGRAM_API_BASE_URL, else https://api.telegram.org (tests point it at a fake). */
  baseUrl?: string;
  /** Defaults to the connector's OUTBOUND_TIMEOUT_MS. */
  timeoutMs?: number;
  /** Trust anchors (PEM) for the Bot API's certificate, e.g. the channel's trust certificate; Node's roots when absent. */
  ca?: string;
  /** The channel's identity certificate and key (PEM), presented for mutual TLS (a proxy in front of the Bot API). */
  clientCert?: { cert: string; key: string };
}

export const telegramUserSchema = z.object({
  id: z.number().int(),
  is_bot: z.boolean(),
  first_name: z.string(),
  username: z.string().optional(),
});
export type TelegramUser = z.infer<typeof telegramUserSchema>;

export const webhookInfoSchema = z.object({
  url: z.string(),
  has_custom_certificate: z.boolean(),
  pending_update_count: z.number().int(),
  ip_address: z.string().optional(),
  last_error_date: z.number().int().optional(),
  last_error_message: z.string().optional(),
  last_synchronization_error_date: z.number().int().optional(),
  max_connections: z.number().int().optional(),
  allowed_updates: z.array(z.string()).optional(),
});
export type WebhookInfo = z.infer<typeof webhookInfoSchema>;

export interface SetWebhookParams {
  url: string;
  /** Sent back in `X-Telegram-Bot-Api-Secret-Token` on every update (1–256 of `A-Za-z0-9_-`). */
  secretToken: string;
  allowedUpdates: readonly string[];
  dropPendingUpdates?: boolean;
  /** A self-signed certificate's PEM (public part only), uploaded as a multipart InputFile, as Telegram requires. */
  certificate?: string;
}

export function telegramApiBaseUrl(env: Partial<Record<string, string>> = process.env): string {
  return (env.TELEGRAM_API_BASE_URL?.trim() || TELEGRAM_API_DEFAULT_BASE_URL).replace(/\/+$/, "");
}

const envelopeSchema = z.union([
  z.object({ ok: z.literal(true), result: z.unknown() }),
  z.object({
    ok: z.literal(false),
    error_code: z.number().int().optional(),
    description: z.string().optional(),
    parameters: z.object({ retry_after: z.number().int().nonnegative().optional() }).partial().optional(),
  }),
]);

/** JSON, or multipart/form-data when a file is uploaded (Telegram reads an InputFile only from multipart). */
async function encode(params: Record<string, unknown> | FormData): Promise<{ contentType: string; body: string | Uint8Array }> {
  if (!(params instanceof FormData)) return { contentType: "application/json", body: JSON.stringify(params) };
  const encoded = new Response(params);
  return { contentType: encoded.headers.get("content-type") ?? "multipart/form-data", body: new Uint8Array(await encoded.arrayBuffer()) };
}

async function call<S extends z.ZodType>(
  token: string,
  method: string,
  params: Record<string, unknown> | FormData,
  resultSchema: S,
  options: BotApiOptions,
): Promise<z.output<S>> {
  // A malformed token never leaves the process: it could not be valid, and it might rewrite the path.
  if (!TOKEN_SHAPE.test(token)) throw new TelegramApiError("unauthorized", method);
  const base = (options.baseUrl ?? telegramApiBaseUrl()).replace(/\/+$/, "");
  const encoded = await encode(params);
  let response: OutboundResponse;
  try {
    response = await request({
      method: "POST",
      url: `${base}/bot${token}/${method}`,
      headers: { "content-type": encoded.contentType, accept: "application/json" },
      body: encoded.body,
      scope: options.scope,
      timeoutMs: options.timeoutMs,
      maxResponseBytes: TELEGRAM_MAX_RESPONSE_BYTES,
      ...(options.ca ? { ca: options.ca } : {}),
      ...(options.clientCert ? { clientCert: options.clientCert } : {}),
    });
  } catch (error) {
    // The tenant's outbound limit is its own answer (429), not Telegram's absence.
    if (error instanceof OutboundLimitError) throw error;
    if (error instanceof OutboundResponseTooLargeError) throw new TelegramApiError("badResponse", method);
    // Nothing of the cause is kept: it is the same "could not connect" for every failure anyway.
    throw new TelegramApiError("unreachable", method);
  }
  const text = response.body.toString("utf8");
  if (response.status === 401 || response.status === 404) throw new TelegramApiError("unauthorized", method, undefined, response.status);
  if (response.status >= 500) throw new TelegramApiError("unreachable", method, undefined, response.status);

  let body: z.output<typeof envelopeSchema>;
  try {
    const parsed = envelopeSchema.safeParse(JSON.parse(text));
    if (!parsed.success) throw new Error("not a Bot API answer");
    body = parsed.data;
  } catch {
    throw new TelegramApiError("badResponse", method, undefined, response.status);
  }
  if (!body.ok) {
    const code = body.error_code ?? response.status;
    if (code === 401 || code === 404) throw new TelegramApiError("unauthorized", method, undefined, code);
    throw new TelegramApiError("rejected", method, redact(body.description ?? "", token) || undefined, code, body.parameters?.retry_after);
  }
  const result = resultSchema.safeParse(body.result);
  if (!result.success) throw new TelegramApiError("badResponse", method, undefined, response.status);
  return result.data;
}

/** Telegram has no reason to echo a token, but a description is shown to people: make sure. */
function redact(text: string, token: string): string {
  let safe = text.split(token).join("<bot-token>");
  const secret = token.slice(token.indexOf(":") + 1);
  if (secret.length >= 8) safe = safe.split(secret).join("<bot-token>");
  return safe.slice(0, 500);
}

export function getMe(token: string, options: BotApiOptions): Promise<TelegramUser> {
  return call(token, "getMe", {}, telegramUserSchema, options);
}

export const telegramMessageSchema = z.object({ message_id: z.number().int(), date: z.number().int() });

/** One text to a chat (`sendMessage`); the chat must have started the bot. */
export function sendMessage(token: string, chatId: string, text: string, options: BotApiOptions): Promise<z.infer<typeof telegramMessageSchema>> {
  return call(token, "sendMessage", { chat_id: chatId, text }, telegramMessageSchema, options);
}

export async function setWebhook(token: string, params: SetWebhookParams, options: BotApiOptions): Promise<void> {
  const fields = {
    url: params.url,
    secret_token: params.secretToken,
    allowed_updates: params.allowedUpdates,
    ...(params.dropPendingUpdates !== undefined ? { drop_pending_updates: params.dropPendingUpdates } : {}),
  };
  if (params.certificate === undefined) return void (await call(token, "setWebhook", fields, z.literal(true), options));
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) form.append(name, typeof value === "string" ? value : JSON.stringify(value));
  form.append("certificate", new Blob([params.certificate], { type: "application/x-pem-file" }), "certificate.pem");
  await call(token, "setWebhook", form, z.literal(true), options);
}

/** Removes the webhook (`deleteWebhook`); pending updates are kept unless `dropPendingUpdates`. */
export async function deleteWebhook(token: string, options: BotApiOptions, dropPendingUpdates = false): Promise<void> {
  await call(token, "deleteWebhook", { drop_pending_updates: dropPendingUpdates }, z.literal(true), options);
}

export function getWebhookInfo(token: string, options: BotApiOptions): Promise<WebhookInfo> {
  return call(token, "getWebhookInfo", {}, webhookInfoSchema, options);
}

/**
 * Is this a working bot token? Resolves the bot's username (getMe), or throws TelegramApiError:
 * "unauthorized" for a token Telegram does not know, "unreachable" when Telegram cannot be asked.
 */
export async function verifyBotToken(token: string, options: BotApiOptions): Promise<{ username: string }> {
  const me = await getMe(token, options);
  if (!me.is_bot || !me.username) throw new TelegramApiError("badResponse", "getMe");
  return { username: me.username };
}
