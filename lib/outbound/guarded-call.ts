import { setTimeout as sleep } from "node:timers/promises";
import { OutboundConnectError, OutboundResponseTooLargeError } from "./errors";
import type { OutboundLimiter } from "./limits";
import { resolveAndCheck, systemLookup, type CheckedTarget, type HostLookup } from "./resolve";
import { moduleLog } from "@/lib/log/logger";

/** Who is calling, and the policy that applies to them. Build one with `outboundScope` (lib/outbound/scope.ts). */
export interface OutboundScope {
  tenantId: string;
  /** The approved address-trustlist prefixes (global today; per tenant once the trustlist is). */
  approvedPrefixes(): Promise<readonly string[]>;
  /**
   * The prefixes read now, when `approvedPrefixes` may be a cached (older) list: asked only before
   * refusing, so an approval takes effect at once while a revocation waits out the cache.
   */
  freshApprovedPrefixes?(): Promise<readonly string[]>;
  limiter: OutboundLimiter;
  /** The resolver; the system's by default. */
  lookup?: HostLookup;
}

export interface GuardedCallOptions {
  url: string | URL;
  scope: OutboundScope;
  /** One deadline for everything: DNS, connect, TLS, and for a request the whole answer. */
  timeoutMs?: number;
}

export const DEFAULT_OUTBOUND_TIMEOUT_MS = 10_000;

export function outboundTimeoutMs(env: Partial<Record<string, string>> = process.env): number {
  const value = Number(env.OUTBOUND_TIMEOUT_MS?.trim() || DEFAULT_OUTBOUND_TIMEOUT_MS);
  if (!Number.isInteger(value) || value < 1) throw new Error("OUTBOUND_TIMEOUT_MS must be a positive whole number of milliseconds");
  return value;
}

/** A failure of the connection phase; `reason` goes to the server log, never to the caller. */
export class ConnectFailure extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

export interface Call<T> {
  /** Connects to one of the checked addresses (never resolves the name again) and settles by `deadlineAt`. */
  open(target: CheckedTarget, deadlineAt: number): Promise<T>;
  /** Settles when the result is done with: the tenant's slot is held until then (e.g. a socket's close). */
  doneWith?(result: T): Promise<void>;
}

function reasonOf(error: unknown): string {
  if (error instanceof ConnectFailure) return error.reason;
  const { code, message } = error as { code?: unknown; message?: unknown };
  return typeof code === "string" ? code : String(message ?? error);
}

/** The host for the error, and host:port for the log; never the path or query, which may hold a secret (a bot token). */
function named(url: string | URL): { host: string; hostAndPort: string } {
  try {
    const parsed = new URL(url);
    return { host: parsed.hostname || "the address", hostAndPort: parsed.host || "the address" };
  } catch {
    return { host: "the address", hostAndPort: "the address" };
  }
}

function before<T>(promise: Promise<T>, deadlineAt: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new ConnectFailure("timeout")), Math.max(0, deadlineAt - Date.now()));
  });
  return Promise.race([promise, expired]).finally(() => clearTimeout(timer));
}

/**
 * Every outbound connection goes through here: take a slot and a call from the tenant's limits,
 * resolve once and check every address (lib/outbound/resolve.ts), connect only to a checked
 * address, and turn every way of not getting through into the same OutboundConnectError, thrown
 * at the deadline. Limit refusals (OutboundLimitError), an oversized answer, and database failures
 * while reading the trustlist or the limits are thrown as they are.
 */
export async function guardedCall<T>(options: GuardedCallOptions, call: Call<T>): Promise<T> {
  const { scope } = options;
  const deadlineAt = Date.now() + (options.timeoutMs ?? outboundTimeoutMs());
  const release = await scope.limiter.acquire(scope.tenantId, deadlineAt);
  let releaseLater = false;
  try {
    const approvedPrefixes = await scope.approvedPrefixes();
    const { host, hostAndPort } = named(options.url);
    try {
      // One answer per call, even when checked twice below: the addresses checked are the ones connected to.
      let answer: ReturnType<HostLookup> | undefined;
      const lookup: HostLookup = (hostname) => (answer ??= (scope.lookup ?? systemLookup)(hostname));
      let checked = await before(resolveAndCheck(options.url, { approvedPrefixes, lookup }), deadlineAt);
      if (!checked.ok && scope.freshApprovedPrefixes) {
        const fresh = await scope.freshApprovedPrefixes();
        if (fresh.join("\n") !== approvedPrefixes.join("\n")) {
          checked = await before(resolveAndCheck(options.url, { approvedPrefixes: fresh, lookup }), deadlineAt);
        }
      }
      if (!checked.ok) throw new ConnectFailure(`refused: ${checked.reason}`);
      const result = await call.open(checked.target, deadlineAt);
      if (call.doneWith) {
        releaseLater = true;
        void call.doneWith(result).finally(release);
      }
      return result;
    } catch (error) {
      if (error instanceof OutboundResponseTooLargeError) throw error;
      moduleLog("outbound").warn({ tenantId: scope.tenantId, target: hostAndPort, reason: reasonOf(error) }, "could not connect");
      // However quickly it failed, answer at the deadline: the time taken must not tell why.
      await sleep(Math.max(0, deadlineAt - Date.now()));
      throw new OutboundConnectError(host);
    }
  } finally {
    if (!releaseLater) release();
  }
}
