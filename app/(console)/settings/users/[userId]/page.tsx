import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { Card, CardContent } from "@/components/ui/card";
import { UserDetails } from "@/components/users/user-details";
import { getDb } from "@/db";
import { getTenantUser } from "@/db/queries/users";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { uuidField } from "@/lib/validations/fields";

export const metadata: Metadata = { robots: { index: false } };

export default async function TenantUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const viewer = await requireTenantUser(["tenant_admin"]);
  const userId = uuidField.safeParse((await params).userId);
  if (!userId.success) notFound();
  // Scoped by the viewer's tenant: another tenant's user id answers exactly like a missing one.
  const user = await getTenantUser(getDb(), { tenantId: viewer.tenantId }, userId.data);
  if (!user) notFound();
  const t = await getTranslations("users");
  return (
    <>
      <PageHeader title={t("detailTitle", { name: user.name })} />
      <Card className="max-w-2xl">
        <CardContent className="pt-5">
          <UserDetails user={user} />
        </CardContent>
      </Card>
      <Link href="/settings/users" className="mt-4 inline-block text-sm text-blue-700 hover:underline">
        {t("backToList")}
      </Link>
    </>
  );
}
