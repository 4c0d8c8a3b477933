import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { ApiAppDetails } from "@/components/api-apps/api-app-details";
import { ApiAppStatusForm } from "@/components/api-apps/api-app-status-form";
import { EditApiAppForm } from "@/components/api-apps/edit-api-app-form";
import { RotateSecretForm } from "@/components/api-apps/rotate-secret-form";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { getApiApp } from "@/db/queries/api-apps";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { uuidField } from "@/lib/validations/fields";
import { rotateApiAppSecretAction, setApiAppDisabledAction, updateApiAppAction } from "../actions";

export const metadata: Metadata = { robots: { index: false } };

export default async function ApiAppPage({ params }: { params: Promise<{ appId: string }> }) {
  await requireSystemAdmin();
  const appId = uuidField.safeParse((await params).appId);
  if (!appId.success) notFound();
  const [app, t, format] = await Promise.all([getApiApp(getDb(), appId.data), getTranslations("apiApps"), getFormatter()]);
  if (!app) notFound();
  return (
    <ClientMessages route="(console)/system/api-apps/[appId]/page">
      <PageHeader title={t("detailTitle", { name: app.name })} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardContent className="pt-5">
            <ApiAppDetails app={app} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("edit.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <EditApiAppForm key={`${app.name}:${app.apis.join()}`} app={app} action={updateApiAppAction} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("rotate.title")}</CardTitle>
            <CardDescription>{t("rotate.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <RotateSecretForm app={{ id: app.id, name: app.name }} action={rotateApiAppSecretAction} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("statusCard.title")}</CardTitle>
            <CardDescription>
              {app.disabledAt
                ? t("statusCard.disabledText", { date: format.dateTime(app.disabledAt, { dateStyle: "medium", timeStyle: "short" }) })
                : t("statusCard.activeText")}
            </CardDescription>
          </CardHeader>
          <CardContent>
            <ApiAppStatusForm appId={app.id} disabled={Boolean(app.disabledAt)} action={setApiAppDisabledAction} />
          </CardContent>
        </Card>
      </div>
      <Link href="/system/api-apps" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("backToList")}
      </Link>
    </ClientMessages>
  );
}
