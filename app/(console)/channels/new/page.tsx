import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { ChannelWizard } from "@/components/channels/wizard/channel-wizard";
import { loadWizardPageData } from "@/lib/channels/wizard-page-data";
import { defaultBasic, defaultRobot, newInformation } from "@/components/channels/wizard/wizard-values";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { requestTrustlistPrefixAction } from "../../settings/trustlist/actions";
import { checkChannelStepAction, discardChannelDraftAction, saveChannelAction, saveChannelDraftAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("channelWizard"))("title.new") };
}

export default async function NewChannelPage() {
  const user = await requireTenantUser(["tenant_admin"]);
  const [t, data] = await Promise.all([getTranslations("channelWizard"), loadWizardPageData(user)]);
  return (
    <ClientMessages route="(console)/channels/new/page">
      <PageHeader title={t("title.new")} description={t("description.new")} />
      <ChannelWizard
        mode="create"
        initial={{ information: newInformation(), basic: defaultBasic(), robot: defaultRobot() }}
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
