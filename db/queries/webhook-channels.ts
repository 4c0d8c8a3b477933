import { eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels } from "../schema";

/*
 * The one channel lookup that is not scoped by tenant: a provider's call names its channel only by
 * the unguessable webhook key in the URL, and the row found there supplies the tenant for every
 * write that follows.
 */

export interface WebhookChannelRow {
  id: string;
  tenantId: string;
  provider: (typeof channels.$inferSelect)["provider"];
  verificationMethod: (typeof channels.$inferSelect)["verificationMethod"];
  status: (typeof channels.$inferSelect)["status"];
  version: number;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  integrationToken: string | null;
  apiAppId: string | null;
}

export async function findChannelByWebhookKey(db: DbOrTx, webhookKey: string): Promise<WebhookChannelRow | null> {
  const [row] = await db
    .select({
      id: channels.id,
      tenantId: channels.tenantId,
      provider: channels.provider,
      verificationMethod: channels.verificationMethod,
      status: channels.status,
      version: channels.version,
      settings: channels.settings,
      secrets: channels.secrets,
      integrationToken: channels.integrationToken,
      apiAppId: channels.apiAppId,
    })
    .from(channels)
    .where(eq(channels.webhookKey, webhookKey));
  return row ?? null;
}
