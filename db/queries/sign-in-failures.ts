import { eq, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { signInFailures, type SignInFailure } from "../schema";

export interface ThrottlePolicy {
  maxFailures: number;
  windowMs: number;
  lockMs: number;
}

export async function getSignInFailure(db: DbOrTx, emailKey: string): Promise<SignInFailure | null> {
  const [row] = await db.select().from(signInFailures).where(eq(signInFailures.emailKey, emailKey));
  return row ?? null;
}

/**
 * Counts one failure atomically (concurrent guesses cannot slip past the limit) and locks the
 * key once the limit is reached within the window. A failure after the window starts a new one.
 */
export async function recordSignInFailure(
  db: DbOrTx,
  emailKey: string,
  now: Date,
  policy: ThrottlePolicy,
): Promise<SignInFailure> {
  const windowStart = new Date(now.getTime() - policy.windowMs);
  const lockedUntil = new Date(now.getTime() + policy.lockMs);
  const expired = sql`${signInFailures.windowStartedAt} <= ${windowStart}`;
  const nextCount = sql`case when ${expired} then 1 else ${signInFailures.failures} + 1 end`;
  const [row] = await db
    .insert(signInFailures)
    .values({
      emailKey,
      failures: 1,
      windowStartedAt: now,
      lockedUntil: policy.maxFailures <= 1 ? lockedUntil : null,
    })
    .onConflictDoUpdate({
      target: signInFailures.emailKey,
      set: {
        failures: nextCount,
        windowStartedAt: sql`case when ${expired} then ${now}::timestamptz else ${signInFailures.windowStartedAt} end`,
        lockedUntil: sql`case when ${nextCount} >= ${policy.maxFailures} then ${lockedUntil}::timestamptz else null end`,
      },
    })
    .returning();
  return row!;
}

export async function clearSignInFailures(db: DbOrTx, emailKey: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.emailKey, emailKey));
}
