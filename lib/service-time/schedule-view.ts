import { MINUTES_PER_DAY, timeToMinutes } from "@/lib/validations/work-time-limits";
import { addDays, scheduleStatus, scheduleWeek, type ChannelSchedule, type ScheduleDay } from "./schedule";
import { localDateTime, type WorkCalendar } from "./work-time";

/*
 * What the schedule components draw, as plain data (instants as ISO strings) so a server page can
 * hand it to the browser. Pure and zod-free: the wizard's work-time step computes it on every edit.
 */

export type ScheduleStatusView =
  | { open: true; closesAt: string | null }
  | { open: false; since: string | null; opensAt: string | null };

export interface ScheduleView {
  timeZone: string;
  /** The instant the view was computed for. */
  at: string;
  status: ScheduleStatusView;
  week: ScheduleDay[];
}

/** The tenant calendar as the browser gets it (a window of non-working days, see channel-schedule.ts). */
export interface ScheduleCalendar extends WorkCalendar {
  nonWorkingDays: { startDate: string; endDate: string }[];
}

/** The calendar with the server's instant, so the browser's first render matches the server's. */
export interface ScheduleCalendarSnapshot {
  calendar: ScheduleCalendar;
  now: string;
}

export function scheduleView(now: Date, schedule: ChannelSchedule): ScheduleView {
  const status = scheduleStatus(now, schedule);
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    timeZone: schedule.calendar.timeZone,
    at: now.toISOString(),
    status: status.open
      ? { open: true, closesAt: iso(status.closesAt) }
      : { open: false, since: iso(status.since), opensAt: iso(status.opensAt) },
    week: scheduleWeek(now, schedule),
  };
}

type Segment = { start?: unknown; end?: unknown } | null | undefined;

/**
 * The segments a form holds while being edited, without the ones that are not (yet) a valid
 * `[start, end)`: the preview shows what would be saved of the rest instead of failing.
 */
export function completeSegments(segments: readonly Segment[] | null | undefined): { start: string; end: string }[] {
  return (segments ?? []).flatMap((segment) => {
    const start = timeToMinutes(segment?.start);
    const end = timeToMinutes(segment?.end);
    if (start === null || end === null || start >= end) return [];
    return [{ start: segment!.start as string, end: segment!.end as string }];
  });
}

/**
 * How an instant is named relative to `now` in the tenant's zone: a time today, "tomorrow", a
 * weekday within the coming week, else a date.
 */
export type RelativeDay = "today" | "tomorrow" | "weekday" | "date";

export function relativeDay(instant: Date, now: Date, timeZone: string): RelativeDay {
  const day = localDateTime(instant, timeZone).date;
  const today = localDateTime(now, timeZone).date;
  if (day === today) return "today";
  if (day === addDays(today, 1)) return "tomorrow";
  return day < addDays(today, 7) ? "weekday" : "date";
}

/** A segment's place on the 0–24 h scale, in percent of the day. */
export function segmentBar(segment: { start: string; end: string }): { left: number; width: number } {
  const start = timeToMinutes(segment.start) ?? 0;
  const end = timeToMinutes(segment.end) ?? start;
  return { left: (start / MINUTES_PER_DAY) * 100, width: (Math.max(0, end - start) / MINUTES_PER_DAY) * 100 };
}
