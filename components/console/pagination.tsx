import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import type { Page } from "@/lib/pagination";
import { cn } from "@/lib/utils";

/** Previous / next links that keep the page's other query parameters. */
export async function Pagination({ page, basePath, query = {} }: { page: Page<unknown>; basePath: string; query?: Record<string, string | undefined> }) {
  const t = await getTranslations("pagination");
  const href = (target: number) => {
    const params = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => Boolean(entry[1])));
    if (target > 1) params.set("page", String(target));
    const search = params.toString();
    return search ? `${basePath}?${search}` : basePath;
  };
  const link = (target: number, label: string, enabled: boolean) =>
    enabled ? (
      <Link href={href(target)} className={buttonVariants({ variant: "outline", size: "sm" })}>
        {label}
      </Link>
    ) : (
      <span aria-disabled="true" className={cn(buttonVariants({ variant: "outline", size: "sm" }), "opacity-50")}>
        {label}
      </span>
    );
  return (
    <nav aria-label={t("label")} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span>{t("summary", { page: page.page, pageCount: page.pageCount, total: page.total })}</span>
      <div className="flex gap-2">
        {link(page.page - 1, t("previous"), page.page > 1)}
        {link(page.page + 1, t("next"), page.page < page.pageCount)}
      </div>
    </nav>
  );
}
