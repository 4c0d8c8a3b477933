import { and, count, eq, gte, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels, channelTokenStatus, numberRegistrations } from "../schema";
import type { TenantScope } from "../scope";

/*
 * What the provider tools (Meta number tools, Telegram webhook management) read and write: the
 * channel with its certificate ids and secret ciphertexts, Meta's token status (debug_token), and
 * the register attempts that Meta's 10-per-72-hours budget is counted from.
 */

const toolsColumns = {
  id: channels.id,
  tenantId: channels.tenantId,
  name: channels.name,
  provider: channels.provider,
  status: channels.status,
  settings: channels.settings,
  secrets: channels.secrets,
  webhookKey: channels.webhookKey,
  integrationToken: channels.integrationToken,
  trustCertificateId: channels.trustCertificateId,
  identityCertificateId: channels.identityCertificateId,
};

export type ProviderToolsChannel = {
  id: string;
  tenantId: string;
  name: string;
  provider: (typeof channels.$inferSelect)["provider"];
  status: (typeof channels.$inferSelect)["status"];
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  webhookKey: string;
  integrationToken: string | null;
  trustCertificateId: string | null;
  identityCertificateId: string | null;
};

/** Another tenant's channel id answers exactly like a missing one. */
export async function getProviderToolsChannel(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ProviderToolsChannel | null> {
  const [row] = await db
    .select(toolsColumns)
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId)));
  return row ?? null;
}

/** Every channel of `provider` in every tenant, for the daily jobs (they act in each row's own tenant). */
export async function listChannelsOfProvider(db: DbOrTx, provider: ProviderToolsChannel["provider"]): Promise<ProviderToolsChannel[]> {
  return db.select(toolsColumns).from(channels).where(eq(channels.provider, provider)).orderBy(channels.tenantId, channels.id);
}

export type TokenStatusRow = typeof channelTokenStatus.$inferSelect;
export type TokenStatusValues = Omit<typeof channelTokenStatus.$inferInsert, "tenantId" | "channelId" | "checkedAt">;

/** One row per channel: the latest debug_token answer replaces the previous one. */
export async function saveTokenStatus(db: DbOrTx, scope: TenantScope, channelId: string, values: TokenStatusValues): Promise<TokenStatusRow> {
  const row = { ...values, checkedAt: new Date() };
  const [saved] = await db
    .insert(channelTokenStatus)
    .values({ ...row, tenantId: scope.tenantId, channelId })
    .onConflictDoUpdate({ target: channelTokenStatus.channelId, set: row, setWhere: eq(channelTokenStatus.tenantId, scope.tenantId) })
    .returning();
  return saved!;
}

export async function getTokenStatus(db: DbOrTx, scope: TenantScope, channelId: string): Promise<TokenStatusRow | null> {
  const [row] = await db
    .select()
    .from(channelTokenStatus)
    .where(and(eq(channelTokenStatus.channelId, channelId), eq(channelTokenStatus.tenantId, scope.tenantId)));
  return row ?? null;
}

/**
 * Serialises register attempts on one number until the transaction ends, so two administrators
 * cannot both spend the last try (Meta counts per number, whoever asks).
 */
export async function lockNumberRegistrations(tx: DbOrTx, phoneNumberId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`number-register:${phoneNumberId}`}, 0))`);
}

/** Register attempts on a number since `since`: Meta's budget is per number, so every tenant's attempts count. */
export async function countRegistrationsSince(db: DbOrTx, phoneNumberId: string, since: Date): Promise<{ count: number; oldest: Date | null }> {
  const [row] = await db
    .select({ count: count(), oldest: sql<Date | null>`min(${numberRegistrations.attemptedAt})` })
    .from(numberRegistrations)
    .where(and(eq(numberRegistrations.phoneNumberId, phoneNumberId), gte(numberRegistrations.attemptedAt, since)));
  const oldest = row?.oldest ? new Date(row.oldest) : null;
  return { count: row?.count ?? 0, oldest };
}

export async function insertRegistration(
  db: DbOrTx,
  scope: TenantScope,
  values: Omit<typeof numberRegistrations.$inferInsert, "tenantId" | "id" | "attemptedAt">,
): Promise<void> {
  await db.insert(numberRegistrations).values({ ...values, tenantId: scope.tenantId });
}
