import { useFormatter, useTranslations } from "next-intl";
import { DetailList } from "@/components/console/detail-list";
import type { CertificateSummary } from "@/lib/certificates/parse";
import { UTC_DATE_TIME, ValidityBadge } from "./validity-badge";

export type ChainEntry = CertificateSummary & { pem?: string };

/** A chain, leaf first: what the administrator compares before trusting it. */
export function ChainList({ chain, now }: { chain: ChainEntry[]; now: Date }) {
  const t = useTranslations("certificates.chain");
  const format = useFormatter();
  return (
    <ol className="grid gap-3">
      {chain.map((certificate, index) => (
        <li key={certificate.fingerprintSha256} data-testid="chain-certificate" className="rounded-md border border-slate-200 p-3 text-sm">
          <div className="mb-2 flex flex-wrap items-center gap-2">
            <span className="font-medium">{index === 0 ? t("leaf") : certificate.selfSigned ? t("root") : t("intermediate")}</span>
            <ValidityBadge notBefore={certificate.notBefore} notAfter={certificate.notAfter} now={now} />
          </div>
          <DetailList
            rows={[
              { label: t("subject"), value: certificate.subject || "—" },
              { label: t("issuer"), value: certificate.issuer || "—" },
              { label: t("validFrom"), value: format.dateTime(certificate.notBefore, UTC_DATE_TIME) },
              { label: t("validUntil"), value: format.dateTime(certificate.notAfter, UTC_DATE_TIME) },
              {
                label: t("fingerprint"),
                value: <span className="font-mono text-xs break-all">{certificate.fingerprintSha256}</span>,
                testId: "fingerprint",
              },
            ]}
          />
          {certificate.pem ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-blue-700">{t("showPem")}</summary>
              <pre tabIndex={0} className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs focus-visible:outline-2 focus-visible:outline-blue-600">{certificate.pem}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
