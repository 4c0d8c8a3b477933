import type { Db } from "@/db/client";
import type { ProviderToolsChannel } from "@/db/queries/provider-tools";
import { getKeyring } from "@/lib/crypto/keyring";
import { outboundScope } from "@/lib/outbound/scope";
import type { CallContext } from "@/lib/outbound/providers/transport";
import { channelTls } from "../provider-tls";
import { decryptChannelSecret } from "../secrets";
import type { MetaAdminSettings } from "./graph-admin";

/*
 * A cloud-api channel as Meta's admin client takes it: ids from its settings, the access token and
 * app secret decrypted (server-side, for this call only), its certificates, and the Graph base.
 */

/**
 * META_GRAPH_BASE_URL when set (an operator's proxy, the tests' fake), else the Graph base the
 * channel's BaseUrl names (`<base>/<phone number id>/messages`), else Meta's default.
 */
export function graphBaseOf(channelBaseUrl: unknown, phoneNumberId: string, env: Partial<Record<string, string>> = process.env): string | undefined {
  if (env.META_GRAPH_BASE_URL?.trim()) return undefined;
  if (typeof channelBaseUrl !== "string") return undefined;
  const suffix = `/${phoneNumberId}/messages`;
  const trimmed = channelBaseUrl.replace(/\/+$/, "");
  return trimmed.startsWith("https://") && trimmed.endsWith(suffix) ? trimmed.slice(0, -suffix.length) : undefined;
}

const text = (value: unknown) => (typeof value === "string" ? value : "");

export async function metaSettingsOf(db: Db, channel: ProviderToolsChannel): Promise<{ settings: MetaAdminSettings; context: CallContext }> {
  const keyring = getKeyring();
  const phoneNumberId = text(channel.settings.phoneNumberId);
  const wabaId = text(channel.settings.wabaId);
  const settings: MetaAdminSettings = {
    appId: text(channel.settings.appKey),
    appSecret: decryptChannelSecret(keyring, channel, "appSecret") ?? "",
    accessToken: decryptChannelSecret(keyring, channel, "accessToken") ?? "",
    phoneNumberId,
    ...(wabaId ? { wabaId } : {}),
    ...(graphBaseOf(channel.settings.baseUrl, phoneNumberId) ? { graphBaseUrl: graphBaseOf(channel.settings.baseUrl, phoneNumberId) } : {}),
    ...(await channelTls(db, channel.tenantId, channel)),
  };
  return { settings, context: { scope: outboundScope(db, channel.tenantId) } };
}
