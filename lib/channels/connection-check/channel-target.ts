import type { DbOrTx } from "@/db/client";
import type { ChannelForCheck } from "@/db/queries/connection-checks";
import { getKeyring } from "@/lib/crypto/keyring";
import { metaGraphBaseUrl, twilioApiBaseUrl, twilioMessagingBaseUrl } from "@/lib/outbound/providers/bases";
import { telegramApiBaseUrl } from "@/lib/telegram/bot-api";
import { publicBaseUrl, webhookUrls } from "../integration";
import { channelTls } from "../provider-tls";
import { variantOfRow } from "../record";
import { decryptChannelSecret } from "../secrets";
import type { CheckTarget } from "./target";

/*
 * A stored channel as a check target: secrets and the identity key decrypted here, server-side,
 * for the check being run, and dropped with it.
 */

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

/**
 * META_GRAPH_BASE_URL when set (an operator's proxy), else the Graph base the channel's BaseUrl
 * names: the wizard's example is `<graph base>/<phone number id>/messages`, the seed's the base itself.
 */
export function graphBaseFor(channelBaseUrl: string, phoneNumberId: string, env: Partial<Record<string, string>> = process.env): string {
  if (env.META_GRAPH_BASE_URL?.trim() || !channelBaseUrl.startsWith("https://")) return metaGraphBaseUrl(env);
  const trimmed = channelBaseUrl.replace(/\/+$/, "");
  const suffix = `/${phoneNumberId}/messages`;
  return trimmed.endsWith(suffix) ? trimmed.slice(0, -suffix.length) : trimmed;
}

export async function checkTargetOf(db: DbOrTx, tenantId: string, channel: ChannelForCheck): Promise<CheckTarget> {
  const keyring = getKeyring();
  const secret = (field: string) => decryptChannelSecret(keyring, channel, field) ?? "";
  const variant = variantOfRow(channel);
  const tls = await channelTls(db, tenantId, channel);
  const [hook] = webhookUrls(variant, publicBaseUrl(), channel.webhookKey);
  const webhookUrl = hook!.url;
  const s = channel.settings;
  const phoneNumber = channel.phoneNumber ?? "";
  switch (variant) {
    case "cloud-api": {
      const phoneNumberId = text(s.phoneNumberId);
      const graphBaseUrl = graphBaseFor(text(s.baseUrl), phoneNumberId);
      const settings = { accessToken: secret("accessToken"), phoneNumberId, graphBaseUrl, ...tls };
      return { variant, apiBaseUrl: graphBaseUrl, tls, webhookUrl, settings, appId: text(s.appKey), wabaId: text(s.wabaId) || null, phoneNumber: channel.phoneNumber };
    }
    case "twilio": {
      const apiBaseUrl = twilioApiBaseUrl();
      const settings = { accountSid: text(s.accountSid), authToken: secret("authToken"), from: phoneNumber, apiBaseUrl, ...tls };
      return { variant, apiBaseUrl, tls, webhookUrl, settings, messagingBaseUrl: twilioMessagingBaseUrl() };
    }
    case "telegram": {
      const apiBaseUrl = telegramApiBaseUrl();
      return { variant, apiBaseUrl, tls, webhookUrl, settings: { botToken: secret("botToken"), apiBaseUrl, ...tls } };
    }
    case "infobip": {
      const baseUrl = text(s.baseUrl);
      return { variant, apiBaseUrl: baseUrl, tls, webhookUrl, settings: { baseUrl, apiKey: secret("accountKey"), sender: phoneNumber, ...tls } };
    }
    case "other-basic":
    case "other-oAuth": {
      const baseUrl = text(s.baseUrl);
      const auth =
        variant === "other-basic"
          ? { kind: "basic" as const, userName: text(s.userName), password: secret("password") }
          : { kind: "oauth" as const, clientId: text(s.userName), clientSecret: secret("password") };
      return { variant, apiBaseUrl: baseUrl, tls, webhookUrl, settings: { baseUrl, auth, sender: phoneNumber, ...tls }, hasSender: Boolean(phoneNumber) };
    }
  }
}
