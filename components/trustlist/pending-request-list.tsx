import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import type { SystemEntryRow } from "@/db/queries/trustlist";
import { DecisionForm, type DecideAction } from "./decision-form";
import { OutcomeNotice } from "./outcome-notice";

/** Requests of every tenant awaiting a decision, each with its approve / reject form. */
export async function PendingRequestList({ rows, action }: { rows: SystemEntryRow[]; action: DecideAction }) {
  const [t, format] = await Promise.all([getTranslations("trustlist"), getFormatter()]);
  return (
    <OutcomeNotice>
      {rows.length === 0 ? (
        <Card>
          <p className="p-4 text-sm text-slate-600">{t("system.pendingEmpty")}</p>
        </Card>
      ) : (
        <ul className="grid gap-4">
          {rows.map((row) => (
            <li key={row.id}>
              <Card data-testid="trustlist-pending-request">
                <CardHeader>
                  <CardTitle className="font-mono text-sm break-all">{row.prefix}</CardTitle>
                  <CardDescription>
                    {t("system.requestedBy", { email: row.requestedByEmail ?? "—", tenant: row.tenantName ?? t("system.noTenant") })} ·{" "}
                    {format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "short" })}
                  </CardDescription>
                </CardHeader>
                <CardContent className="grid gap-4">
                  <p className="text-sm break-words">
                    <span className="font-medium">{t("columns.reason")}:</span> {row.reason}
                  </p>
                  <DecisionForm id={row.id} prefix={row.prefix} action={action} />
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </OutcomeNotice>
  );
}
