import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/console/status-page";
import { getCurrentUser } from "@/lib/auth/current-user";

export default async function Forbidden() {
  const [t, tRoles, user] = await Promise.all([
    getTranslations("pages.forbidden"),
    getTranslations("roles"),
    getCurrentUser(),
  ]);
  const description = user ? t("description", { role: tRoles(user.role) }) : t("descriptionNoRole");
  return <StatusPage code="403" title={t("title")} description={description} homeLabel={t("home")} />;
}
