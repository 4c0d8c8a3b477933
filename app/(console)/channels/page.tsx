import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { EmptyState } from "@/components/console/empty-state";
import { PageHeader } from "@/components/console/page-header";
import { requireTenantUser } from "@/lib/auth/page-guard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("channels"))("title") };
}

export default async function ChannelsPage() {
  const user = await requireTenantUser();
  const t = await getTranslations("channels");
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      <EmptyState title={t("emptyTitle")} description={t("emptyDescription")} />
    </>
  );
}
