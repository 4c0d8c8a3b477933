import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { ResetPasswordForm } from "@/components/system/reset-password-form";
import { UserAccessForm } from "@/components/system/user-access-form";
import { UserStatusForm } from "@/components/system/user-status-form";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { UserDetails } from "@/components/users/user-details";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listTenantOptions } from "@/db/queries/tenants";
import { getUserById } from "@/db/queries/users";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { uuidField } from "@/lib/validations/fields";
import { resetUserPasswordAction, setUserDisabledAction, updateUserAccessAction } from "../../actions";

export const metadata: Metadata = { robots: { index: false } };

export default async function SystemUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await requireSystemAdmin();
  const userId = uuidField.safeParse((await params).userId);
  if (!userId.success) notFound();
  const db = getDb();
  const [user, tenants, t, format] = await Promise.all([getUserById(db, userId.data), listTenantOptions(db), getTranslations(), getFormatter()]);
  if (!user) notFound();
  const self = user.id === viewer.id;
  return (
    <ClientMessages route="(console)/system/users/[userId]/page">
      <PageHeader title={t("users.detailTitle", { name: user.name })} />
      <div className="grid gap-6 md:grid-cols-2">
        <Card>
          <CardContent className="pt-5">
            <UserDetails user={user} />
          </CardContent>
        </Card>
        {self ? null : (
          <Card>
            <CardHeader>
              <CardTitle>{t("system.users.accessTitle")}</CardTitle>
            </CardHeader>
            <CardContent>
              <UserAccessForm user={user} tenants={tenants} action={updateUserAccessAction} />
            </CardContent>
          </Card>
        )}
        {self ? null : (
          <Card>
            <CardHeader>
              <CardTitle>{t("system.users.statusTitle")}</CardTitle>
              <CardDescription>
                {user.disabledAt
                  ? t("system.users.statusDisabled", { date: format.dateTime(user.disabledAt, { dateStyle: "medium", timeStyle: "short" }) })
                  : t("system.users.statusActive")}
              </CardDescription>
            </CardHeader>
            <CardContent>
              <UserStatusForm userId={user.id} disabled={Boolean(user.disabledAt)} action={setUserDisabledAction} />
            </CardContent>
          </Card>
        )}
        <Card>
          <CardHeader>
            <CardTitle>{t("system.users.passwordTitle")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ResetPasswordForm userId={user.id} action={resetUserPasswordAction} />
          </CardContent>
        </Card>
      </div>
      <Link href="/system/users" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("users.backToList")}
      </Link>
    </ClientMessages>
  );
}
