"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useTransition, type ReactNode } from "react";
import { Button } from "@/components/ui/button";

/*
 * Where a prerequisite (a certificate, an OU, an approved address…) is set up. The page opens in a
 * new tab so nothing typed here is lost (the draft keeps no secrets); "Refresh the list" then
 * brings what was created there into this form without a reload.
 */

export function PrerequisiteLink({ href, children }: { href: string; children: ReactNode }) {
  const t = useTranslations("channelWizard.prerequisites");
  return (
    <Link href={href} target="_blank" rel="noopener" className="font-medium text-blue-700 underline underline-offset-2 hover:text-blue-900">
      {children}
      <span className="sr-only"> {t("newTab")}</span>
    </Link>
  );
}

/** A hint with its link, and for an empty list the refresh that picks up what was created in the other tab. */
export function PrerequisiteHint({ text, href, link, empty }: { text: string; href?: string; link?: string; empty?: boolean }) {
  const t = useTranslations("channelWizard.prerequisites");
  const router = useRouter();
  const [refreshing, startRefresh] = useTransition();
  return (
    <span className="inline">
      {text}
      {href && link ? (
        <>
          {" "}
          <PrerequisiteLink href={href}>{link}</PrerequisiteLink>
        </>
      ) : null}
      {empty ? (
        <>
          {" "}
          <Button
            type="button"
            variant="link"
            size="sm"
            className="h-auto p-0 text-xs"
            disabled={refreshing}
            aria-busy={refreshing}
            onClick={() => startRefresh(() => router.refresh())}
          >
            {refreshing ? t("refreshing") : t("refresh")}
          </Button>
        </>
      ) : null}
    </span>
  );
}
