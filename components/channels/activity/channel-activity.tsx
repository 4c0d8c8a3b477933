import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadChannelActivity } from "@/lib/channels/activity-data";
import { ActivityCounters } from "./activity-counters";
import { AttemptLogTable } from "./attempt-log-table";
import { LatestEventsTable } from "./latest-events-table";
import { OutboundMessagesTable } from "./outbound-messages-table";
import { PeriodFilter } from "./period-filter";

/**
 * The channel page's activity: counters for the period in the URL, the latest messages and
 * reports, and the webhook attempt log. Everything is read within the viewer's tenant.
 */
export async function ChannelActivity({
  channelId,
  tenantId,
  searchParams,
  reportsDelivery = true,
}: {
  channelId: string;
  tenantId: string;
  searchParams: Record<string, string | string[] | undefined>;
  /** false for Telegram, whose Bot API reports nothing after a message is accepted. */
  reportsDelivery?: boolean;
}) {
  const [t, { parsed, timeZone, counts, events, attempts, outbound }] = await Promise.all([
    getTranslations("channelActivity"),
    loadChannelActivity(channelId, tenantId, searchParams),
  ]);
  const basePath = `/channels/${channelId}`;

  return (
    <section id="activity" aria-labelledby="channel-activity-title" className="mt-6 grid grid-cols-1 gap-6" data-testid="channel-activity">
      <Card>
        <CardHeader>
          <CardTitle id="channel-activity-title">{t("title")}</CardTitle>
          <CardDescription>{t("description")}</CardDescription>
        </CardHeader>
        <CardContent className="grid grid-cols-1 gap-4">
          <PeriodFilter basePath={basePath} parsed={parsed} timeZone={timeZone} />
          <ActivityCounters period={parsed.period} counts={counts ?? { received: 0, sent: 0, delivered: 0, read: 0, failed: 0 }} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("outbound.title")}</CardTitle>
          <CardDescription>{t("outbound.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <OutboundMessagesTable messages={outbound} timeZone={timeZone} reportsDelivery={reportsDelivery} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("events.title")}</CardTitle>
        </CardHeader>
        <CardContent>
          <LatestEventsTable events={events} timeZone={timeZone} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>{t("attempts.title")}</CardTitle>
          <CardDescription>{t("attempts.description")}</CardDescription>
        </CardHeader>
        <CardContent>
          <AttemptLogTable attempts={attempts} timeZone={timeZone} />
        </CardContent>
      </Card>
    </section>
  );
}
