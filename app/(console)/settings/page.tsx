import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { DetailList } from "@/components/console/detail-list";
import { PageHeader } from "@/components/console/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { requireUser } from "@/lib/auth/page-guard";
import { LanguageForm } from "./language-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("settings"))("title") };
}

export default async function SettingsPage() {
  const user = await requireUser();
  const t = await getTranslations();
  const tenant = user.tenantName ?? t("nav.noTenant");
  const rows = [
    { label: t("settings.account.name"), value: user.name },
    { label: t("settings.account.email"), value: user.email },
    { label: t("settings.account.role"), value: t(`roles.${user.role}`) },
    { label: t("settings.account.tenant"), value: tenant },
  ];
  return (
    <ClientMessages route="(console)/settings/page">
      <PageHeader title={t("settings.title")} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("settings.account.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <DetailList rows={rows} />
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("settings.language.title")}</CardTitle>
            <CardDescription>{t("settings.language.description")}</CardDescription>
          </CardHeader>
          <CardContent>
            <LanguageForm />
          </CardContent>
        </Card>
        {user.role === "tenant_admin" ? (
          <Card>
            <CardHeader>
              <CardTitle>{t("settings.tenantUsers.title")}</CardTitle>
              <CardDescription>{t("settings.tenantUsers.description", { tenant })}</CardDescription>
            </CardHeader>
            <CardContent>
              <Link href="/settings/users" className={buttonVariants({ variant: "outline" })}>
                {t("settings.tenantUsers.open")}
              </Link>
            </CardContent>
          </Card>
        ) : null}
      </div>
    </ClientMessages>
  );
}
