import { OutboundLimitError } from "@/lib/outbound/errors";
import { getMe, sendMessage, TelegramApiError, type BotApiOptions, type TelegramUser } from "@/lib/telegram/bot-api";
import { malformed, succeeded, type ProviderFailure, type ProviderResult } from "./result";
import type { CallContext, ChannelTls } from "./transport";

/*
 * Telegram through the existing Bot API client (lib/telegram/bot-api.ts), answered in the same
 * typed results as the other providers. The token is in the URL path; that client never lets the
 * URL or the token into an error, and descriptions are redacted there.
 */

export interface TelegramSettings extends ChannelTls {
  botToken: string;
  /** TELEGRAM_API_BASE_URL when not given. */
  apiBaseUrl?: string;
}

/** A Bot API failure as a typed failure; flood control (429) keeps Telegram's `retry_after`. */
export function classifyTelegramError(error: TelegramApiError): ProviderFailure {
  const status = error.errorCode ?? 0;
  const code = error.errorCode !== undefined ? String(error.errorCode) : undefined;
  const said = { status, code, message: error.description };
  switch (error.kind) {
    case "unauthorized":
      return { kind: "unauthorized", retryable: false, ...said };
    case "unreachable":
      // A 5xx is Telegram's side and worth retrying; no status at all is the connector's "could not connect".
      return error.errorCode ? { kind: "provider-error", retryable: true, ...said } : { kind: "connect", retryable: true };
    case "badResponse":
      return malformed(status);
    case "rejected":
      if (error.errorCode === 429) return { kind: "rate-limited", retryable: true, retryAfterSeconds: error.retryAfterSeconds ?? null, ...said };
      // "Bad Request: chat not found": the recipient is not a chat this bot can write to.
      if (error.errorCode === 400 && /chat not found/i.test(error.description ?? "")) return { kind: "not-found", retryable: false, ...said };
      return { kind: "provider-error", retryable: status >= 500, ...said };
  }
}

function options(settings: TelegramSettings, context: CallContext): BotApiOptions {
  return {
    scope: context.scope,
    timeoutMs: context.timeoutMs,
    ...(settings.apiBaseUrl ? { baseUrl: settings.apiBaseUrl } : {}),
    ...(settings.trustCaPem ? { ca: settings.trustCaPem } : {}),
    ...(settings.clientCert ? { clientCert: settings.clientCert } : {}),
  };
}

async function typed<T>(run: () => Promise<T>): Promise<ProviderResult<T>> {
  try {
    return succeeded(await run());
  } catch (error) {
    if (error instanceof OutboundLimitError) throw error;
    if (error instanceof TelegramApiError) return { ok: false, failure: classifyTelegramError(error) };
    throw error;
  }
}

/** The bot behind the token (getMe), without sending. */
export function probeTelegram(settings: TelegramSettings, context: CallContext): Promise<ProviderResult<TelegramUser>> {
  return typed(() => getMe(settings.botToken, options(settings, context)));
}

/** One text to a chat id; answers Telegram's message id (as text, like the other providers' ids). */
export function sendTelegramText(settings: TelegramSettings, chatId: string, text: string, context: CallContext): Promise<ProviderResult<{ messageId: string }>> {
  return typed(async () => {
    const message = await sendMessage(settings.botToken, chatId, text, options(settings, context));
    return { messageId: String(message.message_id) };
  });
}
