import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditRow } from "@/db/queries/audit-log";

function Changes({ before, after }: { before: Record<string, unknown> | null; after: Record<string, unknown> | null }) {
  const keys = [...new Set([...Object.keys(before ?? {}), ...Object.keys(after ?? {})])];
  const changed = keys.filter((key) => JSON.stringify(before?.[key]) !== JSON.stringify(after?.[key]));
  if (changed.length === 0) return <span className="text-slate-400">—</span>;
  const show = (value: unknown) => (value === undefined ? "∅" : typeof value === "string" ? value : JSON.stringify(value));
  return (
    <ul className="grid gap-0.5 font-mono text-xs">
      {changed.map((key) => (
        <li key={key}>
          <span className="text-slate-500">{key}:</span> {before ? <s className="text-red-700">{show(before[key])}</s> : null}{" "}
          {after ? <span className="text-green-800">{show(after[key])}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export async function AuditTable({ rows }: { rows: AuditRow[] }) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">{t("empty")}</p>;
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("when")}</TableHead>
          <TableHead>{t("who")}</TableHead>
          <TableHead>{t("action")}</TableHead>
          <TableHead>{t("target")}</TableHead>
          <TableHead>{t("changes")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row) => (
          <TableRow key={row.id} data-testid="audit-row">
            <TableCell className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</TableCell>
            <TableCell>{row.actorEmail ?? t("systemActor")}</TableCell>
            <TableCell className="font-mono text-xs">{row.action}</TableCell>
            <TableCell className="font-mono text-xs">
              {row.targetType} {row.targetId.slice(0, 8)}
            </TableCell>
            <TableCell>
              <Changes before={row.before} after={row.after} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
