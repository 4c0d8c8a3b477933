import type { Metadata } from "next";
import { getFormatter, getTranslations } from "next-intl/server";
import { PageHeader } from "@/components/console/page-header";
import { FailingChannels, SilentChannels } from "@/components/overview/channel-state-lists";
import { ExpiringList } from "@/components/overview/expiring-list";
import { OverviewCounters } from "@/components/overview/overview-counters";
import { OverviewEmpty } from "@/components/overview/overview-empty";
import { RejectionsTable } from "@/components/overview/rejections-table";
import { getDb } from "@/db";
import { requireTenantUser } from "@/lib/auth/page-guard";
import { loadOverview, RECENT_REJECTIONS_LIMIT } from "@/lib/overview/load";

// GET /overview - a tenant user's home: is anything broken? Channels by state, what expires, the newest refusals

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("overview"))("title") };
}

export default async function OverviewPage() {
  const user = await requireTenantUser();
  const now = new Date();
  const [t, format, overview] = await Promise.all([getTranslations("overview"), getFormatter(), loadOverview(getDb(), user.tenantId, now)]);
  const { channels, expiring, rejections, timeZone } = overview;
  const asOf = format.dateTime(now, { dateStyle: "medium", timeStyle: "short", timeZone });
  return (
    <>
      <PageHeader title={t("title")} description={t("description", { tenant: user.tenantName ?? "" })} />
      <p className="-mt-4 mb-6 text-xs text-slate-600">{t("asOf", { time: asOf, timeZone })}</p>
      <div className="grid grid-cols-1 gap-6">
        {channels.total === 0 ? (
          <OverviewEmpty canCreate={user.role === "tenant_admin"} />
        ) : (
          <>
            <OverviewCounters counts={channels.counts} />
            <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
              <FailingChannels channels={channels.failing} timeZone={timeZone} />
              <SilentChannels channels={channels.silent} timeZone={timeZone} />
            </div>
          </>
        )}
        {channels.total === 0 && expiring.length === 0 ? null : <ExpiringList items={expiring} />}
        {channels.total === 0 ? null : <RejectionsTable rejections={rejections} limit={RECENT_REJECTIONS_LIMIT} timeZone={timeZone} />}
      </div>
    </>
  );
}
