import { effectiveTokenState, type CheckedTokenStatus } from "@/lib/channels/token-validity";

/*
 * What runs out soon: Meta access tokens and the tenant's certificates that expire within
 * EXPIRY_HORIZON_DAYS or already have, soonest first. A token Meta calls invalid is listed first of
 * all: it stopped working already, whatever its date says.
 */

export const EXPIRY_HORIZON_DAYS = 30;
const DAY_MS = 86_400_000;

/** The latest moment a certificate may expire and still be listed (the query's bound). */
export function expiryHorizon(now: Date): Date {
  return new Date(now.getTime() + EXPIRY_HORIZON_DAYS * DAY_MS);
}

export interface TokenInput {
  channelId: string;
  channelName: string;
  /** Meta's debug_token answer, when one is stored. */
  status: CheckedTokenStatus | null;
  /** The Token validity typed into the wizard ("never" or YYYY-MM-DD). */
  entered: unknown;
}

export interface CertificateInput {
  id: string;
  name: string;
  kind: "trust" | "identity";
  notAfter: Date;
}

export type ExpiringItem =
  | { type: "token"; id: string; name: string; state: "expired" | "expiring"; expiresAt: Date; daysLeft: number }
  | { type: "token"; id: string; name: string; state: "invalid"; expiresAt: null; daysLeft: null }
  | { type: "certificate"; id: string; name: string; kind: "trust" | "identity"; state: "expired" | "expiring"; expiresAt: Date; daysLeft: number };

function tokenItem(token: TokenInput, now: Date): ExpiringItem | null {
  const state = effectiveTokenState(token.status, token.entered, now);
  const base = { type: "token" as const, id: token.channelId, name: token.channelName };
  if (!state) return null;
  if (state.kind === "invalid") return { ...base, state: "invalid", expiresAt: null, daysLeft: null };
  if (state.kind === "expired") return { ...base, state: "expired", expiresAt: new Date(`${state.expiresOn}T00:00:00Z`), daysLeft: 0 };
  if ((state.kind === "valid" || state.kind === "expiring") && state.daysLeft <= EXPIRY_HORIZON_DAYS) {
    return { ...base, state: "expiring", expiresAt: new Date(`${state.expiresOn}T00:00:00Z`), daysLeft: state.daysLeft };
  }
  return null;
}

function certificateItem(certificate: CertificateInput, now: Date): ExpiringItem | null {
  const left = certificate.notAfter.getTime() - now.getTime();
  if (left > EXPIRY_HORIZON_DAYS * DAY_MS) return null;
  const base = { type: "certificate" as const, id: certificate.id, name: certificate.name, kind: certificate.kind, expiresAt: certificate.notAfter };
  return left <= 0 ? { ...base, state: "expired", daysLeft: 0 } : { ...base, state: "expiring", daysLeft: Math.floor(left / DAY_MS) };
}

export function expiringItems(tokens: readonly TokenInput[], certificates: readonly CertificateInput[], now: Date): ExpiringItem[] {
  const items = [...tokens.map((token) => tokenItem(token, now)), ...certificates.map((certificate) => certificateItem(certificate, now))];
  return items
    .filter((item): item is ExpiringItem => item !== null)
    .sort((a, b) => (a.expiresAt?.getTime() ?? -Infinity) - (b.expiresAt?.getTime() ?? -Infinity) || a.name.localeCompare(b.name));
}
