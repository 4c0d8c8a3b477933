import { and, eq, isNotNull, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels } from "../schema";
import type { TenantScope } from "../scope";

/*
 * A channel's previous webhook secret and its grace deadline (channels.previous_secret*). Every
 * function is scoped by tenant. Changes outside a channel save bump the channel's version, so the
 * webhook path's cached copies everywhere are written off as stale and read again (as a save does).
 */

export interface PreviousSecretValues {
  previousSecretField: string | null;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
}

const byIdInTenant = (scope: TenantScope, channelId: string) => and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId));

/** Within a channel save's transaction (the save bumps the version itself). */
export async function setPreviousSecret(db: DbOrTx, scope: TenantScope, channelId: string, values: PreviousSecretValues): Promise<void> {
  await db.update(channels).set(values).where(byIdInTenant(scope, channelId));
}

/** What the page shows of a grace period: the secret's name and deadline, never the ciphertext. */
export interface SecretGraceRow {
  provider: (typeof channels.$inferSelect)["provider"];
  verificationMethod: (typeof channels.$inferSelect)["verificationMethod"];
  field: string | null;
  until: Date | null;
}

export async function getSecretGrace(db: DbOrTx, scope: TenantScope, channelId: string): Promise<SecretGraceRow | null> {
  const [row] = await db
    .select({
      provider: channels.provider,
      verificationMethod: channels.verificationMethod,
      field: channels.previousSecretField,
      until: channels.previousSecretUntil,
    })
    .from(channels)
    .where(byIdInTenant(scope, channelId));
  return row ?? null;
}

/**
 * Moves a running grace period's deadline to `until`, or ends it (null: the previous secret is
 * deleted). Answers the secret's name and the deadline it had, or null when no grace period is
 * running at `now` on this tenant's channel (an expired one is then cleared, unless the caller
 * rolls back).
 */
export async function changeSecretGrace(
  db: DbOrTx,
  scope: TenantScope,
  channelId: string,
  until: Date | null,
  now: Date,
): Promise<{ field: string; before: Date } | null> {
  const [row] = await db
    .select({ field: channels.previousSecretField, until: channels.previousSecretUntil })
    .from(channels)
    .where(and(byIdInTenant(scope, channelId), isNotNull(channels.previousSecret)))
    .for("update");
  if (!row || row.field === null || row.until === null) return null;
  const running = row.until.getTime() > now.getTime();
  const values = running && until !== null ? { previousSecretUntil: until } : { previousSecretField: null, previousSecret: null, previousSecretUntil: null };
  await db
    .update(channels)
    .set({ ...values, version: sql`${channels.version} + 1` })
    .where(byIdInTenant(scope, channelId));
  return running ? { field: row.field, before: row.until } : null;
}

/** Telegram's secret token: a new one replaces the stored one, and the replaced one gets its grace period. */
export async function replaceIntegrationToken(
  db: DbOrTx,
  scope: TenantScope,
  channelId: string,
  integrationToken: string,
  previous: PreviousSecretValues,
): Promise<boolean> {
  const rows = await db
    .update(channels)
    .set({ integrationToken, ...previous, version: sql`${channels.version} + 1`, updatedAt: sql`now()` })
    .where(byIdInTenant(scope, channelId))
    .returning({ id: channels.id });
  return rows.length > 0;
}
