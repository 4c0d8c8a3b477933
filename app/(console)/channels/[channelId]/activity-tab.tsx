import { getTranslations } from "next-intl/server";
import { ChannelActivity } from "@/components/channels/activity/channel-activity";
import { TestMessageForm } from "@/components/channels/test-message/test-message-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { sendTestMessageAction } from "../actions";
import type { ChannelTabProps } from "./tab-props";

// Activity: what the channel received and sent, and (administrators, enabled channels) a test message to try it.
export async function ActivityTab({ detail: { channel }, tenantId, isAdmin, searchParams }: ChannelTabProps) {
  const tm = await getTranslations("testMessage");
  return (
    <>
      <ChannelActivity channelId={channel.id} tenantId={tenantId} searchParams={searchParams} reportsDelivery={channel.provider !== "telegram"} />
      {isAdmin && channel.status === "enabled" ? (
        <Card className="mt-6">
          <CardHeader>
            <CardTitle>{tm("title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <TestMessageForm channelId={channel.id} channelType={channel.channelType} allowTemplate={channel.provider === "cloud-api"} action={sendTestMessageAction} />
          </CardContent>
        </Card>
      ) : null}
    </>
  );
}
