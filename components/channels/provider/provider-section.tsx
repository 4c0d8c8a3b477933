import { getTranslations } from "next-intl/server";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { loadProviderToolsForPage, type ProviderToolsData } from "@/lib/channels/provider-tools-view";
import { MetaProviderPanel, type MetaProviderActions } from "./meta-provider-panel";
import type { ProviderAction } from "./provider-action-button";
import { TelegramWebhookPanel } from "./telegram-webhook-panel";

export interface ProviderSectionActions {
  meta: MetaProviderActions;
  removeTelegramWebhook: ProviderAction<{ channelId: string }>;
}

/** The channel page's "Provider" card: Meta's or Telegram's view; the actions only for administrators. */
export async function ProviderSection({
  channelId,
  data,
  canManage,
  actions,
}: {
  channelId: string;
  data: NonNullable<ProviderToolsData>;
  canManage: boolean;
  actions: ProviderSectionActions;
}) {
  const t = await getTranslations("providerTools");
  return (
    <Card className="mt-6" data-testid="provider-section">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
      </CardHeader>
      <CardContent>
        {canManage ? null : <p className="mb-3 text-sm text-slate-600">{t("readOnly")}</p>}
        {data.kind === "meta" ? (
          data.view ? (
            <MetaProviderPanel channelId={channelId} view={data.view} actions={canManage ? actions.meta : undefined} />
          ) : (
            <Alert variant="destructive">{t("errors.metaUnreachable")}</Alert>
          )
        ) : (
          <TelegramWebhookPanel
            channelId={channelId}
            view={data.view ?? { ok: false, reason: "unreachable" }}
            disallowedPort={data.disallowedPort}
            removeAction={canManage ? actions.removeTelegramWebhook : undefined}
          />
        )}
      </CardContent>
    </Card>
  );
}

/** The section while the provider is asked (the page streams it in when the answer comes). */
export function ProviderSectionPending({ title, text }: { title: string; text: string }) {
  return (
    <Card className="mt-6" data-testid="provider-section-pending">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <p className="text-sm text-slate-600" role="status">
          {text}
        </p>
      </CardContent>
    </Card>
  );
}

/** The section as the channel page streams it: asks the provider, then renders (nothing for other providers). */
export async function StreamedProviderSection({
  channelId,
  tenantId,
  provider,
  canManage,
  actions,
}: {
  channelId: string;
  tenantId: string;
  provider: string;
  canManage: boolean;
  actions: ProviderSectionActions;
}) {
  const data = await loadProviderToolsForPage(tenantId, { id: channelId, provider });
  return data ? <ProviderSection channelId={channelId} data={data} canManage={canManage} actions={actions} /> : null;
}
