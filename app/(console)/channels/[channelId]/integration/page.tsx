import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { WebhookStatusSection } from "@/components/channels/activity/webhook-status-section";
import { ChannelIntegrationPanel } from "@/components/channels/integration/integration-panel";
import { ConnectionCheckPanel } from "@/components/channels/connection-check/connection-check-panel";
import { ChannelScheduleCard } from "@/components/service-time/channel-schedule";
import { PageHeader } from "@/components/console/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getChannelIntegration } from "@/db/queries/channel-integration";
import { integrationViewOf } from "@/lib/channels/integration-view";
import { loadConnectionCheck } from "@/lib/channels/connection-check/view";
import { loadChannelScheduleById } from "@/lib/service-time/channel-schedule";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { getKeyring } from "@/lib/crypto/keyring";
import { uuidField } from "@/lib/validations/fields";
import { checkConnectionAction, generateScenarioKeyAction, registerTelegramWebhookAction } from "../../actions";

export const metadata: Metadata = { robots: { index: false } };

// Step 4 of the Configure Channel wizard: "The next step" saved the channel and opened this page.
export default async function ChannelIntegrationPage({ params }: { params: Promise<{ channelId: string }> }) {
  const user = await requireTenantUser();
  const channelId = uuidField.safeParse((await params).channelId);
  if (!channelId.success) notFound();
  // Scoped by the viewer's tenant: another tenant's channel id answers exactly like a missing one.
  const channel = await getChannelIntegration(getDb(), { tenantId: user.tenantId }, channelId.data);
  if (!channel) notFound();
  const isAdmin = user.role === "tenant_admin";
  const view = integrationViewOf(channel, { reveal: isAdmin, keyring: getKeyring() });
  const [t, lastCheck, schedule] = await Promise.all([
    getTranslations("channelIntegration"),
    loadConnectionCheck(getDb(), user.tenantId, channel.id),
    loadChannelScheduleById(getDb(), { tenantId: user.tenantId }, channel.id),
  ]);
  return (
    <ClientMessages route="(console)/channels/[channelId]/integration/page">
      <p className="mb-2 text-sm font-medium text-slate-500" data-testid="wizard-step-indicator">
        {t("step")}
      </p>
      <PageHeader title={t("pageTitle", { name: channel.name })} description={t("pageDescription")} />
      <Card className="max-w-4xl">
        <CardContent className="pt-5">
          <ChannelIntegrationPanel
            {...view}
            channelId={channel.id}
            canManage={isAdmin}
            actions={{ generateScenarioKey: generateScenarioKeyAction, registerTelegramWebhook: registerTelegramWebhookAction }}
          />
        </CardContent>
      </Card>
      <Card className="mt-6 max-w-4xl">
        <CardContent className="pt-5">
          <ConnectionCheckPanel channelId={channel.id} initial={lastCheck} action={isAdmin ? checkConnectionAction : undefined} />
        </CardContent>
      </Card>
      {schedule ? <ChannelScheduleCard view={schedule} className="mt-6 max-w-4xl" /> : null}
      <WebhookStatusSection channelId={channel.id} tenantId={user.tenantId} variant={view.variant} urls={view.urls} />
      <div className="mt-6">
        <Link href={`/channels/${channel.id}`} className={buttonVariants()}>
          {t("done")}
        </Link>
      </div>
    </ClientMessages>
  );
}
