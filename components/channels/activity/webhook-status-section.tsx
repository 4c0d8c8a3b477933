import { getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { loadWebhookStatuses } from "@/lib/channels/activity-data";
import type { IntegrationUrl } from "@/lib/channels/integration";
import { toSnapshot } from "@/lib/channels/webhook-live-status";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { TEXT_GROUP } from "../integration/text-group";
import { WebhookLiveStatus } from "./webhook-live-status";

/** The Channel Integration step's live status of each webhook URL, rendered with its current state, then polled. */
export async function WebhookStatusSection({
  channelId,
  tenantId,
  variant,
  urls,
}: {
  channelId: string;
  tenantId: string;
  variant: ChannelVariant;
  urls: IntegrationUrl[];
}) {
  const [t, ti, { statuses, timeZone }] = await Promise.all([
    getTranslations("channelActivity.live"),
    getTranslations("channelIntegration"),
    loadWebhookStatuses(channelId, tenantId),
  ]);
  const labelled = urls.map((url) => ({ name: url.name, label: ti(`urls.${TEXT_GROUP[variant]}.${url.name}.label` as never) }));
  return (
    <Card className="mt-6 max-w-4xl" data-testid="webhook-live-status">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        <WebhookLiveStatus channelId={channelId} urls={labelled} initial={(statuses ?? []).map(toSnapshot)} timeZone={timeZone} />
      </CardContent>
    </Card>
  );
}
