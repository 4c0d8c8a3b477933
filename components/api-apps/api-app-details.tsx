import { getFormatter, getTranslations } from "next-intl/server";
import { DetailList, type DetailRow } from "@/components/console/detail-list";
import type { ApiAppView } from "@/db/queries/api-apps";
import { ApiAppStatusBadge } from "./api-app-table";
import { CopyButton } from "./copy-button";

/** What there is to know about an app, except its secret (which nobody can read back). */
export async function ApiAppDetails({ app }: { app: ApiAppView }) {
  const [t, format] = await Promise.all([getTranslations("apiApps"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const rows: DetailRow[] = [
    { label: t("tenant"), value: app.tenantName },
    {
      label: t("appKey"),
      value: (
        <span className="inline-flex flex-wrap items-center gap-2">
          <code className="font-mono text-xs" data-testid="app-key">
            {app.appKey}
          </code>
          <CopyButton value={app.appKey} what={t("appKey")} />
        </span>
      ),
    },
    { label: t("apis"), value: <span className="font-mono text-xs">{app.apis.join(", ")}</span> },
    { label: t("status"), value: <ApiAppStatusBadge disabled={Boolean(app.disabledAt)} labels={{ active: t("active"), disabled: t("disabled") }} /> },
    { label: t("created"), value: when(app.createdAt) },
    { label: t("lastRotation"), value: when(app.secretRotatedAt) },
  ];
  return (
    <div className="grid gap-4">
      <DetailList rows={rows} />
      <p className="text-xs text-slate-500">{t("secretNeverShown")}</p>
    </div>
  );
}
