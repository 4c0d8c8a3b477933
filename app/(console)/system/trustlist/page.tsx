import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { PendingRequestList } from "@/components/trustlist/pending-request-list";
import { TrustlistTabs } from "@/components/trustlist/trustlist-tabs";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listPendingForSystem } from "@/db/queries/trustlist";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { decideTrustlistRequestAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trustlist"))("title") };
}

export default async function SystemTrustlistPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireSystemAdmin();
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, pending] = await Promise.all([getTranslations("trustlist"), listPendingForSystem(getDb(), page)]);
  return (
    <ClientMessages route="(console)/system/trustlist/page">
      <PageHeader title={t("title")} description={t("system.pendingDescription")} />
      <TrustlistTabs base="/system/trustlist" />
      <PendingRequestList rows={pending.items} action={decideTrustlistRequestAction} />
      <Pagination page={pending} basePath="/system/trustlist" />
    </ClientMessages>
  );
}
