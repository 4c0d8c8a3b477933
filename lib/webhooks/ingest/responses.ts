import { isDatabaseUnavailable } from "@/lib/errors";
import type { WebhookReason } from "../reasons";
import type { WebhookReply } from "./transport";
import type { WebhookChannel, WebhookSegment } from "./webhook-channel";

/*
 * What providers get back. Bodies are for the provider's engineer reading their delivery logs:
 * a stable code, a sentence, and for a bad payload the field at fault. Never a secret or an echo.
 */

export interface WebhookErrorBody {
  error: { code: WebhookReason; message: string; field?: string };
}

/**
 * One sentence for an unknown URL and a disabled channel's URL: it is true of both, so the channel's
 * log can say "disabled" without the 404 telling an unauthenticated caller which of the two it hit.
 */
export const UNKNOWN_OR_DISABLED = "No enabled channel has this webhook URL (unknown or disabled)";

const MESSAGES: Record<WebhookReason, string> = {
  secretNotConfigured: "The channel has no credential configured for this check",
  signatureMissing: "The signature header is missing",
  signatureMalformed: "The signature header is not a valid signature",
  signatureMismatch: "The signature does not match the body",
  bodyHashMismatch: "bodySHA256 does not match the body",
  credentialsMissing: "Credentials are missing",
  credentialsMalformed: "The Authorization header cannot be read",
  credentialsMismatch: "The credentials are not valid for this channel",
  handshakeModeInvalid: "hub.mode must be subscribe",
  verifyTokenMissing: "hub.verify_token is missing",
  verifyTokenMismatch: "hub.verify_token does not match the channel's verify token",
  challengeInvalid: "hub.challenge is missing or not printable",
  unknownChannelKey: UNKNOWN_OR_DISABLED,
  channelDisabled: UNKNOWN_OR_DISABLED,
  methodNotAllowed: "Method not allowed",
  bodyTooLarge: "The body is too large",
  unsupportedMediaType: "Unsupported content type",
  payloadInvalid: "The payload is not valid",
  tokenInvalid: "The bearer token is not valid for this channel",
  databaseUnavailable: "The delivery could not be stored right now; retry later",
};

const JSON_TYPE = "application/json";

export function webhookError(
  status: number,
  code: WebhookReason,
  detail: { field?: string; message?: string } = {},
  headers: Record<string, string> = {},
): WebhookReply {
  // A disabled channel answers exactly like an unknown key: a URL does not reveal that a channel exists.
  const shown = code === "channelDisabled" ? "unknownChannelKey" : code;
  const error: WebhookErrorBody["error"] = { code: shown, message: detail.message ?? MESSAGES[code] };
  if (detail.field !== undefined) error.field = detail.field;
  const extra: Record<string, string> = status === 503 ? { "retry-after": "5" } : {};
  return { status, headers: { "content-type": JSON_TYPE, ...extra, ...headers }, body: JSON.stringify({ error } satisfies WebhookErrorBody) };
}

/** Twilio expects TwiML: an empty <Response/> means "stored, nothing to reply". */
const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

export function webhookStored(segment: WebhookSegment, result: { stored: number; duplicates: number }): WebhookReply {
  if (segment === "twilio") return { status: 200, headers: { "content-type": "text/xml; charset=utf-8" }, body: EMPTY_TWIML };
  return { status: 200, headers: { "content-type": JSON_TYPE }, body: JSON.stringify({ status: "stored", stored: result.stored, duplicates: result.duplicates }) };
}

/** Meta's handshake: the challenge echoed as plain text. */
export function handshakeAnswer(challenge: string): WebhookReply {
  return { status: 200, headers: { "content-type": "text/plain; charset=utf-8" }, body: challenge };
}

export function methodNotAllowed(allowed: readonly string[]): WebhookReply {
  return webhookError(405, "methodNotAllowed", {}, { allow: allowed.join(", ") });
}

/** A fault of ours (never bad input): the provider retries later. */
export function internalError(): WebhookReply {
  return webhookError(500, "databaseUnavailable", { message: "Internal error" });
}

/** A database that cannot be reached: 503, so the provider retries. Any other error is a fault of ours and goes on up. */
export function unavailableOrThrow(error: unknown): WebhookReply {
  if (!isDatabaseUnavailable(error)) throw error;
  return webhookError(503, "databaseUnavailable");
}

/** The WWW-Authenticate header of a 401, for the variants that authenticate with HTTP Basic or a bearer token. */
export function authChallenge(channel: WebhookChannel, status: number): Record<string, string> {
  if (status !== 401) return {};
  if (channel.variant === "other-oAuth") return { "www-authenticate": 'Bearer realm="webhooks"' };
  if (channel.variant === "infobip" || channel.variant === "other-basic") return { "www-authenticate": 'Basic realm="webhooks"' };
  return {};
}
