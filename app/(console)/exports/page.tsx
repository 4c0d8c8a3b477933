import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/console/empty-state";
import { PageHeader } from "@/components/console/page-header";
import { requireTenantUser } from "@/lib/auth/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("exports"))("title") };
}

export default async function ExportsPage() {
  const user = await requireTenantUser();
  const t = await getTranslations("exports");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
    </>
  );
}
