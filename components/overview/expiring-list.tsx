import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { channelTabHref } from "@/lib/channels/channel-tabs";
import type { ExpiringItem } from "@/lib/overview/expiring";

/** Where an item is renewed: a token on its channel's configuration, a certificate on its own page. */
const hrefOf = (item: ExpiringItem) => (item.type === "token" ? channelTabHref(item.id, "configuration") : `/settings/certificates/${item.id}`);

/** Tokens and certificates that run out within 30 days or have, soonest first (invalid tokens first of all). */
export async function ExpiringList({ items }: { items: ExpiringItem[] }) {
  const [t, format] = await Promise.all([getTranslations("overview.expiring"), getFormatter()]);
  // Expiry dates are calendar days (a token's last day, a certificate's UTC notAfter), so shown in UTC.
  const day = (date: Date) => format.dateTime(date, { dateStyle: "long", timeZone: "UTC" });
  const status = (item: ExpiringItem) => {
    if (item.state === "invalid") return t("invalid");
    if (item.state === "expired") return t("expired", { date: day(item.expiresAt!) });
    return t("expiring", { date: day(item.expiresAt!), count: item.daysLeft! });
  };
  return (
    <Card data-testid="overview-expiring">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {items.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {items.map((item) => (
              <li key={`${item.type}:${item.id}`} className="flex flex-wrap items-baseline gap-x-3 gap-y-1 py-2 text-sm" data-testid="overview-expiring-item">
                <Link href={hrefOf(item)} className="min-w-0 font-medium break-words text-slate-900 underline underline-offset-4 hover:text-slate-600">
                  {item.type === "token" ? t("token", { name: item.name }) : t(`certificate.${item.kind}`, { name: item.name })}
                </Link>
                <Badge variant={item.state === "expiring" ? "warning" : "danger"}>{status(item)}</Badge>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}
