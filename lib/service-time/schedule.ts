import type { WorkTimeSegment } from "@/lib/validations/work-time";
import { timeToMinutes } from "@/lib/validations/work-time-limits";
import { isNonWorkingDate, localDateTime, type WorkCalendar } from "./work-time";

/*
 * A channel's open hours as real instants: its work-time segments laid on the tenant's calendar
 * (time zone, non-working days). Answers "closed since when?" (the automatic reply's once-per-
 * closed-period key), "opens when?" and the week view. Pure; the day intervals of one schedule
 * object are memoised, because the webhook path asks for every customer message.
 */

export interface ChannelSchedule {
  workTime: { workday: readonly WorkTimeSegment[]; nonWorkday: readonly WorkTimeSegment[] };
  calendar: WorkCalendar;
}

/** [start, end) in epoch milliseconds. */
export interface Interval {
  start: number;
  end: number;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** How far back a closed period is traced; a channel closed longer than this keys its replies by local day. */
export const LOOKBACK_DAYS = 14;
/** How far ahead "opens …" looks (a long non-working range with no non-workday segments). */
export const LOOKAHEAD_DAYS = 400;

/** "YYYY-MM-DD" ± days, in calendar arithmetic (no zone involved). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function wallClockMs(instant: number, timeZone: string): number {
  const local = localDateTime(new Date(instant), timeZone);
  return Date.parse(`${local.date}T00:00:00Z`) + local.minuteOfDay * MINUTE;
}

/**
 * The instant at which the zone's wall clock shows `date` + `minute` (1440 = the next midnight).
 * Like Temporal's "compatible" disambiguation: a time repeated when clocks go back is its first
 * occurrence; a time skipped when clocks go forward is moved forward by the gap (02:30 → 03:30).
 */
export function zonedInstant(date: string, minute: number, timeZone: string): number {
  const naive = Date.parse(`${date}T00:00:00Z`) + minute * MINUTE;
  // The zone's offsets a day either side cover any one transition near `naive`.
  const before = wallClockMs(naive - DAY, timeZone) - (naive - DAY);
  const after = wallClockMs(naive + DAY, timeZone) - (naive + DAY);
  const matches = [...new Set([before, after])].map((offset) => naive - offset).filter((t) => wallClockMs(t, timeZone) === naive);
  if (matches.length > 0) return Math.min(...matches);
  return naive - before;
}

function segmentsOn(date: string, schedule: ChannelSchedule): readonly WorkTimeSegment[] {
  return isNonWorkingDate(date, schedule.calendar.nonWorkingDays) ? schedule.workTime.nonWorkday : schedule.workTime.workday;
}

const memo = new WeakMap<ChannelSchedule, Map<string, Interval[]>>();

/** The day's open intervals as instants, in order, touching ones merged. */
export function dayIntervals(date: string, schedule: ChannelSchedule): Interval[] {
  let days = memo.get(schedule);
  if (!days) memo.set(schedule, (days = new Map()));
  const known = days.get(date);
  if (known) return known;
  const intervals: Interval[] = [];
  const minutes = segmentsOn(date, schedule)
    .map((segment) => ({ start: timeToMinutes(segment.start), end: timeToMinutes(segment.end) }))
    .filter((s): s is { start: number; end: number } => s.start !== null && s.end !== null && s.start < s.end)
    .sort((a, b) => a.start - b.start);
  for (const segment of minutes) {
    const start = zonedInstant(date, segment.start, schedule.calendar.timeZone);
    const end = zonedInstant(date, segment.end, schedule.calendar.timeZone);
    if (end <= start) continue; // wholly inside a skipped hour
    const last = intervals.at(-1);
    if (last && start <= last.end) last.end = Math.max(last.end, end);
    else intervals.push({ start, end });
  }
  if (days.size > 64) days.clear();
  days.set(date, intervals);
  return intervals;
}

/** Open intervals of the local dates from..to (inclusive), merged across midnight (…–24:00 then 00:00–…). */
function intervalsBetween(from: string, to: string, schedule: ChannelSchedule): Interval[] {
  const merged: Interval[] = [];
  for (let date = from; date <= to; date = addDays(date, 1)) {
    for (const interval of dayIntervals(date, schedule)) {
      const last = merged.at(-1);
      if (last && interval.start <= last.end) last.end = Math.max(last.end, interval.end);
      else merged.push({ ...interval });
    }
  }
  return merged;
}

export type ScheduleStatus =
  | { open: true; closesAt: Date | null }
  | { open: false; since: Date | null; opensAt: Date | null };

/** The open interval holding `at`, merged with its neighbours from `from` to `to` (local dates). */
function openIntervalAt(at: number, from: string, to: string, schedule: ChannelSchedule): Interval | undefined {
  return intervalsBetween(from, to, schedule).find((interval) => interval.start <= at && at < interval.end);
}

/**
 * Open or closed at `instant`, with the instant it closes or closed (null: not within
 * LOOKBACK_DAYS / a week) and the next opening (null: not within LOOKAHEAD_DAYS). A segment covers
 * [start, end): at exactly its end the channel is closed.
 */
export function scheduleStatus(instant: Date, schedule: ChannelSchedule): ScheduleStatus {
  const at = instant.getTime();
  const today = localDateTime(instant, schedule.calendar.timeZone).date;
  if (openIntervalAt(at, addDays(today, -1), today, schedule)) {
    const open = openIntervalAt(at, addDays(today, -1), addDays(today, 7), schedule)!;
    return { open: true, closesAt: open.end > at + 7 * DAY ? null : new Date(open.end) };
  }
  return { open: false, since: closedSince(at, today, schedule), opensAt: nextOpening(at, today, schedule) };
}

function closedSince(at: number, today: string, schedule: ChannelSchedule): Date | null {
  for (let back = 0; back <= LOOKBACK_DAYS; back++) {
    const ended = dayIntervals(addDays(today, -back), schedule).filter((interval) => interval.end <= at);
    if (ended.length > 0) return new Date(ended.at(-1)!.end);
  }
  return null;
}

function nextOpening(at: number, today: string, schedule: ChannelSchedule): Date | null {
  for (let ahead = 0; ahead <= LOOKAHEAD_DAYS; ahead++) {
    const next = dayIntervals(addDays(today, ahead), schedule).find((interval) => interval.start > at);
    if (next) return new Date(next.start);
  }
  return null;
}

/**
 * The key of the closed period `instant` falls in, or null when the channel is open then. One
 * automatic reply per customer per key. A channel not open within LOOKBACK_DAYS (e.g. a long
 * non-working range with no non-workday hours) keys by the local date instead: one reply a day.
 */
export function closedPeriodKey(instant: Date, schedule: ChannelSchedule): string | null {
  const at = instant.getTime();
  const today = localDateTime(instant, schedule.calendar.timeZone).date;
  // Yesterday too: a segment ending at 24:00 runs into today's 00:00 one.
  if (openIntervalAt(at, addDays(today, -1), today, schedule)) return null;
  const since = closedSince(at, today, schedule);
  return since ? `closed-since:${since.toISOString()}` : `closed-day:${today}`;
}

export interface ScheduleDay {
  /** The local date, "YYYY-MM-DD". */
  date: string;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: number;
  nonWorking: boolean;
  /** The segments that apply that day, as entered (local wall-clock times). */
  hours: { start: string; end: string }[];
}

/** Seven local days from the one `instant` falls on: what the week view draws. */
export function scheduleWeek(instant: Date, schedule: ChannelSchedule, days = 7): ScheduleDay[] {
  const today = localDateTime(instant, schedule.calendar.timeZone).date;
  return Array.from({ length: days }, (_, i) => {
    const date = addDays(today, i);
    const nonWorking = isNonWorkingDate(date, schedule.calendar.nonWorkingDays);
    const hours = [...segmentsOn(date, schedule)]
      .filter((s) => (timeToMinutes(s.start) ?? 0) < (timeToMinutes(s.end) ?? 0))
      .sort((a, b) => (timeToMinutes(a.start) ?? 0) - (timeToMinutes(b.start) ?? 0))
      .map(({ start, end }) => ({ start, end }));
    return { date, weekday: new Date(`${date}T00:00:00Z`).getUTCDay(), nonWorking, hours };
  });
}
