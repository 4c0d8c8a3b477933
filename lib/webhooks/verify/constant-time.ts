import { createHash, timingSafeEqual } from "node:crypto";

/*
 * Comparisons whose duration does not depend on where two secrets differ, nor on their lengths:
 * digests are compared instead of the values, so both sides always have the same length.
 */

/**
 * Compares two byte strings of a fixed, public length (HMAC digests). Different lengths are a
 * caller bug or a malformed header that the caller already refused, so they simply do not match.
 */
export function equalDigests(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/**
 * Compares a presented secret with the stored one through their SHA-256 digests, so neither
 * the stored secret's length nor the position of the first difference shows in the timing.
 */
export function equalSecrets(presented: string, stored: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(stored, "utf8").digest();
  return timingSafeEqual(a, b);
}
