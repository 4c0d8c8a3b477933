import { RateLimiterRes, type RateLimiterAbstract } from "rate-limiter-flexible";
import { OutboundLimitError } from "./errors";

export interface OutboundLimitPolicy {
  /** Calls a tenant may start per minute, counted across every console process (PostgreSQL). */
  callsPerMinute: number;
  /** Calls a tenant may have open at once, per console process. */
  concurrentCalls: number;
}

/*
 * Why these defaults: today every outbound call is a person's click (fetch a chain, check a bot
 * token, register a webhook), a few a minute; 300 a minute leaves room for the provider clients
 * that come next (checks and sends) without letting one tenant hammer a host. The concurrency
 * limit is what stops scanning: a failed call holds its slot until its deadline, so 10 slots and
 * a 10 s deadline allow at most 60 failed probes a minute per process, however fast they are sent.
 */
export const DEFAULT_OUTBOUND_LIMITS: OutboundLimitPolicy = { callsPerMinute: 300, concurrentCalls: 10 };

function positiveInteger(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined || value.trim() === "") return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed < 1) throw new Error(`${name} must be a positive whole number`);
  return parsed;
}

export function outboundLimitPolicy(env: Partial<Record<string, string>> = process.env): OutboundLimitPolicy {
  return {
    callsPerMinute: positiveInteger(env.OUTBOUND_CALLS_PER_MINUTE, DEFAULT_OUTBOUND_LIMITS.callsPerMinute, "OUTBOUND_CALLS_PER_MINUTE"),
    concurrentCalls: positiveInteger(env.OUTBOUND_CONCURRENT_CALLS, DEFAULT_OUTBOUND_LIMITS.concurrentCalls, "OUTBOUND_CONCURRENT_CALLS"),
  };
}

/**
 * Per-tenant limits on outbound calls: a rate (rate-limiter-flexible; a PostgreSQL store in the
 * console, so it holds across processes) and a concurrency count. The concurrency count is an
 * in-process semaphore: with WEB_CONCURRENCY processes a tenant may have that many times as many
 * calls open, which still bounds it, without a round trip to the database per slot.
 */
export class OutboundLimiter {
  /** Per tenant, the deadline of each open call: the earliest one says when a slot frees up. */
  private readonly open = new Map<string, number[]>();

  constructor(
    private readonly rate: RateLimiterAbstract,
    readonly concurrentCalls: number,
  ) {}

  /** Takes a slot and a call from the tenant's budget, or throws OutboundLimitError; answers the release. */
  async acquire(tenantId: string, deadlineAt: number): Promise<() => void> {
    const deadlines = this.open.get(tenantId) ?? [];
    if (deadlines.length >= this.concurrentCalls) {
      throw new OutboundLimitError(Math.max(1, Math.ceil((Math.min(...deadlines) - Date.now()) / 1000)));
    }
    // Taken before the await, so calls arriving together cannot all see a free slot.
    deadlines.push(deadlineAt);
    this.open.set(tenantId, deadlines);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      deadlines.splice(deadlines.indexOf(deadlineAt), 1);
      if (deadlines.length === 0 && this.open.get(tenantId) === deadlines) this.open.delete(tenantId);
    };
    try {
      await this.rate.consume(tenantId);
    } catch (error) {
      release();
      if (error instanceof RateLimiterRes) throw new OutboundLimitError(Math.max(1, Math.ceil(error.msBeforeNext / 1000)));
      throw error;
    }
    return release;
  }

  /** Calls open for the tenant in this process. */
  openCalls(tenantId: string): number {
    return this.open.get(tenantId)?.length ?? 0;
  }
}
