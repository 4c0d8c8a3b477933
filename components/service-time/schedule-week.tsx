import { useFormatter, useTranslations } from "next-intl";
import { Badge } from "@/components/ui/badge";
import type { ScheduleDay } from "@/lib/service-time/schedule";
import { segmentBar } from "@/lib/service-time/schedule-view";
import { utcDate } from "./format";

const TICKS = [0, 6, 12, 18, 24];

/**
 * Seven days of open hours: each day's segments as bars on a 0–24 h scale (decoration only) and as
 * text, non-working days named. Stacks label over bar, so it fits 390 px.
 */
export function ScheduleWeek({ week, today }: { week: readonly ScheduleDay[]; today?: string }) {
  const t = useTranslations("schedule.week");
  const format = useFormatter();
  const label = (date: string) => format.dateTime(utcDate(date), { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
  const fullDate = (date: string) => format.dateTime(utcDate(date), { dateStyle: "full", timeZone: "UTC" });

  return (
    <div className="grid gap-2" data-testid="schedule-week">
      <p className="sr-only">{t("caption")}</p>
      <div aria-hidden="true" className="grid sm:grid-cols-[10rem_minmax(0,1fr)] sm:gap-3">
        <span className="hidden text-xs text-slate-500 sm:block">{t("scale")}</span>
        {/* Evenly spaced ticks: justify-between puts 0 and 24 at the ends and the rest between. */}
        <div className="flex justify-between text-xs tabular-nums text-slate-500">
          {TICKS.map((hour) => (
            <span key={hour}>{hour}</span>
          ))}
        </div>
      </div>
      <ol className="grid gap-3 sm:gap-2" aria-label={t("caption")}>
        {week.map((day) => (
          <li
            key={day.date}
            className="grid min-w-0 gap-1 sm:grid-cols-[10rem_minmax(0,1fr)] sm:items-center sm:gap-3"
            data-testid="schedule-day"
            data-date={day.date}
            data-non-working={day.nonWorking}
          >
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">
                <time dateTime={day.date} title={fullDate(day.date)}>
                  {label(day.date)}
                </time>
                {day.date === today ? <span className="font-normal text-slate-500"> · {t("today")}</span> : null}
              </span>
              {day.nonWorking ? <Badge variant="warning">{t("nonWorking")}</Badge> : null}
            </div>
            <div className="grid min-w-0 gap-1">
              <div
                aria-hidden="true"
                className={`relative h-3 w-full overflow-hidden rounded ${day.nonWorking ? "border border-dashed border-amber-400 bg-amber-50" : "bg-slate-100"}`}
              >
                {day.hours.map((hours) => {
                  const bar = segmentBar(hours);
                  return (
                    <span
                      key={`${hours.start}-${hours.end}`}
                      className="absolute inset-y-0 bg-green-600"
                      style={{ left: `${bar.left}%`, width: `${bar.width}%` }}
                    />
                  );
                })}
              </div>
              <p className="text-xs text-slate-600" data-testid="schedule-day-hours">
                {day.hours.length > 0 ? t("hours", { hours: format.list(day.hours.map((h) => `${h.start}–${h.end}`)) }) : t("closedAllDay")}
              </p>
            </div>
          </li>
        ))}
      </ol>
    </div>
  );
}
