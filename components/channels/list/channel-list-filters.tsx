import Form from "next/form";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { Button, buttonVariants } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { CHANNEL_PROVIDERS, CHANNEL_STATUSES, CHANNEL_TYPES } from "@/db/schema/channels";
import { DEFAULT_ORDER, SEARCH_MAX_LENGTH, channelListHref, isFiltered, type ChannelListParams } from "@/lib/validations/channel-list";
import { FilterSelect } from "./filter-select";

/**
 * Search and filters as one GET form: it works without JavaScript, keeps the sort, and starts
 * again at the first page (a cursor belongs to one search). Choosing a filter submits at once.
 */
export async function ChannelListFilters({ params }: { params: ChannelListParams }) {
  const [t, tc] = await Promise.all([getTranslations("channelList.filters"), getTranslations("channels")]);
  return (
    // Keyed by the applied search, so "Clear filters" and Back also reset what the fields show.
    <Form key={channelListHref(params)} action="/channels" aria-label={t("label")} className="mb-4 flex flex-wrap items-end gap-3">
      <div className="grid min-w-56 flex-1 gap-1.5">
        <Label htmlFor="channel-search">{t("search")}</Label>
        <Input id="channel-search" name="q" type="search" defaultValue={params.q} maxLength={SEARCH_MAX_LENGTH} placeholder={t("searchPlaceholder")} />
      </div>
      <FilterSelect id="channel-type" name="type" label={t("type")} value={params.type}
        options={[{ value: "", label: t("allTypes") }, ...CHANNEL_TYPES.map((value) => ({ value, label: tc(`types.${value}`) }))]} />
      <FilterSelect id="channel-provider" name="provider" label={t("provider")} value={params.provider}
        options={[{ value: "", label: t("allProviders") }, ...CHANNEL_PROVIDERS.map((value) => ({ value, label: tc(`providers.${value}`) }))]} />
      <FilterSelect id="channel-status" name="status" label={t("status")} value={params.status}
        options={[{ value: "", label: t("allStatuses") }, ...CHANNEL_STATUSES.map((value) => ({ value, label: tc(`statuses.${value}`) }))]} />
      {params.sort !== "name" ? <input type="hidden" name="sort" value={params.sort} /> : null}
      {params.order !== DEFAULT_ORDER[params.sort] ? <input type="hidden" name="order" value={params.order} /> : null}
      <Button type="submit" variant="outline">
        {t("apply")}
      </Button>
      {isFiltered(params) ? (
        <Link href={channelListHref(params, { q: "", type: undefined, provider: undefined, status: undefined })} className={buttonVariants({ variant: "ghost" })}>
          {t("clear")}
        </Link>
      ) : null}
    </Form>
  );
}
