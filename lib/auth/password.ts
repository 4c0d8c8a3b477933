import { availableParallelism } from "node:os";
import { hash, verify } from "@node-rs/argon2";
import { createWorkSlots, type WorkSlots } from "./work-slots";

export { SlotsBusyError as PasswordHashingBusyError } from "./work-slots";

// Algorithm is an ambient const enum (unusable with isolatedModules): 2 is Argon2id.
const ARGON2ID = 2;
// OWASP's argon2id baseline: 19 MiB, 2 iterations, 1 lane.
const OPTIONS = { algorithm: ARGON2ID, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * What an unknown email's password is checked against, made with OPTIONS from a random password
 * nobody kept: the same work as a real account's check. A constant, so the first unknown email
 * after a start does not have to wait for a hash to be made under load.
 */
export const UNKNOWN_ACCOUNT_HASH = "$argon2id$v=19$m=19456,t=2,p=1$zWXnGa/igpNYlEMPupIvyQ$9ijsMybhC3ZceUaJgyyW9T5rsRohX9ZIlyoN/hMdcjo";

/**
 * PASSWORD_HASH_CONCURRENCY: argon2 runs at once per process. Argon2 is CPU-bound, so more runs
 * than cores add memory (19 MiB each), not throughput; and it runs on libuv's thread pool (4
 * threads unless UV_THREADPOOL_SIZE says otherwise), which file and DNS work share, so the default
 * stays at or below 4.
 */
export function hashingConcurrency(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PASSWORD_HASH_CONCURRENCY?.trim();
  if (!raw) return Math.max(1, Math.min(4, availableParallelism()));
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > 64) {
    throw new Error(`PASSWORD_HASH_CONCURRENCY must be an integer from 1 to 64, not "${raw}"`);
  }
  return value;
}

export interface PasswordHasher {
  hash(password: string): Promise<string>;
  /** May throw PasswordHashingBusyError when the queue is full (a sign-in then says "try again"). */
  verify(passwordHash: string, password: string): Promise<boolean>;
  /**
   * Verifies against a throwaway hash so that a sign-in for an unknown email costs as much time
   * as one for a real account: response time must not tell which emails exist.
   */
  burn(password: string): Promise<void>;
}

export function createPasswordHasher(slots: WorkSlots): PasswordHasher {
  const check = async (passwordHash: string, password: string) => {
    try {
      return await verify(passwordHash, password);
    } catch {
      // A malformed stored hash must read as "wrong password", never as a crash that tells them apart.
      return false;
    }
  };
  const hasher: PasswordHasher = {
    // Setting a password (an administrator's action, the first start) waits its turn; it is never refused.
    hash: (password) => slots.run(() => hash(password, OPTIONS)),
    verify: (passwordHash, password) => slots.run(() => check(passwordHash, password), { mayRefuse: true }),
    async burn(password) {
      await hasher.verify(UNKNOWN_ACCOUNT_HASH, password);
    },
  };
  return hasher;
}

const slotCount = hashingConcurrency();
// A short queue: a few rounds of hashing at most, so a waiting sign-in answers within a second or so.
const passwordSlots = createWorkSlots({ size: slotCount, queue: 4 * slotCount });
export const passwords = createPasswordHasher(passwordSlots);

export const hashPassword = (password: string) => passwords.hash(password);
export const verifyPassword = (passwordHash: string, password: string) => passwords.verify(passwordHash, password);
