import { getFormatter, getTranslations } from "next-intl/server";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ActivityEvent } from "@/db/queries/channel-activity";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/webhooks/status-order";

const isDeliveryStatus = (value: string): value is DeliveryStatus => (DELIVERY_STATUSES as readonly string[]).includes(value);

/** The newest stored messages and reports, newest first; texts arrive already cut (EVENT_TEXT_MAX). */
export async function LatestEventsTable({ events, timeZone }: { events: ActivityEvent[]; timeZone: string }) {
  const [t, format] = await Promise.all([getTranslations("channelActivity.events"), getFormatter()]);
  if (events.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "long", timeZone });
  return (
    <Table data-testid="activity-events">
      <caption className="sr-only">{t("caption")}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("columns.time")}</TableHead>
          <TableHead>{t("columns.kind")}</TableHead>
          <TableHead>{t("columns.type")}</TableHead>
          <TableHead>{t("columns.from")}</TableHead>
          <TableHead>{t("columns.to")}</TableHead>
          <TableHead>{t("columns.text")}</TableHead>
          <TableHead>{t("columns.status")}</TableHead>
          <TableHead>{t("columns.error")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {events.map((event) => (
          <TableRow key={event.id} data-testid="activity-event">
            <TableCell className="whitespace-nowrap">
              <time dateTime={event.occurredAt.toISOString()}>{when(event.occurredAt)}</time>
            </TableCell>
            <TableCell>{t(`kinds.${event.kind}`)}</TableCell>
            <TableCell className="font-mono text-xs">{event.type}</TableCell>
            <TableCell>
              {event.fromAddress}
              {event.senderName ? <span className="block text-xs text-slate-600">{event.senderName}</span> : null}
            </TableCell>
            <TableCell>{event.toAddress}</TableCell>
            <TableCell className="max-w-xs break-words">
              {event.text}
              {event.textTruncated ? <span className="text-xs text-slate-500"> {t("shortened")}</span> : null}
            </TableCell>
            <TableCell>{event.status ? (isDeliveryStatus(event.status) ? t(`statuses.${event.status}`) : event.status) : null}</TableCell>
            <TableCell className="max-w-xs break-words text-xs">{[event.errorCode, event.errorReason].filter(Boolean).join(" · ")}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
