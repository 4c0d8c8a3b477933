import type pg from "pg";
import type { Db } from "@/db/client";
import { listApprovedPrefixes } from "@/db/queries/trustlist";
import { postgresLimiter } from "@/lib/rate-limit/postgres";
import type { OutboundScope } from "./guarded-call";
import { OutboundLimiter, outboundLimitPolicy, type OutboundLimitPolicy } from "./limits";

// One limiter per pool (one per process in the console), so the in-process slot count is shared.
const limiters = new WeakMap<pg.Pool, OutboundLimiter>();

/** The per-tenant limits, counted in PostgreSQL's rate_limits table (holds across processes). */
export function outboundLimiter(pool: pg.Pool, policy: OutboundLimitPolicy = outboundLimitPolicy()): OutboundLimiter {
  return new OutboundLimiter(
    postgresLimiter(pool, { keyPrefix: "outbound:tenant", points: policy.callsPerMinute, durationSeconds: 60 }),
    policy.concurrentCalls,
  );
}

function sharedLimiter(db: Db): OutboundLimiter {
  const pool = (db as Db & { $client: pg.Pool }).$client;
  let limiter = limiters.get(pool);
  if (!limiter) {
    limiter = outboundLimiter(pool);
    limiters.set(pool, limiter);
  }
  return limiter;
}

/** The scope of a tenant's outbound calls: the approved trustlist and the tenant's limits, read from `db`. */
export function outboundScope(db: Db, tenantId: string): OutboundScope {
  return { tenantId, approvedPrefixes: () => listApprovedPrefixes(db), limiter: sharedLimiter(db) };
}
