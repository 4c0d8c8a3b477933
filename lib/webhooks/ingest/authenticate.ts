import type { Db } from "@/db/client";
import { verifyBearerToken } from "@/lib/api-apps/bearer";
import type { AuthReason, HeaderReader, RequestReason } from "../reasons";
import { META_SIGNATURE_HEADER, verifyMetaSignature } from "../verify/meta-signature";
import { readBearerToken, verifyTelegramSecretToken, verifyWebhookPassword } from "../verify/shared-secret";
import { TWILIO_SIGNATURE_HEADER, verifyTwilioSignature } from "../verify/twilio-signature";
import type { WebhookChannel } from "./webhook-channel";

/*
 * One provider-specific check per variant, all on the raw body before anything parses it.
 * other-oAuth's bearer token must belong to the channel's own API app in the channel's tenant:
 * a valid token of another app (or tenant) is refused like an unknown one.
 */

export type AuthOutcome = { ok: true } | { ok: false; reason: AuthReason | Extract<RequestReason, "tokenInvalid"> };

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
  switch (channel.variant) {
    case "infobip":
      return verifyWebhookPassword(request.headers, channel.credential);
    case "other-basic":
      return verifyWebhookPassword(request.headers, channel.credential, { allowBareAuthorization: true });
    case "other-oAuth": {
      const bearer = readBearerToken(request.headers);
      if (!bearer.ok) return bearer;
      const grant = await verifyBearerToken(db, bearer.token, BSP_WEBHOOK_API, now);
      const own = grant !== null && grant.tenantId === channel.tenantId && grant.appId === channel.apiAppId;
      return own ? { ok: true } : { ok: false, reason: "tokenInvalid" };
    }
    case "cloud-api":
      if (!channel.credential) return { ok: false, reason: "secretNotConfigured" };
      return verifyMetaSignature(request.rawBody, request.headers.get(META_SIGNATURE_HEADER), channel.credential);
    case "twilio":
      if (!channel.credential) return { ok: false, reason: "secretNotConfigured" };
      return verifyTwilioSignature({
        authToken: channel.credential,
        signature: request.headers.get(TWILIO_SIGNATURE_HEADER),
        url: request.publicUrl,
        rawBody: request.bodyText,
      });
    case "telegram":
      return verifyTelegramSecretToken(request.headers, channel.credential);
  }
}

/** 401 when the caller presented nothing to check (it may retry with credentials); 403 when what it presented is wrong. */
export function authFailureStatus(reason: string): 401 | 403 {
  return reason === "credentialsMissing" || reason === "signatureMissing" || reason === "verifyTokenMissing" ? 401 : 403;
}
