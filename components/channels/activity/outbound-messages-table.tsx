import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { OutboundMessageListItem } from "@/db/queries/outbound-messages";
import { isOutboundSettled } from "@/lib/channels/outbound-view";
import { DELIVERY_STATUSES, type DeliveryStatus } from "@/lib/webhooks/status-order";
import { ServerAutoRefresh } from "@/components/console/server-auto-refresh";

/** A message that never settles (no reports from the provider) must not keep a tab polling for ever. */
const OUTBOUND_REFRESH_GIVE_UP_MS = 10 * 60_000;

const isDeliveryStatus = (value: string): value is DeliveryStatus => (DELIVERY_STATUSES as readonly string[]).includes(value);

/** Our own codes and Meta's 131047 get one sentence on what happened and what to do. */
const HINTS: Record<string, "outsideWindow" | "interrupted" | "outcomeUnknown"> = { "131047": "outsideWindow", interrupted: "interrupted", "outcome-unknown": "outcomeUnknown" };

/** The channel's outbound messages: the console's status (queued → sending → accepted | failed), then the provider's reports. */
export async function OutboundMessagesTable({
  messages,
  timeZone,
  reportsDelivery,
}: {
  messages: OutboundMessageListItem[];
  timeZone: string;
  /** false for Telegram: the Bot API reports nothing after a message is accepted. */
  reportsDelivery: boolean;
}) {
  const [t, ts, format] = await Promise.all([getTranslations("channelActivity.outbound"), getTranslations("channelActivity.events.statuses"), getFormatter()]);
  const active = messages.some((message) => !isOutboundSettled(message, reportsDelivery));
  if (messages.length === 0) return <p className="text-sm text-slate-600">{t("empty")}</p>;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "long", timeZone });
  return (
    <>
      <ServerAutoRefresh active={active} label={t("refreshing")} testId="outbound-refreshing" giveUpAfterMs={OUTBOUND_REFRESH_GIVE_UP_MS} />
      <Table data-testid="outbound-messages">
        <caption className="sr-only">{t("caption")}</caption>
        <TableHeader>
          <TableRow>
            <TableHead>{t("columns.time")}</TableHead>
            <TableHead>{t("columns.kind")}</TableHead>
            <TableHead>{t("columns.recipient")}</TableHead>
            <TableHead>{t("columns.status")}</TableHead>
            <TableHead>{t("columns.delivery")}</TableHead>
            <TableHead>{t("columns.error")}</TableHead>
            <TableHead>{t("columns.attempts")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {messages.map((message) => {
            const code = message.deliveryErrorCode ?? message.errorCode;
            const words = message.deliveryErrorCode ? message.deliveryErrorReason : message.errorMessage;
            const hint = code && HINTS[code];
            return (
              <TableRow key={message.id} data-testid="outbound-message" data-message-id={message.id}>
                <TableCell className="whitespace-nowrap">
                  <time dateTime={message.createdAt.toISOString()}>{when(message.createdAt)}</time>
                </TableCell>
                <TableCell>
                  {t(`kinds.${message.kind}`)}
                  {message.templateName ? <span className="block font-mono text-xs text-slate-600">{message.templateName}</span> : null}
                </TableCell>
                <TableCell className="font-mono text-xs">{message.recipient}</TableCell>
                <TableCell data-testid="outbound-status">
                  <Badge variant={message.status === "failed" ? "danger" : message.status === "accepted" ? "success" : "default"}>{t(`statuses.${message.status}`)}</Badge>
                  {message.status === "queued" && message.errorCode ? <span className="block text-xs text-slate-600">{t("retrying", { code: message.errorCode })}</span> : null}
                </TableCell>
                <TableCell data-testid="outbound-delivery">
                  {message.deliveryStatus ? (isDeliveryStatus(message.deliveryStatus) ? ts(message.deliveryStatus) : message.deliveryStatus) : null}
                </TableCell>
                <TableCell className="max-w-xs break-words text-xs" data-testid="outbound-error">
                  {message.status === "failed" || message.deliveryErrorCode ? [code, words].filter(Boolean).join(" · ") : null}
                  {(message.status === "failed" || message.deliveryErrorCode) && hint ? <span className="mt-1 block text-slate-700">{t(`hints.${hint}`)}</span> : null}
                </TableCell>
                <TableCell>{message.attempts}</TableCell>
              </TableRow>
            );
          })}
        </TableBody>
      </Table>
    </>
  );
}
