import { bigint, index, integer, pgTable, varchar } from "drizzle-orm/pg-core";

/**
 * Counters of rate-limiter-flexible's PostgreSQL store (sign-in and token-endpoint throttles,
 * outbound call limits), shared by every console process and instance. The columns are the ones
 * that library reads and writes (`key`, `points`, `expire` in epoch milliseconds); it is created
 * here so that the console's migrations own every table, and the limiter runs with `tableCreated`.
 */
export const rateLimits = pgTable(
  "rate_limits",
  {
    key: varchar({ length: 255 }).primaryKey(),
    points: integer().notNull().default(0),
    expire: bigint({ mode: "number" }),
  },
  (t) => [index("rate_limits_expire_idx").on(t.expire)],
);
