import type { DeliveryState, DeliveryStatus } from "@/db/schema/webhooks";

/*
 * Delivery statuses arrive out of order and more than once (protocols.md §0: "read" before
 * "delivered", provider retries). They are applied monotonically: a status only ever moves a
 * message forward, and a failure is final and keeps its error.
 */

// The statuses themselves are the vocabulary of the tables' columns (db/schema); their order is this file's rule.
export { DELIVERY_STATUSES, type DeliveryStatus } from "@/db/schema/webhooks";

/** Failures are terminal: nothing moves a message out of them. */
export const TERMINAL_STATUSES: ReadonlySet<DeliveryStatus> = new Set(["failed", "undelivered"]);

/**
 * The progress order. "played" (a voice message was listened to) comes after "read". "accepted"
 * and "queued" are the same step seen by different providers. "unknown" (a value we do not know)
 * has no rank: it is stored with its event but never changes a message's status.
 */
const RANK: Record<Exclude<DeliveryStatus, "failed" | "undelivered" | "unknown">, number> = {
  accepted: 0,
  queued: 0,
  sent: 1,
  delivered: 2,
  read: 3,
  played: 4,
};

/** A message's status, with the error code and reason of a failure. */
export type StatusState = DeliveryState;

export interface StatusTransition {
  /** Null only when nothing was recorded and `incoming` was unknown. */
  state: StatusState | null;
  /** False when `incoming` was stale, a repeat, or unknown: nothing to write. */
  changed: boolean;
}

export function isTerminalStatus(status: DeliveryStatus): boolean {
  return TERMINAL_STATUSES.has(status);
}

/**
 * The status a message should have after `incoming` arrives, given its `current` one (null when
 * no status was recorded yet):
 * - an unknown status changes nothing;
 * - a failure (failed / undelivered) replaces any progress status, with its error code and reason;
 * - once failed, the message stays failed; a later failure report only fills in an error code or
 *   reason that is still missing;
 * - otherwise the higher rank wins, so a late "delivered" never overrides "read".
 */
export function nextStatus(current: StatusState | null, incoming: StatusState): StatusTransition {
  if (incoming.status === "unknown") return { state: current, changed: false };
  if (!current || current.status === "unknown") return { state: clean(incoming), changed: true };

  if (isTerminalStatus(current.status)) {
    if (!isTerminalStatus(incoming.status)) return { state: current, changed: false };
    const filled: StatusState = {
      ...current,
      errorCode: current.errorCode ?? incoming.errorCode,
      errorReason: current.errorReason ?? incoming.errorReason,
    };
    const changed = filled.errorCode !== current.errorCode || filled.errorReason !== current.errorReason;
    return { state: changed ? clean(filled) : current, changed };
  }

  if (isTerminalStatus(incoming.status)) return { state: clean(incoming), changed: true };
  const rankOf = (s: DeliveryStatus) => RANK[s as keyof typeof RANK];
  return rankOf(incoming.status) > rankOf(current.status) ? { state: clean(incoming), changed: true } : { state: current, changed: false };
}

/**
 * Applies statuses in arrival order; `changed` when any of them changed the state. The webhook write
 * path folds each message's new reports with it (db/queries/webhook-ingest, StatusFold).
 */
export function foldStatusTransitions(current: StatusState | null, incoming: readonly StatusState[]): StatusTransition {
  let state = current;
  let changed = false;
  for (const next of incoming) {
    const step = nextStatus(state, next);
    state = step.state;
    changed ||= step.changed;
  }
  return { state, changed };
}

/** The state alone after a fold (tests and batch replays). */
export function foldStatuses(current: StatusState | null, incoming: readonly StatusState[]): StatusState | null {
  return foldStatusTransitions(current, incoming).state;
}

/** Progress statuses carry no error; absent fields stay absent (stable equality in tests and JSON). */
function clean(state: StatusState): StatusState {
  const out: StatusState = { status: state.status };
  if (isTerminalStatus(state.status)) {
    if (state.errorCode !== undefined) out.errorCode = state.errorCode;
    if (state.errorReason !== undefined) out.errorReason = state.errorReason;
  }
  return out;
}
