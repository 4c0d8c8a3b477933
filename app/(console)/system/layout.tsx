import Link from "next/link";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { requireSystemAdmin } from "@/lib/auth/page-guard";

export default async function SystemLayout({ children }: { children: ReactNode }) {
  await requireSystemAdmin();
  const t = await getTranslations("system");
  return (
    <div>
      <nav aria-label={t("title")} className="mb-6 flex gap-4 border-b border-slate-200 text-sm">
        <Link href="/system/tenants" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("tabs.tenants")}
        </Link>
        <Link href="/system/users" className="border-b-2 border-transparent px-1 pb-2 hover:border-slate-400">
          {t("tabs.users")}
        </Link>
      </nav>
      {children}
    </div>
  );
}
