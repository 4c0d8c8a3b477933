/*
 * Calendar dates as the database stores them: "YYYY-MM-DD" strings, with no time and no zone.
 * Arithmetic goes through a day number (days since 1970-01-01) in UTC, where every day has 24 hours.
 */

const MS_PER_DAY = 86_400_000;

export function toDayNumber(date: string): number {
  return Math.floor(Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY);
}

export function fromDayNumber(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

export function addDays(date: string, days: number): string {
  return fromDayNumber(toDayNumber(date) + days);
}

/** How many days an inclusive range covers: a single date is 1. */
export function rangeLength(startDate: string, endDate: string): number {
  return toDayNumber(endDate) - toDayNumber(startDate) + 1;
}

/** Monday = 0 … Sunday = 6 (ISO 8601 order; the month view's weeks start on Monday). */
export function isoWeekday(date: string): number {
  return (new Date(toDayNumber(date) * MS_PER_DAY).getUTCDay() + 6) % 7;
}
