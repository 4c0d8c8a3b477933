// Outbound-connector scopes and trustlist approvals for tests.
import { randomUUID } from "node:crypto";
import { RateLimiterMemory } from "rate-limiter-flexible";
import type { Db } from "../db/client";
import { trustlistEntries } from "../db/schema";
import type { OutboundScope } from "../lib/outbound/guarded-call";
import { DEFAULT_OUTBOUND_LIMITS, OutboundLimiter, type OutboundLimitPolicy } from "../lib/outbound/limits";
import type { HostLookup } from "../lib/outbound/resolve";

/**
 * A scope for unit tests, without a database: the approved prefixes are given, and the limits are
 * counted in memory by the same rate-limiter-flexible code the console runs on PostgreSQL.
 */
export function memoryScope(
  options: { tenantId?: string; approvedPrefixes?: readonly string[]; limits?: OutboundLimitPolicy; lookup?: HostLookup } = {},
): OutboundScope {
  const limits = options.limits ?? DEFAULT_OUTBOUND_LIMITS;
  return {
    tenantId: options.tenantId ?? randomUUID(),
    approvedPrefixes: async () => options.approvedPrefixes ?? [],
    limiter: new OutboundLimiter(new RateLimiterMemory({ points: limits.callsPerMinute, duration: 60 }), limits.concurrentCalls),
    lookup: options.lookup,
  };
}

/** Approves `prefix` on the (global) address trustlist, as a system administrator's decision would. */
export async function approvePrefix(db: Db, prefix: string): Promise<void> {
  await db
    .insert(trustlistEntries)
    .values({ prefix, reason: "test: reach a local listener", status: "approved", decidedAt: new Date() })
    .onConflictDoNothing();
}
