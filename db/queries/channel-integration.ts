import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels } from "../schema";
import type { TenantScope } from "../scope";

/*
 * What the Channel Integration actions need of a channel: its variant, status, webhook key and
 * the ciphertexts of its integration token, scenario key and secrets. Scoped by tenant like every
 * channel query, so another tenant's id reads as missing.
 */

const columns = {
  id: channels.id,
  name: channels.name,
  provider: channels.provider,
  verificationMethod: channels.verificationMethod,
  status: channels.status,
  webhookKey: channels.webhookKey,
  integrationToken: channels.integrationToken,
  scenarioKey: channels.scenarioKey,
  secrets: channels.secrets,
};

export type ChannelIntegrationRow = {
  id: string;
  name: string;
  provider: (typeof channels.$inferSelect)["provider"];
  verificationMethod: (typeof channels.$inferSelect)["verificationMethod"];
  status: (typeof channels.$inferSelect)["status"];
  webhookKey: string;
  integrationToken: string | null;
  scenarioKey: string | null;
  secrets: Record<string, string>;
};

const byIdInTenant = (scope: TenantScope, channelId: string) => and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId));

export async function getChannelIntegration(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ChannelIntegrationRow | null> {
  const [row] = await db.select(columns).from(channels).where(byIdInTenant(scope, channelId));
  return row ?? null;
}

/** The same, locked until the transaction ends, so two "Generate" clicks cannot both see "no key yet". */
export async function lockChannelIntegration(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ChannelIntegrationRow | null> {
  const [row] = await db.select(columns).from(channels).where(byIdInTenant(scope, channelId)).for("update");
  return row ?? null;
}
