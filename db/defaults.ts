/**
 * The time zone a tenant has until it saves its Service Time settings: what the query answers for
 * a tenant without a settings row, and the column's default (db/schema/service-time.ts).
 * lib/service-time/time-zones.ts re-exports it for the pages.
 */
export const DEFAULT_TIME_ZONE = "UTC";
