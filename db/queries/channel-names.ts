import { and, eq, ne, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels } from "../schema";
import type { TenantScope } from "../scope";

/**
 * Whether another channel of the tenant already has this name, compared the way the unique index
 * channels_name_key compares (tenant, lower(name)); `exceptChannelId` is the channel being edited.
 */
export async function channelNameTaken(db: DbOrTx, scope: TenantScope, name: string, exceptChannelId?: string): Promise<boolean> {
  const rows = await db
    .select({ id: channels.id })
    .from(channels)
    .where(
      and(
        eq(channels.tenantId, scope.tenantId),
        sql`lower(${channels.name}) = lower(${name})`,
        exceptChannelId ? ne(channels.id, exceptChannelId) : undefined,
      ),
    )
    .limit(1);
  return rows.length > 0;
}
