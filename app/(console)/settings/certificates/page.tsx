import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { CertificateTable } from "@/components/certificates/certificate-table";
import { FetchFromUrl } from "@/components/certificates/fetch-from-url";
import { UploadIdentityForm } from "@/components/certificates/upload-identity-form";
import { UploadTrustForm } from "@/components/certificates/upload-trust-form";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listCertificates } from "@/db/queries/certificates";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import {
  deleteCertificateAction,
  previewCertificateChainAction,
  saveFetchedCertificateAction,
  uploadIdentityCertificateAction,
  uploadTrustCertificateAction,
} from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("certificates"))("title") };
}

export default async function CertificatesPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireTenantUser();
  const canEdit = user.role === "tenant_admin";
  const page = pageParamSchema.parse((await searchParams).page);
  const [t, certificates] = await Promise.all([getTranslations("certificates"), listCertificates(getDb(), { tenantId: user.tenantId }, page)]);
  return (
    <ClientMessages route="(console)/settings/certificates/page">
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      {canEdit ? null : <p className="mb-4 text-sm text-slate-600">{t("readOnly")}</p>}
      <Card>
        <CertificateTable certificates={certificates.items} now={new Date()} deleteAction={canEdit ? deleteCertificateAction : undefined} />
      </Card>
      <Pagination page={certificates} basePath="/settings/certificates" />
      {canEdit ? (
        <div className="mt-8 grid gap-6 lg:grid-cols-2">
          <Card>
            <CardHeader>
              <CardTitle>{t("trust.title")}</CardTitle>
              <CardDescription>{t("trust.description")}</CardDescription>
            </CardHeader>
            <CardContent>
              <UploadTrustForm action={uploadTrustCertificateAction} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("identity.title")}</CardTitle>
              <CardDescription>{t("identity.description")}</CardDescription>
            </CardHeader>
            <CardContent>
              <UploadIdentityForm action={uploadIdentityCertificateAction} />
            </CardContent>
          </Card>
          <Card className="lg:col-span-2">
            <CardHeader>
              <CardTitle>{t("fetch.title")}</CardTitle>
              <CardDescription>{t("fetch.description")}</CardDescription>
            </CardHeader>
            <CardContent>
              <FetchFromUrl preview={previewCertificateChainAction} save={saveFetchedCertificateAction} />
            </CardContent>
          </Card>
        </div>
      ) : null}
    </ClientMessages>
  );
}
