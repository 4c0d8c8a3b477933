import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ApiAppView } from "@/db/queries/api-apps";

export function ApiAppStatusBadge({ disabled, labels }: { disabled: boolean; labels: { active: string; disabled: string } }) {
  return disabled ? <Badge variant="danger">{labels.disabled}</Badge> : <Badge variant="success">{labels.active}</Badge>;
}

/** API apps of every tenant, for system administrators; never a secret. */
export async function ApiAppTable({ apps }: { apps: ApiAppView[] }) {
  const [t, format] = await Promise.all([getTranslations("apiApps"), getFormatter()]);
  if (apps.length === 0) return <p className="p-4 text-sm text-slate-600">{t("empty")}</p>;
  const labels = { active: t("active"), disabled: t("disabled") };
  return (
    <Table>
      <TableHeader>
        <TableRow>
          <TableHead>{t("name")}</TableHead>
          <TableHead>{t("tenant")}</TableHead>
          <TableHead>{t("appKey")}</TableHead>
          <TableHead>{t("apis")}</TableHead>
          <TableHead>{t("status")}</TableHead>
          <TableHead>{t("created")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {apps.map((app) => (
          <TableRow key={app.id} data-testid="api-app-row">
            <TableCell>
              <Link href={`/system/api-apps/${app.id}`} className="font-medium text-blue-700 hover:underline">
                {app.name}
              </Link>
            </TableCell>
            <TableCell>{app.tenantName}</TableCell>
            <TableCell className="font-mono text-xs">{app.appKey}</TableCell>
            <TableCell>
              <ul className="flex flex-wrap gap-1">
                {app.apis.map((api) => (
                  <li key={api}>
                    <Badge className="font-mono">{api}</Badge>
                  </li>
                ))}
              </ul>
            </TableCell>
            <TableCell>
              <ApiAppStatusBadge disabled={Boolean(app.disabledAt)} labels={labels} />
            </TableCell>
            <TableCell className="whitespace-nowrap">{format.dateTime(app.createdAt, { dateStyle: "medium" })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
