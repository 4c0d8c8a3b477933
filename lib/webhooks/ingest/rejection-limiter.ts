/*
 * Rejected calls are logged at most once per window for each channel, URL and reason, so a flood
 * of bad signatures (or a provider hammering a disabled channel) cannot fill the database. The
 * next row that is written carries how many were left out since the previous one.
 */

export interface RejectionLimiterOptions {
  windowMs: number;
  /** Most (channel, URL, reason) keys remembered; the oldest are forgotten first. */
  maxKeys: number;
}

export interface RejectionDecision {
  log: boolean;
  /** Rejections not logged since the last logged one (only meaningful when `log`). */
  suppressed: number;
}

export interface RejectionLimiter {
  admit(key: string, now: number): RejectionDecision;
}

export function createRejectionLimiter({ windowMs, maxKeys }: RejectionLimiterOptions): RejectionLimiter {
  // Map keeps insertion order: re-inserting a key on every logged row makes the first key the stalest.
  const seen = new Map<string, { loggedAt: number; suppressed: number }>();
  return {
    admit(key, now) {
      const entry = seen.get(key);
      if (entry && now - entry.loggedAt < windowMs) {
        entry.suppressed += 1;
        return { log: false, suppressed: entry.suppressed };
      }
      const suppressed = entry?.suppressed ?? 0;
      seen.delete(key);
      seen.set(key, { loggedAt: now, suppressed: 0 });
      if (seen.size > maxKeys) seen.delete(seen.keys().next().value!);
      return { log: true, suppressed };
    },
  };
}
