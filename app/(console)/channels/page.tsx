import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { ChannelList, type ChannelListRow } from "@/components/channels/list/channel-list";
import { ChannelListFilters } from "@/components/channels/list/channel-list-filters";
import { ChannelListPagination } from "@/components/channels/list/channel-list-pagination";
import { exportFiltersOf } from "@/components/channels/list/export-selection";
import { buttonVariants } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { ClientMessages } from "@/components/i18n/client-messages";
import { getDb } from "@/db";
import { listChannels } from "@/db/queries/channel-list";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { loadConnectionHealth } from "@/lib/channels/connection-check/view";
import { channelListHref, isFiltered, parseChannelListParams, sortLink } from "@/lib/validations/channel-list";
import { variantOf } from "@/lib/validations/channels/information";
import { startExportAction } from "../exports/actions";
import { checkConnectionsAction, deleteChannelAction, setChannelEnabledAction } from "./actions";

// GET /channels?q=&type=&provider=&status=&sort=&order=&after=&before= - the tenant's channels, a page at a time

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("channelList"))("title") };
}

export default async function ChannelsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireTenantUser();
  const params = parseChannelListParams(await searchParams);
  const [t, format, page] = await Promise.all([
    getTranslations("channelList"),
    getFormatter(),
    listChannels(getDb(), { tenantId: user.tenantId }, params),
  ]);
  const editable = user.role === "tenant_admin";
  // The health marks of this page's channels: one lookup by the page's ids, beside the list query.
  const health = await loadConnectionHealth(getDb(), user.tenantId, page.items.map((item) => item.id));
  const when = (date: Date, time: boolean) => ({
    iso: date.toISOString(),
    text: format.dateTime(date, time ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" }),
  });
  const rows: ChannelListRow[] = page.items.map((item) => ({
    id: item.id,
    name: item.name,
    variant: variantOf(item),
    status: item.status,
    phoneNumber: item.phoneNumber,
    created: when(item.createdAt, false),
    updated: when(item.updatedAt, true),
  }));
  const paged = Boolean(params.after || params.before);
  return (
    <ClientMessages route="(console)/channels/page">
      <PageHeader
        title={t("title")}
        description={t("description", { tenant: user.tenantName ?? "" })}
        actions={editable ? <Link href="/channels/new" className={buttonVariants()}>{t("newChannel")}</Link> : undefined}
      />
      {editable ? null : <p className="mb-4 text-sm text-slate-600">{t("readOnly")}</p>}
      <ChannelListFilters params={params} />
      <Card>
        <ChannelList
          rows={rows}
          caption={t("table", { tenant: user.tenantName ?? "" })}
          sortLinks={{ name: sortLink(params, "name"), created: sortLink(params, "created"), updated: sortLink(params, "updated") }}
          empty={paged ? "page" : isFiltered(params) ? "noMatch" : "none"}
          clearHref={channelListHref(params, { q: "", type: undefined, provider: undefined, status: undefined })}
          firstPageHref={channelListHref(params)}
          viewKey={channelListHref(params, { after: params.after, before: params.before })}
          exporting={{ scope: { filters: exportFiltersOf(params), filtered: isFiltered(params), total: page.total }, startExport: startExportAction }}
          actions={editable ? { setEnabled: setChannelEnabledAction, remove: deleteChannelAction } : undefined}
          health={health}
          checkConnections={editable ? checkConnectionsAction : undefined}
        />
      </Card>
      <ChannelListPagination
        total={page.total}
        previousHref={page.prevCursor ? channelListHref(params, { before: page.prevCursor, after: undefined }) : null}
        nextHref={page.nextCursor ? channelListHref(params, { after: page.nextCursor, before: undefined }) : null}
      />
    </ClientMessages>
  );
}
