import { createHash } from "node:crypto";
import type { DbOrTx } from "@/db/client";
import {
  clearSignInFailures,
  getSignInFailure,
  recordSignInFailure,
  type ThrottlePolicy,
} from "@/db/queries/sign-in-failures";
import { findUserCredentials } from "@/db/queries/users";
import { burnPasswordCheck, verifyPassword } from "./password";

export const SIGN_IN_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
};

export type SignInOutcome =
  | { ok: true; userId: string; sessionVersion: number }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "disabled" }
  | { ok: false; reason: "locked"; retryAfterSeconds: number };

/** Emails are counted by hash so the throttle table holds no address anyone typed. */
export function emailKey(email: string): string {
  return createHash("sha256").update(email.trim().toLowerCase()).digest("hex");
}

/**
 * Checks an email + password. Unknown emails and wrong passwords give the same answer in about
 * the same time, and both count towards the same lockout, so no outcome reveals whether an
 * account exists. A disabled account is only reported to someone who knows its password.
 */
export async function authenticateWithPassword(
  db: DbOrTx,
  input: { email: string; password: string },
  now: Date = new Date(),
  policy: ThrottlePolicy = SIGN_IN_THROTTLE,
): Promise<SignInOutcome> {
  const key = emailKey(input.email);
  const throttle = await getSignInFailure(db, key);
  if (throttle?.lockedUntil && throttle.lockedUntil > now) {
    return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(throttle.lockedUntil, now) };
  }

  const user = await findUserCredentials(db, input.email);
  const passwordMatches = user ? await verifyPassword(user.passwordHash, input.password) : false;
  if (!user) await burnPasswordCheck(input.password);

  if (!user || !passwordMatches) {
    const failure = await recordSignInFailure(db, key, now, policy);
    if (failure.lockedUntil && failure.lockedUntil > now) {
      return { ok: false, reason: "locked", retryAfterSeconds: secondsUntil(failure.lockedUntil, now) };
    }
    return { ok: false, reason: "invalid" };
  }

  await clearSignInFailures(db, key);
  if (user.disabledAt) return { ok: false, reason: "disabled" };
  return { ok: true, userId: user.id, sessionVersion: user.sessionVersion };
}

function secondsUntil(later: Date, now: Date): number {
  return Math.max(1, Math.ceil((later.getTime() - now.getTime()) / 1000));
}
