import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { ApprovedPrefixTable } from "@/components/trustlist/approved-prefix-table";
import { TrustlistTabs } from "@/components/trustlist/trustlist-tabs";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { listApprovedPage } from "@/db/queries/trustlist";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("trustlist");
  return { title: `${t("tabs.approved")} · ${t("title")}` };
}

/** Approved prefixes are global: every tenant user may read them. */
export default async function TenantApprovedPrefixesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireTenantUser();
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, approved] = await Promise.all([getTranslations("trustlist"), listApprovedPage(getDb(), page)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("approved.description")} />
      <TrustlistTabs base="/settings/trustlist" />
      <Card>
        <ApprovedPrefixTable rows={approved.items} />
      </Card>
      <Pagination page={approved} basePath="/settings/trustlist/approved" />
    </>
  );
}
