import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import type { CurrentUser } from "@/lib/auth/current-user";
import { navigationFor } from "@/lib/auth/roles";
import { NavLinks } from "./nav-links";
import { SignOutButton } from "./sign-out-button";
import { Toaster } from "@/components/ui/toaster";

export async function ConsoleShell({
  user,
  signOut,
  children,
}: {
  user: CurrentUser;
  signOut: () => Promise<void>;
  children: ReactNode;
}) {
  const t = await getTranslations();
  const items = navigationFor(user.role).map((item) => ({ href: item.href, label: t(`nav.${item.label}`) }));
  const tenant = user.tenantName ?? t("nav.noTenant");
  const role = t(`roles.${user.role}`);
  return (
    <div className="min-h-screen">
      <header className="bg-slate-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-4 px-4 py-3">
          <span className="font-semibold">{t("app.name")}</span>
          <NavLinks items={items} label={t("nav.primary")} />
          <div
            className="ml-auto flex items-center gap-3 text-sm"
            data-testid="user-menu"
            aria-label={t("nav.userMenu", { name: user.name, role, tenant })}
          >
            <div className="text-right leading-tight">
              <div className="font-medium" data-testid="user-name">{user.name}</div>
              <div className="text-xs text-slate-300">
                <span data-testid="user-role">{role}</span> · <span data-testid="user-tenant">{tenant}</span>
              </div>
            </div>
            <SignOutButton action={signOut} />
          </div>
        </div>
      </header>
      <main className="mx-auto max-w-6xl px-4 py-8">{children}</main>
      <Toaster label={t("nav.notifications")} />
    </div>
  );
}
