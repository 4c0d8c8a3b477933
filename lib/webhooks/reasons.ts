/*
 * The reason codes a webhook attempt log stores: short, stable, and safe to show (they never carry
 * a secret or a payload). The verify modules return the authentication ones; the route handlers
 * add the rest. The console translates them for display.
 */

/** Why authentication failed (returned by lib/webhooks/verify/*). */
export const AUTH_REASONS = [
  /** The channel has no secret stored for this check (App Secret, Auth Token, password, token). */
  "secretNotConfigured",
  /** No signature header (X-Hub-Signature-256, X-Twilio-Signature). */
  "signatureMissing",
  /** A signature header that cannot be a signature (wrong prefix, not hex / base64, wrong length). */
  "signatureMalformed",
  "signatureMismatch",
  /** Twilio JSON webhooks: the bodySHA256 query parameter does not match the body. */
  "bodyHashMismatch",
  /** No AccountKey / Authorization / secret-token header. */
  "credentialsMissing",
  /** An Authorization header that is not usable (bad Basic encoding, another scheme). */
  "credentialsMalformed",
  "credentialsMismatch",
  /** Meta's GET handshake. */
  "handshakeModeInvalid",
  "verifyTokenMissing",
  "verifyTokenMismatch",
  "challengeInvalid",
] as const;

/** Why a request was refused before or after authentication (set by the route handlers). */
export const REQUEST_REASONS = [
  "unknownChannelKey",
  "channelDisabled",
  "methodNotAllowed",
  "bodyTooLarge",
  "unsupportedMediaType",
  "payloadInvalid",
  /** other-oAuth: the bearer token is unknown, expired, or issued to another API app. */
  "tokenInvalid",
  "databaseUnavailable",
] as const;

export type AuthReason = (typeof AUTH_REASONS)[number];
export type RequestReason = (typeof REQUEST_REASONS)[number];
export type WebhookReason = AuthReason | RequestReason;

const ALL = new Set<string>([...AUTH_REASONS, ...REQUEST_REASONS]);

export function isWebhookReason(value: string): value is WebhookReason {
  return ALL.has(value);
}

/** The outcome of one verification: which method matched, or why none did. */
export type VerifyResult<Method extends string = never> =
  | ([Method] extends [never] ? { ok: true } : { ok: true; method: Method })
  | { ok: false; reason: AuthReason };

/** The subset of the Fetch `Headers` API the verifiers read (case-insensitive names). */
export interface HeaderReader {
  get(name: string): string | null;
}
