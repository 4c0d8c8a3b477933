import "server-only";
import type { DbOrTx } from "@/db/client";
import { getServiceTimeSettings } from "@/db/queries/service-time";
import { listCertificatesExpiringBy, listChannelHealth, listRecentRejections, type RecentRejectionRow } from "@/db/queries/overview";
import { FAILING_WINDOW_MS, summarizeChannels, type ChannelSummary } from "./classify";
import { expiringItems, expiryHorizon, type ExpiringItem } from "./expiring";

/** How many rejected calls the Overview lists; the channel's own log has the rest. */
export const RECENT_REJECTIONS_LIMIT = 10;

export interface Overview {
  channels: ChannelSummary;
  expiring: ExpiringItem[];
  rejections: RecentRejectionRow[];
  /** The tenant's time zone (service time), for every time shown. */
  timeZone: string;
}

/** Everything the Overview shows for one tenant, as of `now`: four reads, side by side. */
export async function loadOverview(db: DbOrTx, tenantId: string, now: Date = new Date()): Promise<Overview> {
  const scope = { tenantId };
  const [health, certificates, rejections, settings] = await Promise.all([
    listChannelHealth(db, scope, { rejectedSince: new Date(now.getTime() - FAILING_WINDOW_MS) }),
    listCertificatesExpiringBy(db, scope, expiryHorizon(now)),
    listRecentRejections(db, scope, RECENT_REJECTIONS_LIMIT),
    getServiceTimeSettings(db, scope),
  ]);
  const tokens = health
    .filter((channel) => channel.provider === "cloud-api")
    .map((channel) => ({ channelId: channel.id, channelName: channel.name, status: channel.tokenStatus, entered: channel.tokenValidity }));
  return { channels: summarizeChannels(health, now), expiring: expiringItems(tokens, certificates, now), rejections, timeZone: settings.timeZone };
}
