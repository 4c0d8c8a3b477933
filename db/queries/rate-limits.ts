import { inArray, like, or } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { rateLimits } from "../schema";

/*
 * The counters themselves are read and written by rate-limiter-flexible; these are the few
 * operations it has no call for.
 */

/**
 * Deletes the named counters and every counter whose key starts with one of the prefixes (used
 * when an administrator vouches for an account or an app: a password reset, a secret rotation).
 * Prefixes must not contain `%`, `_` or `\` (callers build them from hex digests).
 */
export async function deleteRateLimits(db: DbOrTx, target: { keys: string[]; prefixes: string[] }): Promise<number> {
  for (const prefix of target.prefixes) {
    if (/[%_\\]/.test(prefix)) throw new Error(`rate-limit prefix "${prefix}" contains a LIKE wildcard`);
  }
  const conditions = [
    ...(target.keys.length > 0 ? [inArray(rateLimits.key, target.keys)] : []),
    ...target.prefixes.map((prefix) => like(rateLimits.key, `${prefix}%`)),
  ];
  if (conditions.length === 0) return 0;
  const deleted = await db.delete(rateLimits).where(or(...conditions)).returning({ key: rateLimits.key });
  return deleted.length;
}

