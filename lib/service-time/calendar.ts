import { addDays, fromDayNumber, isoWeekday, toDayNumber } from "./dates";
import type { DateRange } from "./work-time";

/*
 * The Service Time page's month view: a Monday-first grid of whole weeks around one month, and
 * which of its dates are non-working (with their labels).
 */

/** A month as in `?month=2026-12`. */
export type Month = string;

export interface CalendarDay {
  date: string;
  dayOfMonth: number;
  inMonth: boolean;
}

export function monthOf(date: string): Month {
  return date.slice(0, 7);
}

export function shiftMonth(month: Month, delta: number): Month {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 1 + delta;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** First and last date of the month. */
export function monthBounds(month: Month): { first: string; last: string } {
  const first = `${month}-01`;
  return { first, last: addDays(`${shiftMonth(month, 1)}-01`, -1) };
}

/** The weeks (Monday to Sunday) that contain the month's days; neighbouring days fill the edges. */
export function monthWeeks(month: Month): CalendarDay[][] {
  const { first, last } = monthBounds(month);
  const gridStart = addDays(first, -isoWeekday(first));
  const gridEnd = addDays(last, 6 - isoWeekday(last));
  const weeks: CalendarDay[][] = [];
  for (let day = gridStart; day <= gridEnd; day = addDays(day, 7)) {
    weeks.push(
      Array.from({ length: 7 }, (_, offset) => {
        const date = addDays(day, offset);
        return { date, dayOfMonth: Number(date.slice(8, 10)), inMonth: monthOf(date) === month };
      }),
    );
  }
  return weeks;
}

/** The first and last date the month's grid shows (whole weeks). */
export function gridBounds(month: Month): { first: string; last: string } {
  const weeks = monthWeeks(month);
  return { first: weeks[0]![0]!.date, last: weeks.at(-1)![6]!.date };
}

/**
 * For each date from `from` to `to` (inclusive) that is non-working: the labels of the ranges
 * that cover it, in the order given. Ranges may overlap (a holiday inside a company shutdown).
 */
export function nonWorkingLabelsByDate(
  ranges: readonly (DateRange & { label: string })[],
  from: string,
  to: string,
): Map<string, string[]> {
  const labels = new Map<string, string[]>();
  for (const range of ranges) {
    const start = Math.max(toDayNumber(range.startDate), toDayNumber(from));
    const end = Math.min(toDayNumber(range.endDate), toDayNumber(to));
    for (let day = start; day <= end; day++) {
      const date = fromDayNumber(day);
      const list = labels.get(date) ?? [];
      list.push(range.label);
      labels.set(date, list);
    }
  }
  return labels;
}

/** The dates of `month` that are non-working, in calendar order. */
export function nonWorkingDatesInMonth(ranges: readonly (DateRange & { label: string })[], month: Month): string[] {
  const { first, last } = monthBounds(month);
  return [...nonWorkingLabelsByDate(ranges, first, last).keys()].sort();
}
