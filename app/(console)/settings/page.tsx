import type { Metadata } from "next";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { buttonVariants } from "@/components/ui/button";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
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
    [t("settings.account.name"), user.name],
    [t("settings.account.email"), user.email],
    [t("settings.account.role"), t(`roles.${user.role}`)],
    [t("settings.account.tenant"), tenant],
  ];
  return (
    <>
      <PageHeader title={t("settings.title")} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("settings.account.title")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
              {rows.map(([label, value]) => (
                <div key={label} className="contents">
                  <dt className="text-slate-500">{label}</dt>
                  <dd>{value}</dd>
                </div>
              ))}
            </dl>
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
    </>
  );
}
