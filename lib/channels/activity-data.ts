import "server-only";
import { getDb } from "@/db";
import { getActivityCounts, getEndpointStatuses, listLatestAttempts, listLatestEvents } from "@/db/queries/channel-activity";
import { listOutboundMessages } from "@/db/queries/outbound-messages";
import { getServiceTimeSettings } from "@/db/queries/service-time";
import { parseActivityPeriod, resolveActivityPeriod } from "./activity-period";

/*
 * What the channel page's activity section and the Channel Integration step's live status read,
 * always within the viewer's tenant. The components render it; they do not query.
 */

/** Enough to see a pattern at a glance; the attempt log keeps far more (lib/webhooks/ingest/ingestor.ts). */
const LATEST_EVENTS = 20;
const LATEST_ATTEMPTS = 20;
const LATEST_OUTBOUND = 20;

/** Counters for the period in the URL, the latest messages and reports, the console's outbound messages, and the webhook attempt log. */
export async function loadChannelActivity(channelId: string, tenantId: string, searchParams: Record<string, string | string[] | undefined>) {
  const db = getDb();
  const scope = { tenantId };
  const parsed = parseActivityPeriod(searchParams);
  const { timeZone } = await getServiceTimeSettings(db, scope);
  const bounds = resolveActivityPeriod(parsed.period, { now: new Date(), timeZone });
  const [counts, events, attempts, outbound] = await Promise.all([
    getActivityCounts(db, scope, channelId, bounds),
    listLatestEvents(db, scope, channelId, LATEST_EVENTS),
    listLatestAttempts(db, scope, channelId, LATEST_ATTEMPTS),
    listOutboundMessages(db, scope, channelId, LATEST_OUTBOUND),
  ]);
  return { parsed, timeZone, counts, events, attempts, outbound };
}

/** Each webhook URL's current state, and the tenant's time zone to show its times in. */
export async function loadWebhookStatuses(channelId: string, tenantId: string) {
  const db = getDb();
  const scope = { tenantId };
  const [statuses, settings] = await Promise.all([getEndpointStatuses(db, scope, channelId), getServiceTimeSettings(db, scope)]);
  return { statuses, timeZone: settings.timeZone };
}
