import { getChannel } from "@/db/queries/channels";
import type { Db } from "@/db/client";
import { graphBaseFor } from "@/lib/channels/connection-check/channel-target";
import { channelTls } from "@/lib/channels/provider-tls";
import { decryptChannelSecret } from "@/lib/channels/secrets";
import { variantOfRow } from "@/lib/channels/record";
import { getKeyring } from "@/lib/crypto/keyring";
import { sendBspText } from "@/lib/outbound/providers/bsp";
import { sendCloudApiTemplate, sendCloudApiText } from "@/lib/outbound/providers/cloud-api";
import { sendInfobipText } from "@/lib/outbound/providers/infobip";
import type { ProviderResult } from "@/lib/outbound/providers/result";
import { sendTelegramText } from "@/lib/outbound/providers/telegram";
import type { CallContext } from "@/lib/outbound/providers/transport";
import { sendTwilioText } from "@/lib/outbound/providers/twilio";
import type { ChannelVariant } from "@/lib/validations/channels/information";

/*
 * A channel as something that sends: its provider client with its decrypted secrets and
 * certificates, built per send in the worker and never kept, logged or returned.
 */

/** Template language when the administrator names a template (the schema keeps the name only). */
export const TEMPLATE_LANGUAGE = "en_US";

/** Providers whose send takes our id as an idempotency key: a repeat of a request that may have arrived is safe. */
export const IDEMPOTENT_VARIANTS: ReadonlySet<ChannelVariant> = new Set(["infobip"]);

export interface OutgoingMessage {
  /** outbound_messages.id: Infobip's client messageId. */
  id: string;
  recipient: string;
  text: string;
  templateName: string | null;
}

export type ChannelSend = (message: OutgoingMessage, context: CallContext) => Promise<ProviderResult<{ messageId: string }>>;

export type SenderProblem = "not-found" | "disabled" | "missing-secret";
export type ChannelSender = { ok: true; variant: ChannelVariant; send: ChannelSend } | { ok: false; problem: SenderProblem };

const text = (settings: Record<string, unknown>, field: string): string | undefined => {
  const value = settings[field];
  return typeof value === "string" && value.trim() !== "" ? value.trim() : undefined;
};

export async function channelSender(db: Db, tenantId: string, channelId: string): Promise<ChannelSender> {
  const channel = await getChannel(db, { tenantId }, channelId);
  if (!channel) return { ok: false, problem: "not-found" };
  if (channel.status !== "enabled") return { ok: false, problem: "disabled" };
  const keyring = getKeyring();
  const tls = await channelTls(db, tenantId, channel);
  const secret = (field: string) => decryptChannelSecret(keyring, channel, field) ?? undefined;
  const settings = channel.settings;
  const variant = variantOfRow(channel);
  const sender = channel.phoneNumber ?? text(settings, "phoneNumber");
  const baseUrl = text(settings, "baseUrl");
  const missing = (): ChannelSender => ({ ok: false, problem: "missing-secret" });

  switch (variant) {
    case "infobip": {
      const apiKey = secret("accountKey");
      if (!apiKey || !baseUrl || !sender) return missing();
      return { ok: true, variant, send: (m, context) => sendInfobipText({ ...tls, baseUrl, apiKey, sender }, m.recipient, m.text, context, m.id) };
    }
    case "other-basic":
    case "other-oAuth": {
      const userName = text(settings, "userName");
      const password = secret("password");
      if (!userName || !password || !baseUrl) return missing();
      const auth = variant === "other-basic" ? { kind: "basic" as const, userName, password } : { kind: "oauth" as const, clientId: userName, clientSecret: password };
      return { ok: true, variant, send: (m, context) => sendBspText({ ...tls, baseUrl, auth, sender: sender ?? undefined }, m.recipient, m.text, context) };
    }
    case "cloud-api": {
      const accessToken = secret("accessToken");
      const phoneNumberId = text(settings, "phoneNumberId");
      if (!accessToken || !phoneNumberId) return missing();
      const cloud = { ...tls, accessToken, phoneNumberId, graphBaseUrl: graphBaseFor(baseUrl ?? "", phoneNumberId) };
      return {
        ok: true,
        variant,
        send: (m, context) =>
          m.templateName
            ? sendCloudApiTemplate(cloud, m.recipient, { name: m.templateName, language: TEMPLATE_LANGUAGE }, context)
            : sendCloudApiText(cloud, m.recipient, m.text, context),
      };
    }
    case "twilio": {
      const accountSid = text(settings, "accountSid");
      const authToken = secret("authToken");
      if (!accountSid || !authToken || !sender) return missing();
      return { ok: true, variant, send: (m, context) => sendTwilioText({ ...tls, accountSid, authToken, from: sender }, m.recipient, m.text, context) };
    }
    case "telegram": {
      const botToken = secret("botToken");
      if (!botToken) return missing();
      return { ok: true, variant, send: (m, context) => sendTelegramText({ ...tls, botToken }, m.recipient, m.text, context) };
    }
  }
}
