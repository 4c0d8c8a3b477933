import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { SystemEntryRow } from "@/db/queries/trustlist";
import { RevokeForm, type RevokeAction } from "./revoke-form";

/** Approved prefixes with who asked, why and who approved, and a revoke control per prefix. */
export async function SystemApprovedTable({ rows, revokeAction }: { rows: SystemEntryRow[]; revokeAction: RevokeAction }) {
  const [t, format] = await Promise.all([getTranslations("trustlist"), getFormatter()]);
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">{t("approved.empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.prefix")}</TableHead>
          <TableHead>{t("columns.tenant")}</TableHead>
          <TableHead>{t("columns.reason")}</TableHead>
          <TableHead>{t("columns.approved")}</TableHead>
          <TableHead>{t("columns.actions")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="trustlist-approved-row">
            <TableCell className="font-mono text-xs break-all">{row.prefix}</TableCell>
            <TableCell>
              {row.tenantName ?? t("system.noTenant")}
              {row.requestedByEmail ? <p className="text-xs text-slate-500">{row.requestedByEmail}</p> : null}
            </TableCell>
            <TableCell className="max-w-xs break-words">
              {row.reason}
              {row.decisionNote ? <p className="text-xs text-slate-500">{t("note", { note: row.decisionNote })}</p> : null}
            </TableCell>
            <TableCell className="whitespace-nowrap">
              {row.decidedAt ? format.dateTime(row.decidedAt, { dateStyle: "medium" }) : "—"}
              {row.decidedByEmail ? <p className="text-xs text-slate-500">{t("system.decidedBy", { email: row.decidedByEmail })}</p> : null}
            </TableCell>
            <TableCell>
              <RevokeForm id={row.id} prefix={row.prefix} action={revokeAction} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
