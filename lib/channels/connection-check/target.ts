import type { BspSettings } from "@/lib/outbound/providers/bsp";
import type { CloudApiSettings } from "@/lib/outbound/providers/cloud-api";
import type { InfobipSettings } from "@/lib/outbound/providers/infobip";
import type { TelegramSettings } from "@/lib/outbound/providers/telegram";
import type { ChannelTls } from "@/lib/outbound/providers/transport";
import type { TwilioSettings } from "@/lib/outbound/providers/twilio";

/*
 * What a check needs of a channel, decrypted and resolved: the API base it calls, its TLS side, the
 * provider's settings, and the webhook URL the provider should call. Built server-side only
 * (./channel-target.ts) and never sent anywhere but the provider.
 */

interface Common {
  /** The API base the transport steps diagnose (the first call of the check goes there). */
  apiBaseUrl: string;
  tls: ChannelTls;
  /** This channel's webhook URL the provider should call (its message URL). */
  webhookUrl: string;
}

export type CheckTarget = Common &
  (
    | { variant: "cloud-api"; settings: CloudApiSettings & { graphBaseUrl: string }; appId: string; wabaId: string | null; phoneNumber: string | null }
    | { variant: "twilio"; settings: TwilioSettings; messagingBaseUrl: string }
    | { variant: "telegram"; settings: TelegramSettings }
    | { variant: "infobip"; settings: InfobipSettings }
    | { variant: "other-basic" | "other-oAuth"; settings: BspSettings; hasSender: boolean }
  );

/** Every secret a target holds: cut from any text the check keeps (provider messages). */
export function secretsOf(target: CheckTarget): string[] {
  switch (target.variant) {
    case "cloud-api":
      return [target.settings.accessToken];
    case "twilio":
      return [target.settings.authToken];
    case "telegram":
      return [target.settings.botToken];
    case "infobip":
      return [target.settings.apiKey];
    default:
      return target.settings.auth.kind === "basic" ? [target.settings.auth.password] : [target.settings.auth.clientSecret];
  }
}
