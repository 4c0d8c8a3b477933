import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { z } from "zod";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { RequestPrefixForm } from "@/components/trustlist/request-prefix-form";
import { TenantRequestTable } from "@/components/trustlist/tenant-request-table";
import { TrustlistTabs } from "@/components/trustlist/trustlist-tabs";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listTenantRequests } from "@/db/queries/trustlist";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { PREFIX_MAX_LENGTH } from "@/lib/trustlist/prefix";
import { requestTrustlistPrefixAction, withdrawTrustlistRequestAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("trustlist"))("title") };
}

/** `?prefix=` pre-fills the request form (the "request it" link of a refused URL); the form validates it. */
const prefillSchema = z.string().max(PREFIX_MAX_LENGTH).catch("");

export default async function TenantTrustlistPage({ searchParams }: { searchParams: Promise<{ page?: string; prefix?: string }> }) {
  const user = await requireTenantUser();
  const params = await searchParams;
  const page = pageParamSchema.parse(params.page);
  const isAdmin = user.role === "tenant_admin";
  const [t, requests] = await Promise.all([getTranslations("trustlist"), listTenantRequests(getDb(), { tenantId: user.tenantId }, page)]);
  return (
    <ClientMessages route="(console)/settings/trustlist/page">
      <PageHeader title={t("title")} description={t("description")} />
      <TrustlistTabs base="/settings/trustlist" />
      {isAdmin ? (
        <Card className="mb-6">
          <CardHeader>
            <CardTitle>{t("request.title")}</CardTitle>
            <CardDescription>{t("request.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <RequestPrefixForm action={requestTrustlistPrefixAction} defaultPrefix={prefillSchema.parse(params.prefix ?? "")} />
          </CardContent>
        </Card>
      ) : (
        <p className="mb-4 text-sm text-slate-600">{t("requests.readOnly")}</p>
      )}
      <Card>
        <TenantRequestTable rows={requests.items} withdrawAction={isAdmin ? withdrawTrustlistRequestAction : undefined} />
      </Card>
      <Pagination page={requests} basePath="/settings/trustlist" />
    </ClientMessages>
  );
}
