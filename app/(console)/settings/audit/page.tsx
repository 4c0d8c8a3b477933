import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditFilters } from "@/components/audit/audit-filters";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { auditFilterQuery } from "@/lib/audit/filters";
import { loadAuditPage } from "@/lib/audit/load";
import { requireTenantUser } from "@/lib/auth/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireTenantUser(["tenant_admin"]);
  const [t, data] = await Promise.all([getTranslations("audit"), loadAuditPage(getDb(), user.tenantId, await searchParams)]);
  const filtered = Object.keys(data.parsed.filters).length > 0;
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      <AuditFilters parsed={data.parsed} facets={data.facets} timeZone={data.timeZone} />
      {data.page ? (
        <>
          <Card>
            <AuditTable rows={data.page.items} names={data.names} filtered={filtered} />
          </Card>
          <Pagination page={data.page} basePath="/settings/audit" query={auditFilterQuery(data.parsed.filters)} />
        </>
      ) : null}
    </>
  );
}
