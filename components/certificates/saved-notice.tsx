"use client";

import Link from "next/link";
import { useTranslations } from "next-intl";
import { LiveStatus } from "@/components/forms/live-status";

/** What was saved, and a way to look at it: a form's success text (FormStatus). */
export function SavedText({ saved }: { saved: { id: string; name: string } }) {
  const t = useTranslations("certificates");
  return (
    <>
      {t("savedNotice", { name: saved.name })}{" "}
      <Link href={`/settings/certificates/${saved.id}`} className="font-medium underline">
        {t("showDetails")}
      </Link>
    </>
  );
}

/** After a save outside a form (a fetched chain confirmed): the same text in a live region of its own. */
export function SavedNotice({ saved }: { saved: { id: string; name: string } | null }) {
  return <LiveStatus>{saved ? <SavedText saved={saved} /> : null}</LiveStatus>;
}
