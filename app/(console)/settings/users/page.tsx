import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Card } from "@/components/ui/card";
import { UserTable } from "@/components/users/user-table";
import { getDb } from "@/db";
import { listTenantUsers } from "@/db/queries/users";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("users"))("title") };
}

export default async function TenantUsersPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireTenantUser(["tenant_admin"]);
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, users] = await Promise.all([getTranslations("users"), listTenantUsers(getDb(), { tenantId: user.tenantId }, page)]);
  return (
    <>
      <PageHeader title={t("title")} description={t("tenantDescription", { tenant: user.tenantName ?? "" })} />
      <Card>
        <UserTable users={users.items} hrefFor={(u) => `/settings/users/${u.id}`} showTenant={false} />
      </Card>
      <Pagination page={users} basePath="/settings/users" />
    </>
  );
}
