import type { Db } from "@/db/client";
import { verifyBearerToken } from "@/lib/api-apps/bearer";
import { verifyWithGrace, type CredentialUsed } from "@/lib/channels/secret-grace";
import type { AuthReason, HeaderReader, RequestReason } from "../reasons";
import { META_SIGNATURE_HEADER, verifyMetaSignature } from "../verify/meta-signature";
import { readBearerToken, verifyTelegramSecretToken, verifyWebhookPassword } from "../verify/shared-secret";
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from "../verify/twilio-signature";
import type { WebhookChannel } from "./webhook-channel";

/*
 * One provider-specific check per variant, all on the raw body before anything parses it.
 * other-oAuth's bearer token must belong to the channel's own API app in the channel's tenant:
 * a valid token of another app (or tenant) is refused like an unknown one.
 * The other variants' secret may have a predecessor in its grace period (lib/channels/secret-grace.ts):
 * it is tried only after the current one failed, and the outcome says which one verified the call.
 */

export type AuthOutcome =
  | { ok: true; /** Which stored secret verified the call; null when the channel's own secret was not what proved it (other-oAuth). */ credential: CredentialUsed | null }
  | { ok: false; reason: AuthReason | Extract<RequestReason, "tokenInvalid"> };

export interface AuthRequest {
  headers: HeaderReader;
  rawBody: Uint8Array;
  bodyText: string;
  /** The URL the provider called, as it called it (Twilio signs it). */
  publicUrl: string;
}

/** The API an other-oAuth channel's app must be subscribed to (as the wizard requires). */
export const BSP_WEBHOOK_API = "sendWhatsappMessage" as const;

export async function authenticate(db: Db, channel: WebhookChannel, request: AuthRequest, now: Date): Promise<AuthOutcome> {
  if (channel.variant === "other-oAuth") {
    const bearer = readBearerToken(request.headers);
    if (!bearer.ok) return bearer;
    const grant = await verifyBearerToken(db, bearer.token, BSP_WEBHOOK_API, now);
    const own = grant !== null && grant.tenantId === channel.tenantId && grant.appId === channel.apiAppId;
    return own ? { ok: true, credential: null } : { ok: false, reason: "tokenInvalid" };
  }
  const check = secretCheck(channel.variant, request);
  const { result, credential } = verifyWithGrace(channel.credential, channel.previousCredential, now, check);
  return result.ok ? { ok: true, credential } : result;
}

type SecretResult = { ok: true } | { ok: false; reason: AuthReason };

/** The variant's comparison of what the call presents against one stored secret. */
function secretCheck(variant: Exclude<WebhookChannel["variant"], "other-oAuth">, request: AuthRequest): (secret: string | null) => SecretResult {
  switch (variant) {
    case "infobip":
      return (secret) => verifyWebhookPassword(request.headers, secret);
    case "other-basic":
      return (secret) => verifyWebhookPassword(request.headers, secret, { allowBareAuthorization: true });
    case "cloud-api":
      return (secret) => (secret ? verifyMetaSignature(request.rawBody, request.headers.get(META_SIGNATURE_HEADER), secret) : { ok: false, reason: "secretNotConfigured" });
    case "twilio":
      return (secret) =>
        secret
          ? verifyTwilioSignature({ authToken: secret, signature: request.headers.get(TWILIO_SIGNATURE_HEADER), url: request.publicUrl, rawBody: request.bodyText })
          : { ok: false, reason: "secretNotConfigured" };
    case "telegram":
      return (secret) => verifyTelegramSecretToken(request.headers, secret);
  }
}

/** 401 when the caller presented nothing to check (it may retry with credentials); 403 when what it presented is wrong. */
export function authFailureStatus(reason: string): 401 | 403 {
  return reason === "credentialsMissing" || reason === "signatureMissing" || reason === "verifyTokenMissing" ? 401 : 403;
}
