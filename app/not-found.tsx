import { getTranslations } from "next-intl/server";
import { StatusPage } from "@/components/console/status-page";

export default async function NotFound() {
  const t = await getTranslations("pages.notFound");
  return <StatusPage code="404" title={t("title")} description={t("description")} homeLabel={t("home")} />;
}
