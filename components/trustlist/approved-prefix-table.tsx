import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApprovedPrefixRow } from "@/db/queries/trustlist";

/** Approved prefixes as tenant users see them: what is callable, not who asked for it. */
export async function ApprovedPrefixTable({ rows }: { rows: ApprovedPrefixRow[] }) {
  const [t, format] = await Promise.all([getTranslations("trustlist"), getFormatter()]);
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">{t("approved.empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.prefix")}</TableHead>
          <TableHead>{t("columns.approved")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="trustlist-approved-row">
            <TableCell className="font-mono text-xs break-all">{row.prefix}</TableCell>
            <TableCell className="whitespace-nowrap">{row.approvedAt ? format.dateTime(row.approvedAt, { dateStyle: "medium" }) : "—"}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
