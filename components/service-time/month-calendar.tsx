import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { buttonVariants } from "@/components/ui/button";
import { gridBounds, monthOf, monthWeeks, nonWorkingDatesInMonth, nonWorkingLabelsByDate, shiftMonth, type Month } from "@/lib/service-time/calendar";
import type { DateRange } from "@/lib/service-time/work-time";
import { cn } from "@/lib/utils";
import { utcDate } from "./format";

/**
 * One month as a Monday-first grid: non-working days highlighted with their labels, today
 * outlined. Days of the neighbouring months fill the first and last week, dimmed.
 */
export async function MonthCalendar({
  month,
  today,
  ranges,
  hrefFor,
}: {
  month: Month;
  /** Today in the tenant's time zone, "YYYY-MM-DD". */
  today: string;
  ranges: (DateRange & { label: string })[];
  hrefFor: (month: Month) => string;
}) {
  const [t, format] = await Promise.all([getTranslations("serviceTime.month"), getFormatter()]);
  const weeks = monthWeeks(month);
  const { first, last } = gridBounds(month);
  const labels = nonWorkingLabelsByDate(ranges, first, last);
  const title = format.dateTime(utcDate(`${month}-01`), { month: "long", year: "numeric", timeZone: "UTC" });
  const inMonth = nonWorkingDatesInMonth(ranges, month).length;
  const weekday = (date: string, style: "short" | "long") => format.dateTime(utcDate(date), { weekday: style, timeZone: "UTC" });
  const fullDate = (date: string) => format.dateTime(utcDate(date), { dateStyle: "full", timeZone: "UTC" });
  const navLink = (target: Month, label: string) => (
    <Link href={hrefFor(target)} className={buttonVariants({ variant: "outline", size: "sm" })} scroll={false}>
      {label}
    </Link>
  );

  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h3 className="text-lg font-semibold" data-testid="calendar-month">
          {title}
        </h3>
        <nav aria-label={t("navigation")} className="flex gap-2">
          {navLink(shiftMonth(month, -1), t("previous"))}
          {month !== monthOf(today) ? navLink(monthOf(today), t("current")) : null}
          {navLink(shiftMonth(month, 1), t("next"))}
        </nav>
      </div>
      {/* Focusable: on a phone the month scrolls sideways, by keyboard too (axe: scrollable-region-focusable). */}
      <div tabIndex={0} className="overflow-x-auto focus-visible:outline-2 focus-visible:outline-blue-600">
        <table className="w-full min-w-[32rem] table-fixed border-collapse text-sm" data-testid="month-calendar">
          <caption className="sr-only">{title}</caption>
          <thead>
            <tr>
              {weeks[0]!.map((day) => (
                <th key={day.date} scope="col" abbr={weekday(day.date, "long")} className="pb-1 text-center text-xs font-medium text-slate-500">
                  {weekday(day.date, "short")}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {weeks.map((week) => (
              <tr key={week[0]!.date}>
                {week.map((day) => {
                  const dayLabels = labels.get(day.date) ?? [];
                  const nonWorking = dayLabels.length > 0;
                  const isToday = day.date === today;
                  return (
                    <td
                      key={day.date}
                      data-date={day.date}
                      data-non-working={nonWorking || undefined}
                      aria-current={isToday ? "date" : undefined}
                      className={cn(
                        "h-20 border border-slate-200 p-1 align-top sm:p-1.5",
                        nonWorking ? "bg-amber-50" : "bg-white",
                        !day.inMonth && "bg-slate-50 text-slate-600",
                        !day.inMonth && nonWorking && "bg-amber-50/50",
                        isToday && "outline-2 -outline-offset-2 outline-blue-600",
                      )}
                    >
                      <div className="flex items-center justify-between gap-1">
                        <time
                          dateTime={day.date}
                          title={fullDate(day.date)}
                          className={cn(
                            "inline-flex size-6 items-center justify-center rounded-full text-xs font-medium",
                            isToday && "bg-blue-600 text-white",
                            nonWorking && !isToday && day.inMonth && "text-amber-900",
                          )}
                        >
                          {day.dayOfMonth}
                        </time>
                        {isToday ? <span className="text-[10px] font-semibold uppercase text-blue-700">{t("today")}</span> : null}
                      </div>
                      {nonWorking ? <span className="sr-only">{t("nonWorking")}: </span> : null}
                      <ul className={cn("mt-1 grid gap-0.5", !day.inMonth && "opacity-60")}>
                        {dayLabels.map((label, index) => (
                          <li
                            key={index}
                            title={label}
                            className="line-clamp-3 break-words rounded bg-amber-200/70 px-1 text-[11px] leading-4 text-amber-950"
                          >
                            {label}
                          </li>
                        ))}
                      </ul>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex flex-wrap items-center justify-between gap-3 text-xs text-slate-600">
        <p>{inMonth === 0 ? t("noneInMonth", { month: title }) : t("inMonth", { total: inMonth, month: title })}</p>
        <ul aria-label={t("legend")} className="flex gap-4">
          <li className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-3 rounded-sm border border-amber-300 bg-amber-100" />
            {t("nonWorking")}
          </li>
          <li className="flex items-center gap-1.5">
            <span aria-hidden className="inline-block size-3 rounded-full bg-blue-600" />
            {t("today")}
          </li>
        </ul>
      </div>
    </div>
  );
}
