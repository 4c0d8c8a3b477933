import { getFormatter, getTranslations } from "next-intl/server";
import type { ApiAppView } from "@/db/queries/api-apps";
import { ApiAppStatusBadge } from "./api-app-table";
import { CopyButton } from "./copy-button";

/** What there is to know about an app, except its secret (which nobody can read back). */
export async function ApiAppDetails({ app }: { app: ApiAppView }) {
  const [t, format] = await Promise.all([getTranslations("apiApps"), getFormatter()]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "short" });
  const rows: [string, React.ReactNode][] = [
    [t("tenant"), app.tenantName],
    [
      t("appKey"),
      <span key="key" className="inline-flex flex-wrap items-center gap-2">
        <code className="font-mono text-xs" data-testid="app-key">
          {app.appKey}
        </code>
        <CopyButton value={app.appKey} what={t("appKey")} />
      </span>,
    ],
    [t("apis"), <span key="apis" className="font-mono text-xs">{app.apis.join(", ")}</span>],
    [t("status"), <ApiAppStatusBadge key="status" disabled={Boolean(app.disabledAt)} labels={{ active: t("active"), disabled: t("disabled") }} />],
    [t("created"), when(app.createdAt)],
    [t("lastRotation"), when(app.secretRotatedAt)],
  ];
  return (
    <div className="grid gap-4">
      <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-slate-500">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="text-xs text-slate-500">{t("secretNeverShown")}</p>
    </div>
  );
}
