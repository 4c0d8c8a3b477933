import { getFormatter, getTranslations } from "next-intl/server";
import { DetailList, type DetailRow } from "@/components/console/detail-list";
import type { CertificateDetail } from "@/db/queries/certificates";
import { UTC_DATE_TIME, ValidityBadge } from "./validity-badge";

/** The leaf's details and where the certificate came from; of key material only whether it is stored. */
export async function CertificateDetails({ certificate, now }: { certificate: CertificateDetail; now: Date }) {
  const [t, format] = await Promise.all([getTranslations("certificates"), getFormatter()]);
  const keyMaterial = certificate.hasPrivateKey ? t("details.privateKeyStored") : certificate.hasPkcs12 ? t("details.pkcs12Stored") : null;
  const rows: DetailRow[] = [
    { label: t("list.kind"), value: t(`kinds.${certificate.kind}`) },
    {
      label: t("details.source"),
      value: certificate.sourceUrl ? t("details.sourceUrl", { url: certificate.sourceUrl }) : t("details.sourceUpload"),
    },
    { label: t("list.subject"), value: certificate.subject || "—" },
    { label: t("list.issuer"), value: certificate.issuer || "—" },
    { label: t("details.serialNumber"), value: <span className="font-mono text-xs break-all">{certificate.serialNumber}</span> },
    { label: t("chain.validFrom"), value: format.dateTime(certificate.notBefore, UTC_DATE_TIME) },
    {
      label: t("chain.validUntil"),
      value: (
        <span className="inline-flex flex-wrap items-center gap-2">
          {format.dateTime(certificate.notAfter, UTC_DATE_TIME)}
          <ValidityBadge notBefore={certificate.notBefore} notAfter={certificate.notAfter} now={now} />
        </span>
      ),
    },
    {
      label: t("list.fingerprint"),
      value: (
        <span className="font-mono text-xs break-all" data-testid="leaf-fingerprint">
          {certificate.fingerprintSha256}
        </span>
      ),
    },
    ...(keyMaterial ? [{ label: t("details.keyMaterial"), value: keyMaterial }] : []),
    {
      label: t("details.added"),
      value: t("details.addedBy", {
        when: format.dateTime(certificate.createdAt, { dateStyle: "medium", timeStyle: "short" }),
        who: certificate.createdByEmail ?? "—",
      }),
    },
  ];
  return <DetailList rows={rows} />;
}
