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

/** Meta's answer for the token (channel_token_status), as far as the warning needs it. */
export interface CheckedTokenStatus {
  isValid: "valid" | "invalid" | "unknown";
  expiresAt: Date | null;
  errorCode: string | null;
  errorMessage: string | null;
}

export type EffectiveTokenState =
  | (TokenValidityState & { source: "meta" | "entered" })
  | { kind: "invalid" | "unchecked"; source: "meta"; code: string | null; message: string | null };

/**
 * What the expiry warning rests on: Meta's debug_token answer when one is stored (its real expiry,
 * or that the token is not valid), else the date typed into the wizard. A stored check that could
 * not ask Meta ("unknown") is shown as such rather than silently replaced by the typed date.
 */
export function effectiveTokenState(status: CheckedTokenStatus | null, entered: unknown, now: Date = new Date()): EffectiveTokenState | null {
  if (!status) {
    const state = tokenValidityState(entered, now);
    return state && { ...state, source: "entered" };
  }
  if (status.isValid !== "valid") {
    return { kind: status.isValid === "invalid" ? "invalid" : "unchecked", source: "meta", code: status.errorCode, message: status.errorMessage };
  }
  if (!status.expiresAt) return { kind: "never", source: "meta" };
  // The last day the token works, as the typed date means it (UTC).
  return { ...tokenValidityState(status.expiresAt.toISOString().slice(0, 10), now)!, source: "meta" };
}
