export const DEFAULT_TIME_ZONE = "UTC";

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
