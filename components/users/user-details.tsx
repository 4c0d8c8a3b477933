import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import type { PublicUser } from "@/db/queries/users";

export async function UserDetails({ user }: { user: PublicUser }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const rows: [string, React.ReactNode][] = [
    [t("users.email"), user.email],
    [t("users.name"), user.name],
    [t("users.role"), t(`roles.${user.role}`)],
    [t("users.tenant"), user.tenantName ?? t("nav.noTenant")],
    [
      t("users.status"),
      user.disabledAt ? <Badge variant="danger">{t("common.disabled")}</Badge> : <Badge variant="success">{t("common.active")}</Badge>,
    ],
    [t("users.created"), format.dateTime(user.createdAt, { dateStyle: "medium", timeStyle: "short" })],
  ];
  return (
    <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
      {rows.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-slate-500">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
