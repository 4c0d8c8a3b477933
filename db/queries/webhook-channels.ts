import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { DEFAULT_TIME_ZONE } from "../defaults";
import { channels, serviceTimeSettings, tenants } from "../schema";

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
  /** The webhook secret a save replaced, encrypted, and until when it is still accepted (lib/channels/secret-grace.ts). */
  previousSecretField: string | null;
  previousSecret: string | null;
  previousSecretUntil: Date | null;
  apiAppId: string | null;
  workTime: (typeof channels.$inferSelect)["workTime"];
  nonWorkingNotice: string;
  /** The tenant's calendar, for the automatic reply: its zone, its version, and the non-working days near today. */
  calendar: {
    timeZone: string;
    version: number;
    nonWorkingDays: { startDate: string; endDate: string }[];
  };
}

/** Days of non-working ranges loaded around today: the reply's look-back (14 days) and look-ahead, with margin. */
export const CALENDAR_DAYS_BEFORE = 16;
export const CALENDAR_DAYS_AFTER = 2;

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
      previousSecretField: channels.previousSecretField,
      previousSecret: channels.previousSecret,
      previousSecretUntil: channels.previousSecretUntil,
      apiAppId: channels.apiAppId,
      workTime: channels.workTime,
      nonWorkingNotice: channels.nonWorkingNotice,
      timeZone: serviceTimeSettings.timeZone,
      calendarVersion: tenants.calendarVersion,
      nonWorkingDays: sql<{ startDate: string; endDate: string }[]>`coalesce((
        select json_agg(json_build_object('startDate', d.start_date, 'endDate', d.end_date) order by d.start_date)
        from non_working_days d
        where d.tenant_id = ${channels.tenantId}
          and d.start_date <= current_date + ${CALENDAR_DAYS_AFTER}::int and d.end_date >= current_date - ${CALENDAR_DAYS_BEFORE}::int
      ), '[]'::json)`,
    })
    .from(channels)
    .innerJoin(tenants, eq(tenants.id, channels.tenantId))
    .leftJoin(serviceTimeSettings, eq(serviceTimeSettings.tenantId, channels.tenantId))
    .where(eq(channels.webhookKey, webhookKey));
  if (!row) return null;
  const { timeZone, calendarVersion, nonWorkingDays, ...channel } = row;
  return { ...channel, calendar: { timeZone: timeZone ?? DEFAULT_TIME_ZONE, version: calendarVersion, nonWorkingDays } };
}
