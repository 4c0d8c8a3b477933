import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { TenantRequestRow } from "@/db/queries/trustlist";
import { TrustlistStatusBadge } from "./status-badge";
import { WithdrawButton, type WithdrawAction } from "./withdraw-button";

/** The tenant's own requests with their status and the system administrator's note. */
export async function TenantRequestTable({ rows, withdrawAction }: { rows: TenantRequestRow[]; withdrawAction?: WithdrawAction }) {
  const [t, format] = await Promise.all([getTranslations("trustlist"), getFormatter()]);
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">{t("requests.empty")}</p>;
  const date = (value: Date) => format.dateTime(value, { dateStyle: "medium", timeStyle: "short" });
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.prefix")}</TableHead>
          <TableHead>{t("columns.status")}</TableHead>
          <TableHead>{t("columns.reason")}</TableHead>
          <TableHead>{t("columns.requested")}</TableHead>
          <TableHead>{t("columns.decision")}</TableHead>
          {withdrawAction ? <TableHead>{t("columns.actions")}</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="trustlist-request-row">
            <TableCell className="font-mono text-xs break-all">{row.prefix}</TableCell>
            <TableCell>
              <TrustlistStatusBadge status={row.alreadyApproved ? "approved" : row.status} />
              {row.alreadyApproved ? <p className="mt-1 text-xs text-slate-500">{t("requests.alreadyApprovedHint")}</p> : null}
            </TableCell>
            <TableCell className="max-w-xs break-words">{row.reason}</TableCell>
            <TableCell className="whitespace-nowrap">
              {date(row.createdAt)}
              {row.requestedByEmail ? (
                <p className="text-xs text-slate-500">{t("requests.requestedBy", { email: row.requestedByEmail })}</p>
              ) : null}
            </TableCell>
            <TableCell className="max-w-xs">
              {row.decidedAt ? <span className="whitespace-nowrap">{date(row.decidedAt)}</span> : "—"}
              {row.decisionNote ? (
                <p className="text-sm break-words" data-testid="trustlist-note">
                  {t("note", { note: row.decisionNote })}
                </p>
              ) : null}
            </TableCell>
            {withdrawAction ? (
              <TableCell>
                {row.status === "pending" && !row.alreadyApproved ? (
                  <WithdrawButton id={row.id} prefix={row.prefix} action={withdrawAction} />
                ) : null}
              </TableCell>
            ) : null}
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
