import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { CertificateDetails } from "@/components/certificates/certificate-details";
import { ChainList } from "@/components/certificates/chain-list";
import { DeleteCertificateButton } from "@/components/certificates/delete-certificate-button";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getCertificate } from "@/db/queries/certificates";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { readChainPem } from "@/lib/certificates/parse";
import { uuidField } from "@/lib/validations/fields";
import { deleteCertificateAction } from "../actions";

export const metadata: Metadata = { robots: { index: false } };

export default async function CertificatePage({ params }: { params: Promise<{ certificateId: string }> }) {
  const user = await requireTenantUser();
  const certificateId = uuidField.safeParse((await params).certificateId);
  if (!certificateId.success) notFound();
  // Scoped by the viewer's tenant: another tenant's certificate answers exactly like a missing one.
  const certificate = await getCertificate(getDb(), { tenantId: user.tenantId }, certificateId.data);
  if (!certificate) notFound();
  const t = await getTranslations("certificates");
  const now = new Date();
  return (
    <ClientMessages route="(console)/settings/certificates/[certificateId]/page">
      <PageHeader title={certificate.name} description={t(`kindDescriptions.${certificate.kind}`)} />
      <div className="grid max-w-4xl gap-6">
        <Card>
          <CardContent className="pt-5">
            <CertificateDetails certificate={certificate} now={now} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("chain.title", { total: certificate.chainLength })}</CardTitle>
          </CardHeader>
          <CardContent>
            <ChainList chain={readChainPem(certificate.chainPem)} now={now} />
          </CardContent>
        </Card>
        {user.role === "tenant_admin" ? (
          <DeleteCertificateButton
            certificate={{ id: certificate.id, name: certificate.name }}
            action={deleteCertificateAction}
            afterDelete="/settings/certificates"
          />
        ) : null}
      </div>
      <Link href="/settings/certificates" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("backToList")}
      </Link>
    </ClientMessages>
  );
}
