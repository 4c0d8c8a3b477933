import { useFormatter, useTranslations } from "next-intl";
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
          <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
            <dt className="text-slate-500">{t("subject")}</dt>
            <dd className="break-words">{certificate.subject || "—"}</dd>
            <dt className="text-slate-500">{t("issuer")}</dt>
            <dd className="break-words">{certificate.issuer || "—"}</dd>
            <dt className="text-slate-500">{t("validFrom")}</dt>
            <dd>{format.dateTime(certificate.notBefore, UTC_DATE_TIME)}</dd>
            <dt className="text-slate-500">{t("validUntil")}</dt>
            <dd>{format.dateTime(certificate.notAfter, UTC_DATE_TIME)}</dd>
            <dt className="text-slate-500">{t("fingerprint")}</dt>
            <dd className="font-mono text-xs break-all" data-testid="fingerprint">
              {certificate.fingerprintSha256}
            </dd>
          </dl>
          {certificate.pem ? (
            <details className="mt-2">
              <summary className="cursor-pointer text-blue-700">{t("showPem")}</summary>
              <pre className="mt-2 overflow-x-auto rounded bg-slate-50 p-2 text-xs">{certificate.pem}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
