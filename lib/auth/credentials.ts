import { createHash } from "node:crypto";
import type { Db } from "@/db/client";
import { findUserCredentials } from "@/db/queries/users";
import { metrics } from "@/lib/metrics/registry";
import { PasswordHashingBusyError, passwords, type PasswordHasher } from "./password";
import { throttleFor, type Throttle } from "./throttle";
import { SIGN_IN_POLICY } from "./throttle-policy";

export type SignInOutcome =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "throttled"; retryAfterSeconds: number };

export interface SignInDeps {
  throttle?: Throttle;
  passwords?: PasswordHasher;
}

/** Emails are counted by hash so the throttle table holds no address anyone typed. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/**
 * Checks an email + password from a client address (lib/rate-limit/client-address.ts). The
 * attempt is counted before argon2 runs (lib/auth/throttle.ts). Unknown emails and wrong
 * passwords give the same answer in about the same time and are throttled alike, so no outcome
 * reveals whether an account exists. A disabled account is only reported to someone who knows
 * its password.
 */
export async function authenticateWithPassword(
  db: Db,
  input: { email: string; password: string; address: string },
  deps: SignInDeps = {},
): Promise<SignInOutcome> {
  const outcome = await checkPassword(db, input, deps);
  if (!outcome.ok) metrics().signInFailures.inc({ reason: outcome.reason });
  return outcome;
}

async function checkPassword(db: Db, input: { email: string; password: string; address: string }, deps: SignInDeps): Promise<SignInOutcome> {
  const throttle = deps.throttle ?? throttleFor(db, SIGN_IN_POLICY);
  const hasher = deps.passwords ?? passwords;
  const verdict = await throttle.begin(emailKey(input.email), input.address);
  if (!verdict.admitted) return { ok: false, reason: "throttled", retryAfterSeconds: verdict.retryAfterSeconds };

  let user: Awaited<ReturnType<typeof findUserCredentials>>;
  let passwordMatches = false;
  try {
    user = await findUserCredentials(db, input.email);
    if (user) passwordMatches = await hasher.verify(user.passwordHash, input.password);
    else await hasher.burn(input.password);
  } catch (error) {
    if (!(error instanceof PasswordHashingBusyError)) throw error;
    // Nothing was checked, so nothing counts; the client may try again in a moment.
    await verdict.attempt.cancelled();
    return { ok: false, reason: "throttled", retryAfterSeconds: 1 };
  }

  if (!user || !passwordMatches) return { ok: false, reason: "invalid" };
  await verdict.attempt.succeeded();
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}
