import { getFormatter, getTranslations } from "next-intl/server";
import { DetailList } from "@/components/console/detail-list";
import { Badge } from "@/components/ui/badge";
import type { PublicUser } from "@/db/queries/users";

export async function UserDetails({ user }: { user: PublicUser }) {
  const [t, format] = await Promise.all([getTranslations(), getFormatter()]);
  const status = user.disabledAt ? <Badge variant="danger">{t("common.disabled")}</Badge> : <Badge variant="success">{t("common.active")}</Badge>;
  return (
    <DetailList
      rows={[
        { label: t("users.email"), value: user.email },
        { label: t("users.name"), value: user.name },
        { label: t("users.role"), value: t(`roles.${user.role}`) },
        { label: t("users.tenant"), value: user.tenantName ?? t("nav.noTenant") },
        { label: t("users.status"), value: status },
        { label: t("users.created"), value: format.dateTime(user.createdAt, { dateStyle: "medium", timeStyle: "short" }) },
      ]}
    />
  );
}
