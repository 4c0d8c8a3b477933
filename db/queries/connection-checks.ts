import { and, eq, inArray } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channelConnectionChecks, channels, type ConnectionCheckStepRecord } from "../schema";
import type { TenantScope } from "../scope";

/*
 * Connection checks: what a check needs of a channel (its settings, ciphertexts and certificate
 * ids; decrypted in lib/, never here), and the latest result per channel. Every read and write is
 * scoped by tenant; the composite foreign key (tenant_id, channel_id) refuses a row for another
 * tenant's channel even if a caller got the id wrong.
 */

export interface ChannelForCheck {
  id: string;
  provider: (typeof channels.$inferSelect)["provider"];
  verificationMethod: (typeof channels.$inferSelect)["verificationMethod"];
  phoneNumber: string | null;
  settings: Record<string, unknown>;
  secrets: Record<string, string>;
  trustCertificateId: string | null;
  identityCertificateId: string | null;
  webhookKey: string;
}

export async function getChannelForCheck(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ChannelForCheck | null> {
  const [row] = await db
    .select({
      id: channels.id,
      provider: channels.provider,
      verificationMethod: channels.verificationMethod,
      phoneNumber: channels.phoneNumber,
      settings: channels.settings,
      secrets: channels.secrets,
      trustCertificateId: channels.trustCertificateId,
      identityCertificateId: channels.identityCertificateId,
      webhookKey: channels.webhookKey,
    })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId)));
  return row ?? null;
}

export type ConnectionCheckOutcome = (typeof channelConnectionChecks.$inferSelect)["outcome"];

export interface ConnectionCheckView {
  channelId: string;
  outcome: ConnectionCheckOutcome;
  steps: ConnectionCheckStepRecord[];
  checkedAt: Date;
}

/** Keeps `check` as the channel's latest (one row per channel). */
export async function saveConnectionCheck(
  db: DbOrTx,
  scope: TenantScope,
  check: { channelId: string; outcome: ConnectionCheckOutcome; steps: ConnectionCheckStepRecord[]; checkedByUserId: string | null },
): Promise<ConnectionCheckView> {
  const values = { outcome: check.outcome, steps: check.steps, checkedAt: new Date(), checkedByUserId: check.checkedByUserId };
  const [row] = await db
    .insert(channelConnectionChecks)
    .values({ tenantId: scope.tenantId, channelId: check.channelId, ...values })
    .onConflictDoUpdate({ target: channelConnectionChecks.channelId, set: values, setWhere: eq(channelConnectionChecks.tenantId, scope.tenantId) })
    .returning({
      channelId: channelConnectionChecks.channelId,
      outcome: channelConnectionChecks.outcome,
      steps: channelConnectionChecks.steps,
      checkedAt: channelConnectionChecks.checkedAt,
    });
  if (!row) throw new Error("the connection check was not stored");
  return row;
}

export async function getConnectionCheck(db: DbOrTx, scope: TenantScope, channelId: string): Promise<ConnectionCheckView | null> {
  const [row] = await db
    .select({
      channelId: channelConnectionChecks.channelId,
      outcome: channelConnectionChecks.outcome,
      steps: channelConnectionChecks.steps,
      checkedAt: channelConnectionChecks.checkedAt,
    })
    .from(channelConnectionChecks)
    .where(and(eq(channelConnectionChecks.channelId, channelId), eq(channelConnectionChecks.tenantId, scope.tenantId)));
  return row ?? null;
}

export interface ConnectionHealth {
  outcome: ConnectionCheckOutcome;
  checkedAt: Date;
}

/** The latest outcome of each of `channelIds` that was ever checked (a list page's ids: one indexed lookup). */
export async function listConnectionHealth(db: DbOrTx, scope: TenantScope, channelIds: readonly string[]): Promise<Map<string, ConnectionHealth>> {
  if (channelIds.length === 0) return new Map();
  const rows = await db
    .select({ channelId: channelConnectionChecks.channelId, outcome: channelConnectionChecks.outcome, checkedAt: channelConnectionChecks.checkedAt })
    .from(channelConnectionChecks)
    .where(and(inArray(channelConnectionChecks.channelId, [...channelIds]), eq(channelConnectionChecks.tenantId, scope.tenantId)));
  return new Map(rows.map((row) => [row.channelId, { outcome: row.outcome, checkedAt: row.checkedAt }]));
}
