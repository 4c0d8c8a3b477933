import type pg from "pg";
import { RateLimiterPostgres } from "rate-limiter-flexible";

export interface LimiterPolicy {
  /** Distinguishes this limiter's keys in the shared table (e.g. "sign-in:account"). */
  keyPrefix: string;
  /** Points a key may consume per `durationSeconds`. */
  points: number;
  durationSeconds: number;
  /** Once a key runs out, it stays refused this long (0: only until the window ends). */
  blockSeconds?: number;
}

/**
 * A rate limiter whose counters live in PostgreSQL's `rate_limits` table (db/schema/rate-limits.ts),
 * so a limit holds across every process and instance of the console. Counting is one atomic
 * upsert per call (rate-limiter-flexible), and expired rows are pruned by the library every five
 * minutes, so keys an attacker invents do not pile up.
 */
export function postgresLimiter(pool: pg.Pool, policy: LimiterPolicy): RateLimiterPostgres {
  return new RateLimiterPostgres({
    storeClient: pool,
    storeType: "pool",
    tableName: "rate_limits",
    tableCreated: true,
    clearExpiredByTimeout: true,
    keyPrefix: policy.keyPrefix,
    points: policy.points,
    duration: policy.durationSeconds,
    blockDuration: policy.blockSeconds ?? 0,
  });
}
