import type { WorkTime } from "@/lib/validations/work-time";
import { timeToMinutes } from "@/lib/validations/work-time-limits";
import { wallClockFormat } from "./time-zones";

/** A non-working day (startDate = endDate) or an inclusive range of them, as "YYYY-MM-DD". */
export interface DateRange {
  startDate: string;
  endDate: string;
}

/** What the tenant's Service Time page defines: its time zone and its non-working days. */
export interface WorkCalendar {
  timeZone: string;
  nonWorkingDays: readonly DateRange[];
}

export interface LocalDateTime {
  /** The local calendar date, "YYYY-MM-DD". */
  date: string;
  /** Whole minutes since local midnight, 0–1439. */
  minuteOfDay: number;
}

/** The wall-clock date and time of `instant` in `timeZone` (DST included, via Intl). */
export function localDateTime(instant: Date, timeZone: string): LocalDateTime {
  const parts: Record<string, string> = {};
  for (const part of wallClockFormat(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  // Some ICU versions spell midnight "24" even with h23.
  const hour = Number(parts.hour) % 24;
  return {
    date: `${parts.year!.padStart(4, "0")}-${parts.month}-${parts.day}`,
    minuteOfDay: hour * 60 + Number(parts.minute),
  };
}

/** Today's date in the tenant's time zone. */
export function todayIn(timeZone: string, now: Date = new Date()): string {
  return localDateTime(now, timeZone).date;
}

/** Whether `date` falls in one of the inclusive ranges ("YYYY-MM-DD" strings compare in calendar order). */
export function isNonWorkingDate(date: string, ranges: readonly DateRange[]): boolean {
  return ranges.some((range) => range.startDate <= date && date <= range.endDate);
}

/**
 * Is `instant` within the channel's agent work time? The instant becomes a local date and time in
 * the tenant's time zone; on a non-working day (from the tenant's calendar) the non-workday
 * segments apply, on any other day the workday segments. A segment covers [start, end), and an
 * end of 24:00 reaches to the end of the day.
 */
export function isWithinWorkTime(
  instant: Date,
  workTime: Pick<WorkTime, "workday" | "nonWorkday">,
  calendar: WorkCalendar,
): boolean {
  const { date, minuteOfDay } = localDateTime(instant, calendar.timeZone);
  const segments = isNonWorkingDate(date, calendar.nonWorkingDays) ? workTime.nonWorkday : workTime.workday;
  return segments.some((segment) => {
    const start = timeToMinutes(segment.start);
    const end = timeToMinutes(segment.end);
    return start !== null && end !== null && start <= minuteOfDay && minuteOfDay < end;
  });
}
