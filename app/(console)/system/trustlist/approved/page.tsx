import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { SystemApprovedTable } from "@/components/trustlist/system-approved-table";
import { TrustlistTabs } from "@/components/trustlist/trustlist-tabs";
import { Card } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listApprovedForSystem } from "@/db/queries/trustlist";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { revokeTrustlistPrefixAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("trustlist");
  return { title: `${t("tabs.approved")} · ${t("title")}` };
}

export default async function SystemApprovedPrefixesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireSystemAdmin();
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, approved] = await Promise.all([getTranslations("trustlist"), listApprovedForSystem(getDb(), page)]);
  return (
    <ClientMessages route="(console)/system/trustlist/approved/page">
      <PageHeader title={t("title")} description={t("system.approvedDescription")} />
      <TrustlistTabs base="/system/trustlist" />
      <Card>
        <SystemApprovedTable rows={approved.items} revokeAction={revokeTrustlistPrefixAction} />
      </Card>
      <Pagination page={approved} basePath="/system/trustlist/approved" />
    </ClientMessages>
  );
}
