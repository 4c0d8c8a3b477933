import type { WebhookEndpoint } from "@/db/schema/webhooks";

/*
 * The Channel Integration step's live status of one webhook URL, from its webhook_endpoint_status
 * row: "waiting for the first call" until an authenticated call (or, for the cloud-api URL, Meta's
 * verification handshake) arrives, then "receiving, last call at …"; and the last rejection with
 * its reason while it is newer than the last good call, or when there never was one.
 */

/** One URL's row as JSON (ISO times), what the webhook-status route answers and the page starts from. */
export interface EndpointStatusSnapshot {
  endpoint: WebhookEndpoint;
  lastAcceptedAt: string | null;
  verifiedAt: string | null;
  lastRejectedAt: string | null;
  lastRejectionReason: string | null;
}

export interface LiveStatus {
  state: "waiting" | "receiving";
  /** The newest accepted call or verification; null while waiting. */
  lastCallAt: string | null;
  /** Meta's GET handshake, when it happened. */
  verifiedAt: string | null;
  rejection: { at: string; reason: string } | null;
}

const newest = (...times: (string | null)[]) =>
  times.reduce<string | null>((best, time) => (time !== null && (best === null || Date.parse(time) > Date.parse(best)) ? time : best), null);

export function liveStatusOf(snapshot: EndpointStatusSnapshot | undefined): LiveStatus {
  if (!snapshot) return { state: "waiting", lastCallAt: null, verifiedAt: null, rejection: null };
  const lastCallAt = newest(snapshot.lastAcceptedAt, snapshot.verifiedAt);
  const { lastRejectedAt, lastRejectionReason } = snapshot;
  const rejectionShown = lastRejectedAt !== null && (lastCallAt === null || Date.parse(lastRejectedAt) > Date.parse(lastCallAt));
  return {
    state: lastCallAt === null ? "waiting" : "receiving",
    lastCallAt,
    verifiedAt: snapshot.verifiedAt,
    rejection: rejectionShown ? { at: lastRejectedAt, reason: lastRejectionReason ?? "rejected" } : null,
  };
}

/** A row as the route sends it: Dates become ISO strings. */
export function toSnapshot(row: {
  endpoint: WebhookEndpoint;
  lastAcceptedAt: Date | null;
  verifiedAt: Date | null;
  lastRejectedAt: Date | null;
  lastRejectionReason: string | null;
}): EndpointStatusSnapshot {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return {
    endpoint: row.endpoint,
    lastAcceptedAt: iso(row.lastAcceptedAt),
    verifiedAt: iso(row.verifiedAt),
    lastRejectedAt: iso(row.lastRejectedAt),
    lastRejectionReason: row.lastRejectionReason,
  };
}
