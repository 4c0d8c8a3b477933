import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuditTable } from "@/components/audit/audit-table";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Card } from "@/components/ui/card";
import { getDb } from "@/db";
import { listTenantAudit } from "@/db/queries/audit-log";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireTenantUser(["tenant_admin"]);
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, rows] = await Promise.all([getTranslations("audit"), listTenantAudit(getDb(), { tenantId: user.tenantId }, page)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      <Card>
        <AuditTable rows={rows.items} />
      </Card>
      <Pagination page={rows} basePath="/settings/audit" />
    </>
  );
}
