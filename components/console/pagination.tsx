import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ReactNode } from "react";
import { buttonVariants } from "@/components/ui/button";
import type { Page } from "@/lib/pagination";
import { cn } from "@/lib/utils";

/** The bar under a list: what the list holds, then the page links (if any). */
export function PaginationNav({ label, summary, children }: { label: string; summary: ReactNode; children?: ReactNode }) {
  return (
    <nav aria-label={label} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      {summary}
      {children}
    </nav>
  );
}

/** Previous and next; where there is no such page, the same button, disabled (so there is no link to follow). */
export function PaginationLinks({
  previousHref,
  nextHref,
  labels,
}: {
  previousHref: string | null;
  nextHref: string | null;
  labels: { previous: string; next: string };
}) {
  const link = (href: string | null, label: string, rel: "prev" | "next") =>
    href ? (
      <Link href={href} rel={rel} className={buttonVariants({ variant: "outline", size: "sm" })}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={cn(buttonVariants({ variant: "outline", size: "sm" }), "opacity-50")}>
        {label}
      </span>
    );
  return (
    <div className="flex gap-2">
      {link(previousHref, labels.previous, "prev")}
      {link(nextHref, labels.next, "next")}
    </div>
  );
}

/** Numbered pages: previous / next links that keep the page's other query parameters. */
export async function Pagination({ page, basePath, query = {} }: { page: Page<unknown>; basePath: string; query?: Record<string, string | undefined> }) {
  const t = await getTranslations("pagination");
  const href = (target: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  return (
    <PaginationNav label={t("label")} summary={<span>{t("summary", { page: page.page, pageCount: page.pageCount, total: page.total })}</span>}>
      <PaginationLinks
        previousHref={page.page > 1 ? href(page.page - 1) : null}
        nextHref={page.page < page.pageCount ? href(page.page + 1) : null}
        labels={{ previous: t("previous"), next: t("next") }}
      />
    </PaginationNav>
  );
}
