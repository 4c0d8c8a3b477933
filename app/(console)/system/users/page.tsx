import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { TenantFilter } from "@/components/console/tenant-filter";
import { CreateUserForm } from "@/components/system/create-user-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { UserTable } from "@/components/users/user-table";
import { ClientMessages } from "@/components/i18n/client-messages";
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
    <ClientMessages route="(console)/system/users/page">
      <PageHeader title={t("system.users.title")} description={t("system.users.description")} />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("system.users.createTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <CreateUserForm tenants={tenants} defaultTenantId={tenantId} action={createUserAction} />
        </CardContent>
      </Card>
      <TenantFilter
        tenants={tenants}
        tenantId={tenantId}
        labels={{ label: t("system.users.filterTenant"), all: t("system.users.allTenants"), submit: t("system.users.filter") }}
      />
      <Card>
        <UserTable users={users.items} hrefFor={(u) => `/system/users/${u.id}`} showTenant />
      </Card>
      <Pagination page={users} basePath="/system/users" query={{ tenantId }} />
    </ClientMessages>
  );
}
