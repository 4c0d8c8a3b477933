import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ApiAppTable } from "@/components/api-apps/api-app-table";
import { CreateApiAppForm } from "@/components/api-apps/create-api-app-form";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
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
    <>
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
      <form method="get" className="mb-4 flex items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="filter-tenant">{t("filterTenant")}</Label>
          <Select id="filter-tenant" name="tenantId" defaultValue={tenantId ?? ""} className="w-64">
            <option value="">{t("allTenants")}</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="outline">
          {t("filter")}
        </Button>
      </form>
      <Card>
        <ApiAppTable apps={apps.items} />
      </Card>
      <Pagination page={apps} basePath="/system/api-apps" query={{ tenantId }} />
    </>
  );
}
