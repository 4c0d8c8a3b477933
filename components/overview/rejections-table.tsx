import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { RecentRejectionRow } from "@/db/queries/overview";
import { isWebhookEndpoint } from "./endpoint";
import { reasonText } from "./reason-text";

/**
 * The tenant's newest refused webhook calls: when, which channel (a link), why, the answer and which
 * URL. Why comes right after the channel, so a phone shows it without scrolling the table.
 */
export async function RejectionsTable({ rejections, limit, timeZone }: { rejections: RecentRejectionRow[]; limit: number; timeZone: string }) {
  const [t, activity, format, reason] = await Promise.all([
    getTranslations("overview.rejections"),
    getTranslations("channelActivity.endpoints"),
    getFormatter(),
    reasonText(),
  ]);
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "medium", timeZone });
  return (
    <Card data-testid="overview-rejections">
      <CardHeader>
        <CardTitle>{t("title")}</CardTitle>
        <CardDescription>{t("description", { limit: String(limit) })}</CardDescription>
      </CardHeader>
      <CardContent>
        {rejections.length === 0 ? (
          <p className="text-sm text-slate-600">{t("none")}</p>
        ) : (
          <Table>
            <caption className="sr-only">{t("caption")}</caption>
            <TableHeader>
              <TableRow>
                <TableHead>{t("columns.time")}</TableHead>
                <TableHead>{t("columns.channel")}</TableHead>
                <TableHead>{t("columns.reason")}</TableHead>
                <TableHead>{t("columns.status")}</TableHead>
                <TableHead>{t("columns.url")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rejections.map((rejection) => (
                <TableRow key={rejection.id} data-testid="overview-rejection">
                  <TableCell className="min-w-28">
                    <time dateTime={rejection.at.toISOString()}>{when(rejection.at)}</time>
                  </TableCell>
                  <TableCell>
                    <Link href={`/channels/${rejection.channelId}`} className="font-medium break-words underline underline-offset-4 hover:text-slate-600">
                      {rejection.channelName}
                    </Link>
                  </TableCell>
                  <TableCell>
                    {reason(rejection.reason)}
                    {rejection.suppressed > 0 ? <span className="block text-xs text-slate-600">{t("suppressed", { count: rejection.suppressed })}</span> : null}
                  </TableCell>
                  <TableCell className="tabular-nums">{rejection.statusCode}</TableCell>
                  <TableCell>{isWebhookEndpoint(rejection.endpoint) ? activity(rejection.endpoint) : rejection.endpoint}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
