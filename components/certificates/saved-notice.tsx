"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** After a save: what was saved, and a way to look at it. */
export function SavedNotice({ saved }: { saved: { id: string; name: string } | null }) {
  const t = useTranslations("certificates");
  if (!saved) return null;
  return (
    <Alert variant="success">
      {t("savedNotice", { name: saved.name })}{" "}
      <Link href={`/settings/certificates/${saved.id}`} className="font-medium underline">
        {t("showDetails")}
      </Link>
    </Alert>
  );
}
