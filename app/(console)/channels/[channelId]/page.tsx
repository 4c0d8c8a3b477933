import type { Metadata } from "next";
import { Suspense } from "react";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import {
  BasicConfigurationList,
  ChannelInformationList,
  RobotConfigurationList,
} from "@/components/channels/detail/channel-configuration";
import { DetailList } from "@/components/console/detail-list";
import { TokenValidityNotice } from "@/components/channels/detail/token-validity-notice";
import { ChannelActivity } from "@/components/channels/activity/channel-activity";
import { ChannelIntegrationPanel } from "@/components/channels/integration/integration-panel";
import { ConnectionCheckPanel } from "@/components/channels/connection-check/connection-check-panel";
import { ChannelScheduleCard } from "@/components/service-time/channel-schedule";
import { ProviderSectionPending, StreamedProviderSection } from "@/components/channels/provider/provider-section";
import { TestMessageForm } from "@/components/channels/test-message/test-message-form";
import { PageHeader } from "@/components/console/page-header";
import { Badge } from "@/components/ui/badge";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getChannelDetail } from "@/db/queries/channel-detail";
import { integrationViewOf } from "@/lib/channels/integration-view";
import { loadConnectionCheck } from "@/lib/channels/connection-check/view";
import { loadChannelSchedule } from "@/lib/service-time/channel-schedule";
import { getTokenStatus } from "@/db/queries/provider-tools";
import { hasProviderTools } from "@/lib/channels/provider-tools-view";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { getKeyring } from "@/lib/crypto/keyring";
import { uuidField } from "@/lib/validations/fields";
import {
  checkConnectionAction,
  checkMetaTokenAction,
  generateScenarioKeyAction,
  registerMetaNumberAction,
  registerTelegramWebhookAction,
  removeTelegramWebhookAction,
  sendTestMessageAction,
  setMetaSubscriptionAction,
} from "../actions";

export const metadata: Metadata = { robots: { index: false } };

// The channel page: configuration (secrets masked), status, the integration values, and the channel's activity.
export default async function ChannelPage({
  params,
  searchParams,
}: {
  params: Promise<{ channelId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireTenantUser();
  const channelId = uuidField.safeParse((await params).channelId);
  if (!channelId.success) notFound();
  // Scoped by the viewer's tenant: another tenant's channel id answers exactly like a missing one.
  const detail = await getChannelDetail(getDb(), { tenantId: user.tenantId }, channelId.data);
  if (!detail) notFound();
  const isAdmin = user.role === "tenant_admin";
  // Support staff read the channel but never its tokens: nothing is decrypted for them.
  const integration = integrationViewOf(detail.integration, { reveal: isAdmin, keyring: getKeyring() });
  const { channel } = detail;
  const [t, tm, tp, format, lastCheck, tokenStatus, schedule] = await Promise.all([
    getTranslations("channelIntegration.detail"),
    getTranslations("testMessage"),
    getTranslations("providerTools"),
    getFormatter(),
    loadConnectionCheck(getDb(), user.tenantId, channel.id),
    channel.provider === "cloud-api" ? getTokenStatus(getDb(), { tenantId: user.tenantId }, channel.id) : null,
    loadChannelSchedule(getDb(), { tenantId: user.tenantId }, channel.workTime),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const type = t(`types.${channel.channelType}`);
  const provider = t(`providers.${channel.provider}`);

  return (
    <ClientMessages route="(console)/channels/[channelId]/page">
      <PageHeader
        title={channel.name}
        description={t("summary", { type, provider })}
        actions={
          <div className="flex gap-2">
            {/* A plain link: the route answers a JSON attachment (no secrets, masks or tokens). */}
            <a href={`/api/channels/${channel.id}/configuration`} download className={buttonVariants({ variant: "outline" })}>
              {t("download")}
            </a>
            {isAdmin ? (
              <Link href={`/channels/${channel.id}/edit`} className={buttonVariants({ variant: "outline" })}>
                {t("edit")}
              </Link>
            ) : null}
          </div>
        }
      />
      {channel.provider === "cloud-api" ? <TokenValidityNotice validity={channel.settings.tokenValidity} status={tokenStatus} /> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.overview")}</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList
              rows={[
                {
                  key: "status",
                  label: t("overview.status"),
                  testId: "channel-status",
                  value: (
                    <Badge variant={channel.status === "enabled" ? "success" : "default"}>{t(`statuses.${channel.status}`)}</Badge>
                  ),
                },
                { key: "type", label: t("overview.type"), value: type },
                {
                  key: "provider",
                  label: t("overview.provider"),
                  value: channel.verificationMethod ? `${provider} (${channel.verificationMethod})` : provider,
                },
                { key: "created", label: t("overview.created"), value: when(channel.createdAt) },
                { key: "updated", label: t("overview.updated"), value: when(channel.updatedAt) },
              ]}
            />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.information")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ChannelInformationList channel={channel} names={detail.names} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.basic")}</CardTitle>
          </CardHeader>
          <CardContent>
            <BasicConfigurationList channel={channel} names={detail.names} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("sections.robot")}</CardTitle>
          </CardHeader>
          <CardContent>
            <RobotConfigurationList channel={channel} />
          </CardContent>
        </Card>
      </div>
      <ChannelScheduleCard view={schedule} className="mt-6" />
      <Card className="mt-6">
        <CardHeader>
          <CardTitle>{t("sections.integration")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ChannelIntegrationPanel
            {...integration}
            channelId={channel.id}
            canManage={isAdmin}
            actions={{ generateScenarioKey: generateScenarioKeyAction, registerTelegramWebhook: registerTelegramWebhookAction }}
          />
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardContent className="pt-5">
          <ConnectionCheckPanel channelId={channel.id} initial={lastCheck} action={isAdmin ? checkConnectionAction : undefined} />
        </CardContent>
      </Card>
      {hasProviderTools(channel.provider) ? (
        // Streamed: the provider may take up to OUTBOUND_TIMEOUT_MS to answer, the rest of the page does not wait.
        <Suspense fallback={<ProviderSectionPending title={tp("title")} text={tp("loading")} />}>
          <StreamedProviderSection
            channelId={channel.id}
            tenantId={user.tenantId}
            provider={channel.provider}
            canManage={isAdmin}
            actions={{
              meta: { setSubscription: setMetaSubscriptionAction, registerNumber: registerMetaNumberAction, checkToken: checkMetaTokenAction },
              removeTelegramWebhook: removeTelegramWebhookAction,
            }}
          />
        </Suspense>
      ) : null}
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
      <ChannelActivity channelId={channel.id} tenantId={user.tenantId} searchParams={await searchParams} reportsDelivery={channel.provider !== "telegram"} />
      <Link href="/channels" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("backToList")}
      </Link>
    </ClientMessages>
  );
}

