import { isCalendarDate } from "@/lib/validations/channels/fields";

/*
 * A Meta access token's validity as the channel page shows it: the console warns from two weeks
 * before the date it was given. The date is the last day the token works (UTC).
 */

export const TOKEN_EXPIRY_WARNING_DAYS = 14;

export type TokenValidityState =
  | { kind: "never" }
  | { kind: "valid" | "expiring"; expiresOn: string; daysLeft: number }
  | { kind: "expired"; expiresOn: string };

const DAY_MS = 86_400_000;

export function tokenValidityState(validity: unknown, now: Date = new Date()): TokenValidityState | null {
  if (validity === "never") return { kind: "never" };
  if (typeof validity !== "string" || !isCalendarDate(validity)) return null;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const daysLeft = Math.round((Date.parse(`${validity}T00:00:00Z`) - today) / DAY_MS);
  if (daysLeft < 0) return { kind: "expired", expiresOn: validity };
  return { kind: daysLeft <= TOKEN_EXPIRY_WARNING_DAYS ? "expiring" : "valid", expiresOn: validity, daysLeft };
}
