import { getTranslations } from "next-intl/server";
import { PaginationLinks, PaginationNav } from "@/components/console/pagination";
import type { ChannelListPage } from "@/db/queries/channel-list";

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
  const summary = (
    <span data-testid="channel-total">{total.exact ? t("summary", { count: total.count }) : t("summaryCapped", { count: total.count })}</span>
  );
  return (
    <PaginationNav label={t("pagination")} summary={summary}>
      {previousHref || nextHref ? (
        <PaginationLinks previousHref={previousHref} nextHref={nextHref} labels={{ previous: t("previous"), next: t("next") }} />
      ) : null}
    </PaginationNav>
  );
}
