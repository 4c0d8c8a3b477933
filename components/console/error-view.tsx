"use client";

import { useTranslations } from "next-intl";
import { StatusPage } from "@/components/console/status-page";
import { Button } from "@/components/ui/button";

/** What app/error.tsx shows; its own module so the boundary can fetch it only when an error occurs. */
export default function ErrorView({ digest, reset }: { digest?: string; reset: () => void }) {
  const t = useTranslations("pages.error");
  return (
    <StatusPage code="500" title={t("title")} description={t("description")} homeLabel={t("home")}>
      <Button onClick={reset}>{t("retry")}</Button>
      {digest ? <p className="w-full text-xs text-slate-500">{t("reference", { digest })}</p> : null}
    </StatusPage>
  );
}
