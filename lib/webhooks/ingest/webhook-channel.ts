import type { WebhookChannelRow } from "@/db/queries/webhook-channels";
import type { WebhookEndpoint } from "@/db/schema/webhooks";
import { WEBHOOK_PROVIDER_SEGMENT } from "@/lib/channels/integration";
import { decryptPreviousSecret, WEBHOOK_SECRET_FIELD } from "@/lib/channels/secret-grace";
import { channelSecretContext, decryptChannelSecret } from "@/lib/channels/secrets";
import { decryptSecret, type Keyring } from "@/lib/crypto/secrets";
import { variantOf, type ChannelVariant } from "@/lib/validations/channels/information";
import { autoReplySettings, type AutoReplySettings } from "./auto-reply";

/*
 * What a webhook call needs to know about its channel, with the one credential its provider
 * presents already decrypted. Held in memory only (channel-cache.ts), never logged or sent.
 */

export interface WebhookChannel {
  id: string;
  tenantId: string;
  variant: ChannelVariant;
  enabled: boolean;
  /** The channels.version this was read at: the write checks it is still current. */
  version: number;
  /**
   * infobip / other-basic: the webhook password; cloud-api: the App Secret; twilio: the Auth Token;
   * telegram: the secret token. Null when none is stored (nothing then authenticates).
   */
  credential: string | null;
  /**
   * The credential a save replaced, still accepted until `until` (the secret grace period);
   * null when there is none. Read in the same query as the channel, so the hot path adds none.
   */
  previousCredential: { value: string; until: Date } | null;
  /** cloud-api: the verify token of Meta's GET handshake. */
  verifyToken: string | null;
  /** cloud-api: events for other phone number ids of the same Meta app are not this channel's. */
  phoneNumberId: string | null;
  /** other-oAuth: the API app whose bearer tokens may post here. */
  apiAppId: string | null;
  /** The non-working-time notification and the schedule it follows; null when the notice is empty. */
  autoReply: AutoReplySettings | null;
}

/** Which URL names each provider's path segment serves (lib/channels/integration.ts webhookUrls). */
export const ENDPOINTS_BY_SEGMENT = {
  infobip: ["message", "report"],
  bsp: ["message", "report"],
  "whatsapp-cloud": ["webhook"],
  twilio: ["message", "status"],
  telegram: ["message"],
} as const satisfies Record<(typeof WEBHOOK_PROVIDER_SEGMENT)[ChannelVariant], readonly WebhookEndpoint[]>;

export type WebhookSegment = keyof typeof ENDPOINTS_BY_SEGMENT;

export function isWebhookSegment(value: string): value is WebhookSegment {
  return Object.hasOwn(ENDPOINTS_BY_SEGMENT, value);
}

/** A channel is reachable only under its own provider's path: a telegram key on the infobip path is unknown there. */
export function servesSegment(channel: WebhookChannel, segment: WebhookSegment): boolean {
  return WEBHOOK_PROVIDER_SEGMENT[channel.variant] === segment;
}

export function toWebhookChannel(row: WebhookChannelRow, keyring: Keyring): WebhookChannel {
  const variant = variantOf(row);
  const field = WEBHOOK_SECRET_FIELD[variant];
  const integrationToken = row.integrationToken ? decryptSecret(keyring, row.integrationToken, channelSecretContext(row.id, "integrationToken")) : null;
  const credential = field === null ? null : field === "integrationToken" ? integrationToken : decryptChannelSecret(keyring, row, field);
  const phoneNumberId = typeof row.settings.phoneNumberId === "string" ? row.settings.phoneNumberId : null;
  return {
    id: row.id,
    tenantId: row.tenantId,
    variant,
    enabled: row.status === "enabled",
    version: row.version,
    credential,
    previousCredential: decryptPreviousSecret(keyring, row.id, variant, row),
    verifyToken: variant === "cloud-api" ? integrationToken : null,
    phoneNumberId: variant === "cloud-api" ? phoneNumberId : null,
    apiAppId: row.apiAppId,
    autoReply: autoReplySettings(
      row.nonWorkingNotice,
      { workTime: row.workTime, calendar: { timeZone: row.calendar.timeZone, nonWorkingDays: row.calendar.nonWorkingDays } },
      row.calendar.version,
    ),
  };
}
