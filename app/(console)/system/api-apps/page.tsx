import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiAppTable } from "@/components/api-apps/api-app-table";
import { CreateApiAppForm } from "@/components/api-apps/create-api-app-form";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { TenantFilter } from "@/components/console/tenant-filter";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listApiApps } from "@/db/queries/api-apps";
import { listTenantOptions } from "@/db/queries/tenants";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { apiAppListFilterSchema } from "@/lib/validations/api-apps";
import { createApiAppAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("apiApps"))("title") };
}

export default async function ApiAppsPage({ searchParams }: { searchParams: Promise<{ page?: string; tenantId?: string }> }) {
  await requireSystemAdmin();
  const params = await searchParams;
  const page = pageParamSchema.parse(params.page);
  const { tenantId } = apiAppListFilterSchema.parse({ tenantId: params.tenantId });
  const db = getDb();
  const [t, tenants, apps] = await Promise.all([getTranslations("apiApps"), listTenantOptions(db), listApiApps(db, { tenantId }, page)]);
  return (
    <ClientMessages route="(console)/system/api-apps/page">
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("createTitle")}</CardTitle>
          <CardDescription>{t("createDescription")}</CardDescription>
        </CardHeader>
        <CardContent>
          <CreateApiAppForm tenants={tenants} defaultTenantId={tenantId} action={createApiAppAction} />
        </CardContent>
      </Card>
      <TenantFilter
        tenants={tenants}
        tenantId={tenantId}
        labels={{ label: t("filterTenant"), all: t("allTenants"), submit: t("filter") }}
      />
      <Card>
        <ApiAppTable apps={apps.items} />
      </Card>
      <Pagination page={apps} basePath="/system/api-apps" query={{ tenantId }} />
    </ClientMessages>
  );
}
