import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { CertificateListItem } from "@/db/queries/certificates";
import type { ActionResult } from "@/lib/guard/actions";
import { DeleteCertificateButton } from "./delete-certificate-button";
import { UTC_DATE, ValidityBadge } from "./validity-badge";

export async function CertificateTable({
  certificates,
  now,
  deleteAction,
}: {
  certificates: CertificateListItem[];
  now: Date;
  /** Only for tenant administrators: without it the table is read-only. */
  deleteAction?: (input: { certificateId: string }) => Promise<ActionResult<void>>;
}) {
  const [t, format] = await Promise.all([getTranslations("certificates"), getFormatter()]);
  if (certificates.length === 0) return <p className="p-4 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("list.name")}</TableHead>
          <TableHead>{t("list.kind")}</TableHead>
          <TableHead>{t("list.subject")}</TableHead>
          <TableHead>{t("list.issuer")}</TableHead>
          <TableHead>{t("list.validUntil")}</TableHead>
          <TableHead>{t("list.fingerprint")}</TableHead>
          {deleteAction ? <TableHead>{t("list.actions")}</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {certificates.map((certificate) => (
          <TableRow key={certificate.id} data-testid="certificate-row">
            <TableCell>
              <Link href={`/settings/certificates/${certificate.id}`} className="font-medium text-blue-700 hover:underline">
                {certificate.name}
              </Link>
            </TableCell>
            <TableCell>
              <Badge>{t(`kinds.${certificate.kind}`)}</Badge>
            </TableCell>
            <TableCell className="max-w-56 break-words">{certificate.subject || "—"}</TableCell>
            <TableCell className="max-w-56 break-words">{certificate.issuer || "—"}</TableCell>
            <TableCell className="whitespace-nowrap">
              <div className="grid justify-items-start gap-1">
                {format.dateTime(certificate.notAfter, UTC_DATE)}
                <ValidityBadge notBefore={certificate.notBefore} notAfter={certificate.notAfter} now={now} />
              </div>
            </TableCell>
            <TableCell className="max-w-48 font-mono text-xs break-all">{certificate.fingerprintSha256}</TableCell>
            {deleteAction ? (
              <TableCell>
                <DeleteCertificateButton certificate={{ id: certificate.id, name: certificate.name }} action={deleteAction} />
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
