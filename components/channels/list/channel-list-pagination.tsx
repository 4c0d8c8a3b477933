import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import type { ChannelListPage } from "@/db/queries/channel-list";
import { cn } from "@/lib/utils";

/** Previous / Next by keyset cursor, and how many channels the search found (capped). */
export async function ChannelListPagination({
  total,
  previousHref,
  nextHref,
}: {
  total: ChannelListPage["total"];
  previousHref: string | null;
  nextHref: string | null;
}) {
  const t = await getTranslations("channelList");
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
    <nav aria-label={t("pagination")} className="mt-4 flex items-center justify-between text-sm text-slate-600">
      <span data-testid="channel-total">{total.exact ? t("summary", { count: total.count }) : t("summaryCapped", { count: total.count })}</span>
      {previousHref || nextHref ? (
        <div className="flex gap-2">
          {link(previousHref, t("previous"), "prev")}
          {link(nextHref, t("next"), "next")}
        </div>
      ) : null}
    </nav>
  );
}
