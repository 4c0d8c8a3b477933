import type { Db } from "@/db/client";
import type { ProviderToolsChannel } from "@/db/queries/provider-tools";
import { getKeyring } from "@/lib/crypto/keyring";
import { outboundScope } from "@/lib/outbound/scope";
import type { CallContext } from "@/lib/outbound/providers/transport";
import { graphBaseFor } from "../connection-check/channel-target";
import { channelTls } from "../provider-tls";
import { decryptChannelSecret } from "../secrets";
import type { MetaAdminSettings } from "./graph-admin";

/*
 * A cloud-api channel as Meta's admin client takes it: ids from its settings, the access token and
 * app secret decrypted (server-side, for this call only), its certificates, and the Graph base.
 */

const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");

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
    // The connection check's rule: META_GRAPH_BASE_URL, else the Graph base the channel's BaseUrl names.
    graphBaseUrl: graphBaseFor(text(channel.settings.baseUrl), phoneNumberId),
    ...(await channelTls(db, channel.tenantId, channel)),
  };
  return { settings, context: { scope: outboundScope(db, channel.tenantId) } };
}
