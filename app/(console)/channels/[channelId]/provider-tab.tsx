import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { ProviderSectionPending, StreamedProviderSection } from "@/components/channels/provider/provider-section";
import {
  checkMetaTokenAction,
  registerMetaNumberAction,
  removeTelegramWebhookAction,
  setMetaSubscriptionAction,
} from "../actions";
import type { ChannelTabProps } from "./tab-props";

// Provider: what Meta or Telegram says about the channel, streamed (the provider may take up to OUTBOUND_TIMEOUT_MS).
export async function ProviderTab({ detail: { channel }, tenantId, isAdmin }: ChannelTabProps) {
  const tp = await getTranslations("providerTools");
  return (
    <Suspense fallback={<ProviderSectionPending title={tp("title")} text={tp("loading")} />}>
      <StreamedProviderSection
        channelId={channel.id}
        tenantId={tenantId}
        provider={channel.provider}
        canManage={isAdmin}
        actions={{
          meta: { setSubscription: setMetaSubscriptionAction, registerNumber: registerMetaNumberAction, checkToken: checkMetaTokenAction },
          removeTelegramWebhook: removeTelegramWebhookAction,
        }}
      />
    </Suspense>
  );
}
