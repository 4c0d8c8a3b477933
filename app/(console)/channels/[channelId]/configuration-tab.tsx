import { getFormatter, getTranslations } from "next-intl/server";
import {
  BasicConfigurationList,
  ChannelInformationList,
  RobotConfigurationList,
} from "@/components/channels/detail/channel-configuration";
import { TokenValidityNotice } from "@/components/channels/detail/token-validity-notice";
import { SecretGraceNotice } from "@/components/channels/secret-grace/secret-grace-notice";
import { DetailList } from "@/components/console/detail-list";
import { ChannelScheduleCard } from "@/components/service-time/channel-schedule";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { getTokenStatus } from "@/db/queries/provider-tools";
import { loadChannelSchedule } from "@/lib/service-time/channel-schedule";
import { changeSecretGraceAction } from "../secret-grace-actions";
import type { ChannelTabProps } from "./tab-props";

// Configuration: the wizard's three steps for reading (secrets masked), the open hours, and the JSON download.
export async function ConfigurationTab({ detail: { channel, names }, tenantId, isAdmin }: ChannelTabProps) {
  const [t, format, tokenStatus, schedule] = await Promise.all([
    getTranslations("channelIntegration.detail"),
    getFormatter(),
    channel.provider === "cloud-api" ? getTokenStatus(getDb(), { tenantId }, channel.id) : null,
    loadChannelSchedule(getDb(), { tenantId }, channel.workTime),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const provider = t(`providers.${channel.provider}`);
  const section = (title: string, body: React.ReactNode) => (
    <Card>
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>{body}</CardContent>
    </Card>
  );

  return (
    <>
      {channel.provider === "cloud-api" ? <TokenValidityNotice validity={channel.settings.tokenValidity} status={tokenStatus} /> : null}
      {/* A replaced webhook secret still accepted until …: first, so an administrator mid-rotation sees the deadline. */}
      <SecretGraceNotice channelId={channel.id} tenantId={tenantId} action={isAdmin ? changeSecretGraceAction : undefined} />
      <div className="mb-4 flex flex-wrap justify-end">
        {/* A plain link: the route answers a JSON attachment (no secrets, masks or tokens). */}
        <a href={`/api/channels/${channel.id}/configuration`} download className={buttonVariants({ variant: "outline" })}>
          {t("download")}
        </a>
      </div>
      <div className="grid gap-6 lg:grid-cols-2">
        {section(
          t("sections.overview"),
          <DetailList
            rows={[
              { key: "type", label: t("overview.type"), value: t(`types.${channel.channelType}`) },
              {
                key: "provider",
                label: t("overview.provider"),
                value: channel.verificationMethod ? `${provider} (${channel.verificationMethod})` : provider,
              },
              { key: "created", label: t("overview.created"), value: when(channel.createdAt) },
              { key: "updated", label: t("overview.updated"), value: when(channel.updatedAt) },
            ]}
          />,
        )}
        {section(t("sections.information"), <ChannelInformationList channel={channel} names={names} />)}
        {section(t("sections.basic"), <BasicConfigurationList channel={channel} names={names} />)}
        {section(t("sections.robot"), <RobotConfigurationList channel={channel} />)}
      </div>
      <ChannelScheduleCard view={schedule} className="mt-6" />
    </>
  );
}
