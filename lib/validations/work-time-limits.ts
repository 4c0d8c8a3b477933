/* Work-time limits and the HH:MM reader without zod, for the wizard's editor and schedule preview in the first load (the schema is fetched to validate). */

export const MAX_SEGMENTS = 4;
export const MINUTES_PER_DAY = 24 * 60;

export const TIME_PATTERN = /^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Minutes since midnight of a valid `HH:MM` (`24:00` → 1440), or null for anything else. */
export function timeToMinutes(value: unknown): number | null {
  if (typeof value !== "string" || !TIME_PATTERN.test(value)) return null;
  return Number(value.slice(0, 2)) * 60 + Number(value.slice(3, 5));
}
