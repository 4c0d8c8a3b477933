import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import type { CertificateDetail } from "@/db/queries/certificates";
import { UTC_DATE_TIME, ValidityBadge } from "./validity-badge";

/** The leaf's details and where the certificate came from; of key material only whether it is stored. */
export async function CertificateDetails({ certificate, now }: { certificate: CertificateDetail; now: Date }) {
  const [t, format] = await Promise.all([getTranslations("certificates"), getFormatter()]);
  const keyMaterial = certificate.hasPrivateKey ? t("details.privateKeyStored") : certificate.hasPkcs12 ? t("details.pkcs12Stored") : null;
  const rows: [string, ReactNode][] = [
    [t("list.kind"), t(`kinds.${certificate.kind}`)],
    [t("details.source"), certificate.sourceUrl ? t("details.sourceUrl", { url: certificate.sourceUrl }) : t("details.sourceUpload")],
    [t("list.subject"), certificate.subject || "—"],
    [t("list.issuer"), certificate.issuer || "—"],
    [t("details.serialNumber"), <span key="serial" className="font-mono text-xs break-all">{certificate.serialNumber}</span>],
    [t("chain.validFrom"), format.dateTime(certificate.notBefore, UTC_DATE_TIME)],
    [
      t("chain.validUntil"),
      <span key="until" className="inline-flex flex-wrap items-center gap-2">
        {format.dateTime(certificate.notAfter, UTC_DATE_TIME)}
        <ValidityBadge notBefore={certificate.notBefore} notAfter={certificate.notAfter} now={now} />
      </span>,
    ],
    [t("list.fingerprint"), <span key="fp" className="font-mono text-xs break-all" data-testid="leaf-fingerprint">{certificate.fingerprintSha256}</span>],
    ...(keyMaterial ? ([[t("details.keyMaterial"), keyMaterial]] as [string, ReactNode][]) : []),
    [
      t("details.added"),
      t("details.addedBy", {
        when: format.dateTime(certificate.createdAt, { dateStyle: "medium", timeStyle: "short" }),
        who: certificate.createdByEmail ?? "—",
      }),
    ],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd className="break-words">{value}</dd>
        </div>
      ))}
    </dl>
  );
}
