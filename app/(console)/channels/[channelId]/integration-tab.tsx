import { getTranslations } from "next-intl/server";
import { ConnectionCheckPanel } from "@/components/channels/connection-check/connection-check-panel";
import { ChannelIntegrationPanel } from "@/components/channels/integration/integration-panel";
import { RegenerateSecretToken } from "@/components/channels/secret-grace/regenerate-secret-token";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { getDb } from "@/db";
import { loadConnectionCheck } from "@/lib/channels/connection-check/view";
import { integrationViewOf } from "@/lib/channels/integration-view";
import { getKeyring } from "@/lib/crypto/keyring";
import { checkConnectionAction, generateScenarioKeyAction, registerTelegramWebhookAction } from "../actions";
import { regenerateSecretTokenAction } from "../secret-grace-actions";
import type { ChannelTabProps } from "./tab-props";

// Integration: the values to give the provider, and the connection check with its steps.
export async function IntegrationTab({ detail, tenantId, isAdmin }: ChannelTabProps) {
  const { channel } = detail;
  // Support staff read the channel but never its tokens: nothing is decrypted for them.
  const integration = integrationViewOf(detail.integration, { reveal: isAdmin, keyring: getKeyring() });
  const [t, lastCheck] = await Promise.all([getTranslations("channelIntegration.detail"), loadConnectionCheck(getDb(), tenantId, channel.id)]);
  return (
    <>
      <Card>
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
          {/* The one way to replace a Telegram secret token; the old one stays accepted for its grace period. */}
          {isAdmin && channel.provider === "telegram" ? (
            <div className="mt-4">
              <RegenerateSecretToken channelId={channel.id} action={regenerateSecretTokenAction} />
            </div>
          ) : null}
        </CardContent>
      </Card>
      <Card className="mt-6">
        <CardContent className="pt-5">
          {/* Keyed by the check's time: a check run from elsewhere (the header) shows here after the refresh. */}
          <ConnectionCheckPanel
            key={lastCheck?.checkedAt ?? "never"}
            channelId={channel.id}
            initial={lastCheck}
            action={isAdmin ? checkConnectionAction : undefined}
          />
        </CardContent>
      </Card>
    </>
  );
}
