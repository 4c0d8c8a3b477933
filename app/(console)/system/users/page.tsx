import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { CreateUserForm } from "@/components/system/create-user-form";
import { Button } from "@/components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Label } from "@/components/ui/label";
import { Select } from "@/components/ui/select";
import { UserTable } from "@/components/users/user-table";
import { getDb } from "@/db";
import { listTenantOptions } from "@/db/queries/tenants";
import { listAllUsers } from "@/db/queries/users";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { userListFilterSchema } from "@/lib/validations/system";
import { createUserAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("system.users"))("title") };
}

export default async function SystemUsersPage({ searchParams }: { searchParams: Promise<{ page?: string; tenantId?: string }> }) {
  await requireSystemAdmin();
  const params = await searchParams;
  const page = pageParamSchema.parse(params.page);
  const { tenantId } = userListFilterSchema.parse({ tenantId: params.tenantId });
  const db = getDb();
  const [t, tenants, users] = await Promise.all([getTranslations(), listTenantOptions(db), listAllUsers(db, { tenantId }, page)]);
  return (
    <>
      <PageHeader title={t("system.users.title")} description={t("system.users.description")} />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("system.users.createTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <CreateUserForm tenants={tenants} defaultTenantId={tenantId} action={createUserAction} />
        </CardContent>
      </Card>
      <form method="get" className="mb-4 flex items-end gap-2">
        <div className="grid gap-1.5">
          <Label htmlFor="filter-tenant">{t("system.users.filterTenant")}</Label>
          <Select id="filter-tenant" name="tenantId" defaultValue={tenantId ?? ""} className="w-64">
            <option value="">{t("system.users.allTenants")}</option>
            {tenants.map((tenant) => (
              <option key={tenant.id} value={tenant.id}>
                {tenant.name}
              </option>
            ))}
          </Select>
        </div>
        <Button type="submit" variant="outline">
          {t("system.users.filter")}
        </Button>
      </form>
      <Card>
        <UserTable users={users.items} hrefFor={(u) => `/system/users/${u.id}`} showTenant />
      </Card>
      <Pagination page={users} basePath="/system/users" query={{ tenantId }} />
    </>
  );
}
