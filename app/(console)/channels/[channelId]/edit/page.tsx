import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { ChannelWizard } from "@/components/channels/wizard/channel-wizard";
import { loadWizardPageData } from "@/lib/channels/wizard-page-data";
import { basicFormValues, informationFormValues, robotFormValues } from "@/components/channels/wizard/wizard-values";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getChannel } from "@/db/queries/channels";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { basicFromRow, informationFromRow, robotFromRow, secretMasksOf } from "@/lib/channels/record";
import { uuidField } from "@/lib/validations/fields";
import { requestTrustlistPrefixAction } from "../../../settings/trustlist/actions";
import { checkChannelStepAction, discardChannelDraftAction, saveChannelAction, saveChannelDraftAction } from "../../actions";

export const metadata: Metadata = { robots: { index: false } };

export default async function EditChannelPage({ params }: { params: Promise<{ channelId: string }> }) {
  const user = await requireTenantUser(["tenant_admin"]);
  const id = uuidField.safeParse((await params).channelId);
  if (!id.success) notFound();
  // Scoped by the viewer's tenant: another tenant's channel id answers exactly like a missing one.
  const channel = await getChannel(getDb(), { tenantId: user.tenantId }, id.data);
  if (!channel) notFound();
  const [t, data] = await Promise.all([getTranslations("channelWizard"), loadWizardPageData(user, channel.id)]);
  // Only values and masks reach the browser: never the row (its `secrets` are ciphertexts).
  const information = informationFormValues(informationFromRow(channel));
  const masks = Object.fromEntries(Object.entries(secretMasksOf(channel)).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  return (
    <ClientMessages route="(console)/channels/[channelId]/edit/page">
      <PageHeader title={t("title.edit", { name: channel.name })} description={t("description.edit")} />
      <ChannelWizard
        mode="edit"
        channelId={channel.id}
        version={channel.version}
        initial={{ information, basic: basicFormValues(basicFromRow(channel)), robot: robotFormValues(robotFromRow(channel)) }}
        stored={{ masks, information }}
        draft={data.draft}
        options={data.options}
        approvedPrefixes={data.approvedPrefixes}
        pendingPrefixes={data.pendingPrefixes}
        requestTrustlistAction={requestTrustlistPrefixAction}
        actions={{ save: saveChannelAction, checkStep: checkChannelStepAction, saveDraft: saveChannelDraftAction, discardDraft: discardChannelDraftAction }}
      />
    </ClientMessages>
  );
}
