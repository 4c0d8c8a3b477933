import { and, eq } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { channels } from "../schema";
import type { TenantScope } from "../scope";

type WorkTime = (typeof channels.$inferSelect)["workTime"];

/** A channel's work-time segments, scoped by tenant: another tenant's id reads as missing (null). */
export async function getChannelWorkTime(db: DbOrTx, scope: TenantScope, channelId: string): Promise<WorkTime | null> {
  const [row] = await db
    .select({ workTime: channels.workTime })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, scope.tenantId)));
  return row?.workTime ?? null;
}
