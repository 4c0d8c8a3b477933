import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { SectionNav } from "@/components/console/section-nav";
import { requireUser } from "@/lib/auth/page-guard";
import { settingsSectionsFor } from "@/lib/auth/roles";

export default async function SettingsLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  const items = settingsSectionsFor(user.role).map((s) => ({ href: s.href, label: t(s.label as never) }));
  return (
    <div>
      <SectionNav items={items} label={t("settings.title")} />
      {children}
    </div>
  );
}
