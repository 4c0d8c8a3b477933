/*
 * The grace periods an administrator can choose, without anything server-only: the notice's client
 * form reads them too (lib/channels/secret-grace.ts holds the rest, with the crypto).
 */

export const GRACE_PERIODS = ["1h", "24h", "7d"] as const;
export type GracePeriod = (typeof GRACE_PERIODS)[number];
/** Applied on every save that replaces a webhook secret; the admin may then shorten, lengthen or end it. */
export const DEFAULT_GRACE_PERIOD: GracePeriod = "24h";

const HOUR = 60 * 60 * 1000;
export const GRACE_PERIOD_MS: Record<GracePeriod, number> = { "1h": HOUR, "24h": 24 * HOUR, "7d": 7 * 24 * HOUR };
