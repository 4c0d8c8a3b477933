import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import { LOOKAHEAD_DAYS } from "@/lib/service-time/schedule";
import { relativeDay, type ScheduleView } from "@/lib/service-time/schedule-view";

/**
 * "Open now — closes 17:00" / "Closed — opens Monday 09:00": times in the tenant's zone, words in
 * the reader's language. Renders on the server (channel pages) and in the browser (wizard preview).
 */
export function ScheduleStatusLine({ view, live = false }: { view: Pick<ScheduleView, "at" | "status" | "timeZone">; live?: boolean }) {
  const t = useTranslations("schedule");
  const format = useFormatter();
  const { status, timeZone } = view;
  const now = new Date(view.at);

  const when = (iso: string, closing: boolean) => {
    const instant = new Date(iso);
    const time = format.dateTime(instant, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone });
    switch (relativeDay(instant, now, timeZone)) {
      // "closes 17:00" but "opens today 09:00": a closing time is today's unless it says otherwise.
      case "today":
        return t(closing ? "at.time" : "at.today", { time });
      case "tomorrow":
        return t("at.tomorrow", { time });
      case "weekday":
        return t("at.weekday", { time, weekday: format.dateTime(instant, { weekday: "long", timeZone }) });
      default:
        return t("at.date", { time, date: format.dateTime(instant, { weekday: "short", day: "numeric", month: "short", timeZone }) });
    }
  };

  const text = status.open
    ? status.closesAt
      ? t("status.openUntil", { when: when(status.closesAt, true) })
      : t("status.openNoEnd")
    : status.opensAt
      ? t("status.closedOpens", { when: when(status.opensAt, false) })
      : t("status.closedNoOpening", { count: LOOKAHEAD_DAYS });

  return (
    <p className="flex items-center gap-2 text-sm font-medium" data-testid="schedule-status" data-open={status.open} aria-live={live ? "polite" : undefined}>
      <Badge variant={status.open ? "success" : "default"} aria-hidden="true">
        {status.open ? "●" : "○"}
      </Badge>
      <span>{text}</span>
    </p>
  );
}
