"use client";

import { useTranslations } from "next-intl";
import { StatusPage } from "@/components/console/status-page";
import { Button } from "@/components/ui/button";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const t = useTranslations("pages.error");
  return (
    <StatusPage code="500" title={t("title")} description={t("description")} homeLabel={t("home")}>
      <Button onClick={reset}>{t("retry")}</Button>
      {error.digest ? <p className="w-full text-xs text-slate-500">{t("reference", { digest: error.digest })}</p> : null}
    </StatusPage>
  );
}
