import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { CreateTenantForm } from "@/components/system/create-tenant-form";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listTenants } from "@/db/queries/tenants";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { createTenantAction } from "../actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("system.tenants"))("title") };
}

export default async function TenantsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  await requireSystemAdmin();
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, format, tenants] = await Promise.all([getTranslations("system.tenants"), getFormatter(), listTenants(getDb(), page)]);
  return (
    <ClientMessages route="(console)/system/tenants/page">
      <PageHeader title={t("title")} description={t("description")} />
      <Card className="mb-6">
        <CardHeader>
          <CardTitle>{t("createTitle")}</CardTitle>
        </CardHeader>
        <CardContent>
          <CreateTenantForm action={createTenantAction} />
        </CardContent>
      </Card>
      <Card>
        {tenants.items.length === 0 ? (
          <p className="p-4 text-sm text-slate-600">{t("empty")}</p>
        ) : (
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("name")}</TableHead>
                <TableHead>{t("users")}</TableHead>
                <TableHead>{t("created")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {tenants.items.map((tenant) => (
                <TableRow key={tenant.id} data-testid="tenant-row">
                  <TableCell className="font-medium">{tenant.name}</TableCell>
                  <TableCell>
                    <Link href={`/system/users?tenantId=${tenant.id}`} className="text-blue-700 hover:underline" aria-label={t("showUsers", { name: tenant.name, count: tenant.userCount })}>
                      {tenant.userCount}
                    </Link>
                  </TableCell>
                  <TableCell>{format.dateTime(tenant.createdAt, { dateStyle: "medium" })}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </Card>
      <Pagination page={tenants} basePath="/system/tenants" />
    </ClientMessages>
  );
}
