/*
 * How failed credential checks are throttled, for people signing in and for API apps asking for
 * tokens. Pure numbers and arithmetic; lib/auth/throttle.ts applies them atomically in PostgreSQL.
 *
 * A "subject" is what is being guessed (an email, a client_id), an "address" the client's IPv4
 * address or IPv6 /64. Nothing here is a lock a stranger can hold over someone else: each
 * (subject, address) pair has its own progressive delay, so guesses from one address do not slow
 * the owner down at another.
 */

export interface ThrottlePolicy {
  /** Distinguishes this throttle's rows in the shared `rate_limits` table. */
  name: string;
  /** Attempts a (subject, address) pair may make back to back before the delays begin. */
  freeAttempts: number;
  /** The first delay; each further attempt of the pair doubles it. */
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  /** How long a pair's count of consecutive failures is remembered (a success forgets it at once). */
  pairMemorySeconds: number;
  /** Failed attempts one address may make across all subjects. */
  perAddress: { points: number; durationSeconds: number };
  /** Failed attempts one subject may receive across all addresses; null: no ceiling. */
  perSubject: { points: number; durationSeconds: number } | null;
  /** After a success, the pair is "known" this long: the address and subject caps do not apply to it. */
  knownPairSeconds: number;
}

const MINUTE = 60;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Sign-in. Five attempts are enough for a person's typos; after them 10 s, 20 s, 40 s, …, at most
 * 15 minutes between attempts, so one address gets about 100 guesses a day at one account.
 * 30 failures in 15 minutes per address stops spraying many (or unknown) emails. 100 failures an
 * hour per account need eight addresses working together under the delays (one address manages
 * 14 in its first hour, 4 an hour after that); it brakes distributed guessing, and the owner's
 * address, known from an earlier sign-in, is exempt, so even that attacker cannot lock the owner out.
 */
export const SIGN_IN_POLICY: ThrottlePolicy = {
  name: "sign-in",
  freeAttempts: 5,
  baseDelaySeconds: 10,
  maxDelaySeconds: 15 * MINUTE,
  pairMemorySeconds: DAY,
  perAddress: { points: 30, durationSeconds: 15 * MINUTE },
  perSubject: { points: 100, durationSeconds: HOUR },
  knownPairSeconds: 30 * DAY,
};

/**
 * POST /api/oauth/token. App secrets have 256 bits, so the limits are against load and noise, not
 * guessing: ten attempts before delays (a client retrying after a rotation), delays from 1 s up
 * to 15 minutes, 30 failures per 15 minutes per address across client ids. No ceiling per
 * client_id: app keys are public, and a ceiling would only hand a stranger the power to cut a
 * tenant's BSP webhooks off.
 */
export const TOKEN_POLICY: ThrottlePolicy = {
  name: "oauth-token",
  freeAttempts: 10,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * MINUTE,
  pairMemorySeconds: DAY,
  perAddress: { points: 30, durationSeconds: 15 * MINUTE },
  perSubject: null,
  knownPairSeconds: 30 * DAY,
};

/**
 * How long the pair's gate stays shut after its `attempt`-th consecutive attempt starts: nothing
 * before the last free attempt, then the base delay, doubling each time, capped.
 */
export function delayAfterAttempt(attempt: number, policy: Pick<ThrottlePolicy, "freeAttempts" | "baseDelaySeconds" | "maxDelaySeconds">): number {
  const beyond = attempt - policy.freeAttempts;
  if (beyond < 0) return 0;
  // 2 ** 40 already dwarfs any cap; the min keeps huge counts finite.
  return Math.min(policy.maxDelaySeconds, policy.baseDelaySeconds * 2 ** Math.min(beyond, 40));
}

/** Whole seconds to tell a refused caller, never 0 (that would invite an immediate retry). */
export function retryAfterSeconds(msBeforeNext: number): number {
  return Math.max(1, Math.ceil(msBeforeNext / 1000));
}
