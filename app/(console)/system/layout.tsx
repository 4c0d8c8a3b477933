import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SectionNav } from "@/components/console/section-nav";
import { requireSystemAdmin } from "@/lib/auth/page-guard";
import { systemSections } from "@/lib/auth/roles";

export default async function SystemLayout({ children }: { children: ReactNode }) {
  await requireSystemAdmin();
  const t = await getTranslations();
  const items = systemSections().map((s) => ({ href: s.href, label: t(s.label as never) }));
  return (
    <div>
      <SectionNav items={items} label={t("system.title")} />
      {children}
    </div>
  );
}
