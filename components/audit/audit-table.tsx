import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { AuditNames } from "@/db/queries/audit-names";
import { isLabelledTargetType, TARGET_KINDS, type ChangeLine, type ReferenceKind, type ShownValue } from "@/lib/audit/changes";
import type { AuditEntryView } from "@/lib/audit/load";

type Translate = Awaited<ReturnType<typeof getTranslations<"audit">>>;

/** An id by its current name; an id the tenant no longer has (or never had) stays an id, marked deleted. */
function nameOf(names: AuditNames, kind: ReferenceKind, id: string, t: Translate): string {
  return names[kind].get(id) ?? t("deleted", { id });
}

function valueText(value: ShownValue, names: AuditNames, t: Translate): string {
  switch (value.kind) {
    case "none":
      return t("none");
    case "boolean":
      return value.value ? t("yes") : t("no");
    case "refs":
      return value.ids.map((id) => nameOf(names, value.ref, id, t)).join(", ");
    case "text":
      return value.text;
  }
}

function Changes({ lines, names, t }: { lines: ChangeLine[]; names: AuditNames; t: Translate }) {
  if (lines.length === 0) return <span className="text-slate-400">—</span>;
  return (
    <ul className="grid gap-0.5 text-xs">
      {lines.map((line) => (
        <li key={line.field} data-testid="audit-change" className="[overflow-wrap:anywhere]">
          <span className="font-mono text-slate-500">{line.field}:</span>{" "}
          {line.before ? <s className="text-red-700">{valueText(line.before, names, t)}</s> : null}
          {line.before && line.after ? " → " : null}
          {line.after ? <span className="text-green-800">{valueText(line.after, names, t)}</span> : null}
        </li>
      ))}
    </ul>
  );
}

export async function AuditTable({ rows, names, filtered }: { rows: AuditEntryView[]; names: AuditNames; filtered: boolean }) {
  const [t, format] = await Promise.all([getTranslations("audit"), getFormatter()]);
  if (rows.length === 0) return <p className="p-4 text-sm text-slate-600">{filtered ? t("noMatch") : t("empty")}</p>;
  const typeLabel = (type: string) => (isLabelledTargetType(type) ? t(`targetTypes.${type}`) : type);
  const targetName = (type: string, id: string) => {
    const kind = TARGET_KINDS[type];
    return kind ? nameOf(names, kind, id, t) : id;
  };
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
          <TableRow key={row.id} data-testid="audit-row" className="align-top">
            <TableCell className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "medium", timeStyle: "medium" })}</TableCell>
            <TableCell className="[overflow-wrap:anywhere]">{row.actorEmail ?? t("systemActor")}</TableCell>
            <TableCell className="font-mono text-xs">{row.action}</TableCell>
            <TableCell data-testid="audit-target" className="[overflow-wrap:anywhere]">
              <span className="text-slate-500">{typeLabel(row.targetType)}</span> {targetName(row.targetType, row.targetId)}
            </TableCell>
            <TableCell className="max-w-xl">
              <Changes lines={row.lines} names={names} t={t} />
            </TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
