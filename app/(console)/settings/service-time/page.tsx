import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Pagination } from "@/components/console/pagination";
import { MonthCalendar } from "@/components/service-time/month-calendar";
import { NonWorkingDayForm } from "@/components/service-time/non-working-day-form";
import { NonWorkingDayTable } from "@/components/service-time/non-working-day-table";
import { TimeZoneForm } from "@/components/service-time/time-zone-form";
import { Alert } from "@/components/ui/alert";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getServiceTimeSettings, listNonWorkingDays, listNonWorkingDaysBetween } from "@/db/queries/service-time";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { pageParamSchema } from "@/lib/pagination";
import { gridBounds, monthOf } from "@/lib/service-time/calendar";
import { supportedTimeZones } from "@/lib/service-time/time-zones";
import { todayIn } from "@/lib/service-time/work-time";
import { monthParamSchema } from "@/lib/validations/service-time";
import { addNonWorkingDayAction, deleteNonWorkingDayAction, updateTimeZoneAction } from "./actions";

const BASE_PATH = "/settings/service-time";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("serviceTime"))("title") };
}

export default async function ServiceTimePage({ searchParams }: { searchParams: Promise<{ page?: string; month?: string }> }) {
  const user = await requireTenantUser();
  const params = await searchParams;
  const page = pageParamSchema.parse(params.page);
  const requestedMonth = monthParamSchema.parse(params.month);
  const scope = { tenantId: user.tenantId };
  const db = getDb();
  const settings = await getServiceTimeSettings(db, scope);
  const now = new Date();
  const today = todayIn(settings.timeZone, now);
  const month = requestedMonth ?? monthOf(today);
  const grid = gridBounds(month);
  const [t, format, monthDays, days] = await Promise.all([
    getTranslations("serviceTime"),
    getFormatter(),
    listNonWorkingDaysBetween(db, scope, { from: grid.first, to: grid.last }),
    listNonWorkingDays(db, scope, page),
  ]);
  const canEdit = user.role === "tenant_admin";
  const monthHref = (target: string) => `${BASE_PATH}?month=${target}${page > 1 ? `&page=${page}` : ""}`;

  return (
    <ClientMessages route="(console)/settings/service-time/page">
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      {canEdit ? null : <Alert className="mb-6">{t("readOnly")}</Alert>}
      <div className="mb-6 grid items-start gap-6 xl:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
        <Card>
          <CardHeader>
            <CardTitle>{t("month.title")}</CardTitle>
            <CardDescription>{t("month.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <MonthCalendar month={month} today={today} ranges={monthDays} hrefFor={monthHref} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("timeZone.title")}</CardTitle>
            <CardDescription>{t("timeZone.description")}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-3">
            {canEdit ? (
              <TimeZoneForm timeZone={settings.timeZone} timeZones={supportedTimeZones()} action={updateTimeZoneAction} />
            ) : (
              <p className="text-lg font-medium" data-testid="time-zone">
                {settings.timeZone}
              </p>
            )}
            <p className="text-sm text-slate-600">
              {t("timeZone.now", {
                now: format.dateTime(now, { dateStyle: "full", timeStyle: "short", timeZone: settings.timeZone }),
              })}
            </p>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("days.title")}</CardTitle>
          <CardDescription>{t("days.description")}</CardDescription>
        </CardHeader>
        {canEdit ? (
          <CardContent className="border-b border-slate-200 pb-5">
            <h3 className="mb-3 text-sm font-semibold">{t("days.addTitle")}</h3>
            <NonWorkingDayForm basePath={BASE_PATH} action={addNonWorkingDayAction} />
          </CardContent>
        ) : null}
        <NonWorkingDayTable days={days.items} deleteAction={canEdit ? deleteNonWorkingDayAction : undefined} />
      </Card>
      <Pagination page={days} basePath={BASE_PATH} query={{ month: requestedMonth }} />
    </ClientMessages>
  );
}
