import type pg from "pg";
import { RateLimiterRes, type RateLimiterPostgres } from "rate-limiter-flexible";
import type { Db, DbOrTx } from "@/db/client";
import { deleteRateLimits } from "@/db/queries/rate-limits";
import { postgresLimiter } from "@/lib/rate-limit/postgres";
import { delayAfterAttempt, retryAfterSeconds, type ThrottlePolicy } from "./throttle-policy";

/*
 * Applies a ThrottlePolicy (lib/auth/throttle-policy.ts) with rate-limiter-flexible's PostgreSQL
 * store, so the counts hold across every console process and instance. An attempt is counted
 * (reserved) before the credential is checked, in one atomic upsert, so parallel guesses cannot
 * slip past the count while argon2 runs; a success gives the reservation back.
 *
 * Per (subject, address) pair: a count of consecutive attempts and a gate. From the last free
 * attempt on, each attempt must find the gate open and shuts it for the next, longer delay; so
 * parallel attempts beyond the allowance are refused without checking anything.
 */

export interface Attempt {
  /** The credential was right: forget the pair's failures, give back the caps, remember the pair. */
  succeeded(): Promise<void>;
  /** The credential was never checked (the server was busy): give the reservation back. */
  cancelled(): Promise<void>;
}

export type Verdict = { admitted: true; attempt: Attempt } | { admitted: false; retryAfterSeconds: number };

export interface Throttle {
  begin(subject: string, address: string): Promise<Verdict>;
}

interface Limiters {
  pair: RateLimiterPostgres;
  gate: RateLimiterPostgres;
  address: RateLimiterPostgres;
  subject: RateLimiterPostgres | null;
  known: RateLimiterPostgres;
}

// The pair counter only counts; the gate decides. This many points are never reached.
const UNLIMITED = 1_000_000_000;

function limitersFor(pool: pg.Pool, policy: ThrottlePolicy): Limiters {
  const limiter = (part: string, points: number, durationSeconds: number) =>
    postgresLimiter(pool, { keyPrefix: `${policy.name}:${part}`, points, durationSeconds });
  return {
    pair: limiter("pair", UNLIMITED, policy.pairMemorySeconds),
    gate: limiter("gate", 1, policy.maxDelaySeconds),
    address: limiter("address", policy.perAddress.points, policy.perAddress.durationSeconds),
    subject: policy.perSubject ? limiter("subject", policy.perSubject.points, policy.perSubject.durationSeconds) : null,
    known: limiter("known", 1, policy.knownPairSeconds),
  };
}

/** A refusal is a RateLimiterRes; anything else (the database is down) is an error to pass on. */
async function tryConsume(limiter: RateLimiterPostgres, key: string, customDuration?: number) {
  try {
    return { ok: true as const, res: await limiter.consume(key, 1, customDuration === undefined ? {} : { customDuration }) };
  } catch (error) {
    if (error instanceof RateLimiterRes) return { ok: false as const, res: error };
    throw error;
  }
}

const refused = (res: RateLimiterRes): Verdict => ({ admitted: false, retryAfterSeconds: retryAfterSeconds(res.msBeforeNext) });
const exhausted = (res: RateLimiterRes | null, points: number) => res !== null && res.consumedPoints >= points;

export function createThrottle(pool: pg.Pool, policy: ThrottlePolicy): Throttle {
  const l = limitersFor(pool, policy);
  return {
    async begin(subject, address) {
      const pair = `${subject}:${address}`;
      // Cheap reads first, so an address or subject over its cap writes nothing at all.
      const [known, addressCount, subjectCount] = await Promise.all([l.known.get(pair), l.address.get(address), l.subject?.get(subject) ?? null]);
      const capped = known === null;
      if (capped && exhausted(addressCount, policy.perAddress.points)) return refused(addressCount!);
      if (capped && policy.perSubject && exhausted(subjectCount, policy.perSubject.points)) return refused(subjectCount!);

      const count = await l.pair.consume(pair);
      const undo: (() => Promise<unknown>)[] = [() => l.pair.reward(pair)];
      const rollBack = async (res: RateLimiterRes) => {
        await Promise.all(undo.map((step) => step()));
        return refused(res);
      };
      const delay = delayAfterAttempt(count.consumedPoints, policy);
      if (delay > 0) {
        const gate = await tryConsume(l.gate, pair, delay);
        if (!gate.ok) return rollBack(gate.res);
      }
      if (capped) {
        const perAddress = await tryConsume(l.address, address);
        if (!perAddress.ok) return rollBack(perAddress.res);
        undo.push(() => l.address.reward(address));
        if (l.subject) {
          const perSubject = await tryConsume(l.subject, subject);
          if (!perSubject.ok) return rollBack(perSubject.res);
          undo.push(() => l.subject!.reward(subject));
        }
      }
      return {
        admitted: true,
        attempt: {
          async succeeded() {
            await Promise.all([...undo.slice(1).map((step) => step()), l.pair.delete(pair), l.gate.delete(pair), l.known.set(pair, 1, policy.knownPairSeconds)]);
          },
          async cancelled() {
            await Promise.all(undo.map((step) => step()));
          },
        },
      };
    },
  };
}

// One set of limiters per pool and policy: each starts the library's timer that prunes expired rows.
const cache = new WeakMap<pg.Pool, Map<ThrottlePolicy, Throttle>>();

/** The throttle for `policy` over the database's own connection pool. */
export function throttleFor(db: Db, policy: ThrottlePolicy): Throttle {
  // drizzle keeps the pool it was made with as $client; createDb's return type does not name it.
  const pool = (db as Db & { $client: pg.Pool }).$client;
  let byPolicy = cache.get(pool);
  if (!byPolicy) cache.set(pool, (byPolicy = new Map()));
  let throttle = byPolicy.get(policy);
  if (!throttle) byPolicy.set(policy, (throttle = createThrottle(pool, policy)));
  return throttle;
}

/**
 * Forgets every count about `subject`, from every address: an administrator has just vouched
 * for it (a new password, a new app secret). Known pairs go too, in case one was the attacker's.
 */
export async function forgetSubject(db: DbOrTx, policy: ThrottlePolicy, subject: string): Promise<void> {
  await deleteRateLimits(db, {
    keys: [`${policy.name}:subject:${subject}`],
    prefixes: ["pair", "gate", "known"].map((part) => `${policy.name}:${part}:${subject}:`),
  });
}
