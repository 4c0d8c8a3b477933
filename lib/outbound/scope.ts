import type pg from "pg";
import type { Db } from "@/db/client";
import { listApprovedPrefixes } from "@/db/queries/trustlist";
import { postgresLimiter } from "@/lib/rate-limit/postgres";
import type { OutboundScope } from "./guarded-call";
import { OutboundLimiter, outboundLimitPolicy, type OutboundLimitPolicy } from "./limits";
import { ttlCached, type TtlCached } from "./ttl-cache";

/*
 * The approved prefixes are read at most once a second per process, not on every call: a send
 * queue at a hundred calls a second would otherwise spend a database round trip per call on a
 * list that changes a few times a year. A revoked prefix therefore takes effect within this time
 * in every process (a call allowed on a list one second old is the decision a call started one
 * second earlier got anyway); before refusing, the connector reads the list afresh
 * (freshApprovedPrefixes), so a new approval takes effect at once.
 */
export const APPROVED_PREFIXES_CACHE_MS = 1_000;
const approvedPrefixReaders = new WeakMap<pg.Pool, TtlCached<readonly string[]>>();

function cachedApprovedPrefixes(db: Db): TtlCached<readonly string[]> {
  const pool = (db as Db & { $client: pg.Pool }).$client;
  let read = approvedPrefixReaders.get(pool);
  if (!read) {
    read = ttlCached(() => listApprovedPrefixes(db), APPROVED_PREFIXES_CACHE_MS);
    approvedPrefixReaders.set(pool, read);
  }
  return read;
}

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

/** The scope of a tenant's outbound calls: the approved trustlist (at most a second old) and the tenant's limits, read from `db`. */
export function outboundScope(db: Db, tenantId: string): OutboundScope {
  const prefixes = cachedApprovedPrefixes(db);
  return { tenantId, approvedPrefixes: prefixes.get, freshApprovedPrefixes: prefixes.fresh, limiter: sharedLimiter(db) };
}
