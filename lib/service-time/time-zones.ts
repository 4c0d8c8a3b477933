import { DEFAULT_TIME_ZONE } from "@/db/defaults";

export { DEFAULT_TIME_ZONE };

let cached: readonly string[] | null = null;
let cachedSet: ReadonlySet<string> | null = null;

/**
 * The IANA time zones this runtime's Intl knows, with "UTC" (the default, which
 * `Intl.supportedValuesOf` leaves out) first. Both the select's options and the check below use
 * it, so a stored zone is always one `Intl.DateTimeFormat` accepts.
 */
export function supportedTimeZones(): readonly string[] {
  cached ??= [DEFAULT_TIME_ZONE, ...Intl.supportedValuesOf("timeZone").filter((zone) => zone !== DEFAULT_TIME_ZONE)];
  return cached;
}

export function isSupportedTimeZone(value: string): boolean {
  cachedSet ??= new Set(supportedTimeZones());
  return cachedSet.has(value);
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * A cached formatter whose parts are a zone's wall clock: year, month, day, 24-hour hour, minute
 * and second. Throws a RangeError for a zone Intl does not know; stored zones are validated on save.
 */
export function wallClockFormat(timeZone: string): Intl.DateTimeFormat {
  let format = wallClockFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat("en-US", {
      timeZone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
      hourCycle: "h23",
    });
    wallClockFormats.set(timeZone, format);
  }
  return format;
}
