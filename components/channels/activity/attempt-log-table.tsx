import { getFormatter, getTranslations } from "next-intl/server";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import type { ActivityAttempt } from "@/db/queries/channel-activity";
import type { WebhookOutcome } from "@/db/schema/webhooks";
import { isWebhookReason } from "@/lib/webhooks/reasons";

const OUTCOME_BADGE = {
  accepted: "success",
  verified: "success",
  duplicate: "default",
  rejected: "danger",
} as const satisfies Record<WebhookOutcome, "success" | "default" | "danger">;

/**
 * The webhook attempt log, newest first: every call, accepted or rejected and why, and which of the
 * channel's secrets verified it (the previous one only during a secret grace period).
 */
export async function AttemptLogTable({ attempts, timeZone }: { attempts: ActivityAttempt[]; timeZone: string }) {
  const [t, format] = await Promise.all([getTranslations("channelActivity"), getFormatter()]);
  if (attempts.length === 0) return <p className="text-sm text-slate-600">{t("attempts.empty")}</p>;
  const when = (date: Date) => format.dateTime(date, { dateStyle: "medium", timeStyle: "long", timeZone });
  const reasonText = (reason: string) => (isWebhookReason(reason) ? t(`reasons.${reason}`) : t("reasons.other", { code: reason }));
  return (
    <Table data-testid="webhook-attempts">
      <caption className="sr-only">{t("attempts.caption")}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>{t("attempts.columns.time")}</TableHead>
          <TableHead>{t("attempts.columns.url")}</TableHead>
          <TableHead>{t("attempts.columns.outcome")}</TableHead>
          <TableHead>{t("attempts.columns.statusCode")}</TableHead>
          <TableHead>{t("attempts.columns.reason")}</TableHead>
          <TableHead>{t("attempts.columns.credential")}</TableHead>
          <TableHead>{t("attempts.columns.events")}</TableHead>
          <TableHead>{t("attempts.columns.duration")}</TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {attempts.map((attempt) => (
          <TableRow key={attempt.id} data-testid="webhook-attempt">
            <TableCell className="whitespace-nowrap">
              <time dateTime={attempt.at.toISOString()}>{when(attempt.at)}</time>
            </TableCell>
            <TableCell>
              {t(`endpoints.${attempt.endpoint}`)} <span className="font-mono text-xs text-slate-600">{attempt.method}</span>
            </TableCell>
            <TableCell>
              <Badge variant={OUTCOME_BADGE[attempt.outcome]}>{t(`attempts.outcomes.${attempt.outcome}`)}</Badge>
            </TableCell>
            <TableCell className="tabular-nums">{attempt.statusCode}</TableCell>
            <TableCell>
              {attempt.reason ? reasonText(attempt.reason) : null}
              {attempt.suppressed > 0 ? (
                <span className="block text-xs text-slate-600">{t("attempts.suppressed", { count: attempt.suppressed })}</span>
              ) : null}
            </TableCell>
            <TableCell data-testid="attempt-credential">
              {attempt.credential ? (
                <Badge variant={attempt.credential === "previous" ? "warning" : "default"}>{t(`attempts.credentials.${attempt.credential}`)}</Badge>
              ) : null}
            </TableCell>
            <TableCell className="text-xs">
              {attempt.outcome === "accepted" || attempt.outcome === "duplicate"
                ? t("attempts.events", { stored: attempt.stored, duplicates: attempt.duplicates, ignored: attempt.ignored })
                : null}
            </TableCell>
            <TableCell className="whitespace-nowrap tabular-nums">{t("attempts.duration", { ms: attempt.durationMs })}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
