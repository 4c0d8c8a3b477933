import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/console/empty-state";
import { PageHeader } from "@/components/console/page-header";
import { ServerAutoRefresh } from "@/components/console/server-auto-refresh";
import { Pagination } from "@/components/console/pagination";
import { ExportTaskTable } from "@/components/exports/export-task-table";
import { hasActiveTask } from "@/components/exports/task-display";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listExportTasks } from "@/db/queries/export-tasks";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { exportTaskView } from "@/lib/exports/task-view";
import { pageParamSchema } from "@/lib/pagination";

// GET /exports?page= - the tenant's export tasks, newest first, refreshing while one runs

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exports"))("title") };
}

export default async function ExportsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireTenantUser();
  const { page: raw } = await searchParams;
  const pageNumber = pageParamSchema.parse(Array.isArray(raw) ? raw[0] : raw);
  const [t, page] = await Promise.all([getTranslations("exports"), listExportTasks(getDb(), { tenantId: user.tenantId }, pageNumber)]);
  const now = new Date();
  const tasks = page.items.map((task) => exportTaskView(task, now));
  const tenant = user.tenantName ?? "";

  return (
    <ClientMessages route="(console)/exports/page">
      <PageHeader
        title={t("title")}
        description={t("description", { tenant })}
        actions={
          <Link href="/channels" className={buttonVariants({ variant: "outline" })}>
            {t("startExport")}
          </Link>
        }
      />
      <ServerAutoRefresh active={hasActiveTask(tasks)} label={t("refreshing")} testId="exports-refreshing" />
      {page.total === 0 ? (
        <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
      ) : tasks.length === 0 ? (
        <div className="rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center">
          <p className="text-sm text-slate-600">{t("pageEmpty")}</p>
          <Link href="/exports" className={buttonVariants({ className: "mt-4" })}>
            {t("firstPage")}
          </Link>
        </div>
      ) : (
        <>
          <p className="mb-3 text-sm text-slate-600">{t("retention")}</p>
          <Card>
            <ExportTaskTable tasks={tasks} caption={t("caption", { tenant })} />
          </Card>
          <Pagination page={page} basePath="/exports" />
        </>
      )}
    </ClientMessages>
  );
}
