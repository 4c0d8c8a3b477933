import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { ChannelHeader } from "@/components/channels/header/channel-header";
import { ChannelHeaderActions } from "@/components/channels/header/channel-header-actions";
import { ChannelTabs } from "@/components/channels/header/channel-tabs";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getChannelDetail } from "@/db/queries/channel-detail";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { channelTabHref, channelTabsOf, parseChannelTab, type ChannelTab } from "@/lib/channels/channel-tabs";
import { hasProviderTools } from "@/lib/channels/provider-tools-view";
import { uuidField } from "@/lib/validations/fields";
import { checkConnectionAction, deleteChannelAction, setChannelEnabledAction } from "../actions";
import { ActivityTab } from "./activity-tab";
import { ConfigurationTab } from "./configuration-tab";
import { IntegrationTab } from "./integration-tab";
import { ProviderTab } from "./provider-tab";
import type { ChannelTabProps } from "./tab-props";

export const metadata: Metadata = { robots: { index: false } };

const TABS: Record<ChannelTab, (props: ChannelTabProps) => Promise<React.ReactNode>> = {
  activity: ActivityTab,
  configuration: ConfigurationTab,
  integration: IntegrationTab,
  provider: ProviderTab,
};

// GET /channels/:channelId?tab=activity|configuration|integration|provider - the channel: header with its actions, then one tab
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
  const query = await searchParams;
  const { channel } = detail;
  const tabs = channelTabsOf(hasProviderTools(channel.provider));
  const tab = parseChannelTab(query.tab, tabs);
  const isAdmin = user.role === "tenant_admin";
  const t = await getTranslations("channelIntegration.detail");
  const Tab = TABS[tab];

  return (
    <ClientMessages route="(console)/channels/[channelId]/page">
      <ChannelHeader
        name={channel.name}
        status={channel.status}
        statusLabel={t(`statuses.${channel.status}`)}
        summary={t("summary", { type: t(`types.${channel.channelType}`), provider: t(`providers.${channel.provider}`) })}
        actions={
          isAdmin ? (
            <ChannelHeaderActions
              channel={{ id: channel.id, name: channel.name, status: channel.status }}
              showCheck={tab !== "integration"}
              checkDetailsHref={channelTabHref(channel.id, "integration")}
              actions={{ setEnabled: setChannelEnabledAction, remove: deleteChannelAction, checkConnection: checkConnectionAction }}
            />
          ) : null
        }
      />
      <ChannelTabs
        channelId={channel.id}
        tabs={tabs}
        current={tab}
        label={t("tabs.label")}
        labels={{ activity: t("tabs.activity"), configuration: t("tabs.configuration"), integration: t("tabs.integration"), provider: t("tabs.provider") }}
      />
      <Tab detail={detail} tenantId={user.tenantId} isAdmin={isAdmin} searchParams={query} />
      <Link href="/channels" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("backToList")}
      </Link>
    </ClientMessages>
  );
}
