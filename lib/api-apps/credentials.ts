import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

/*
 * App keys, app secrets and access tokens. Secrets and tokens are 256 random bits, so a fast
 * SHA-256 is enough to store them (a slow password hash only helps low-entropy secrets), and a
 * lookup by hash never compares a secret byte by byte.
 */

const BASE32 = "abcdefghijklmnopqrstuvwxyz234567";
const APP_KEY_LENGTH = 20;

export const APP_KEY_PATTERN = /^ak_[a-z2-7]{20}$/;
export const APP_SECRET_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;
export const ACCESS_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

/** A public identifier, like a user name: "ak_" + 20 base32 characters (100 random bits). */
export function generateAppKey(): string {
  // 32 symbols: the low five bits of each byte pick one without bias.
  const bytes = randomBytes(APP_KEY_LENGTH);
  let key = "ak_";
  for (const byte of bytes) key += BASE32[byte & 31];
  return key;
}

/** "sk_" + 32 random bytes as base64url; shown to the administrator once. */
export function generateAppSecret(): string {
  return `sk_${randomBytes(32).toString("base64url")}`;
}

/** A bearer token: 32 random bytes as base64url. */
export function generateAccessToken(): string {
  return randomBytes(32).toString("base64url");
}

/** What the database stores instead of a secret or token: SHA-256, lowercase hex. */
export function hashCredential(value: string): string {
  return createHash("sha256").update(value, "utf8").digest("hex");
}

/**
 * Whether `presented` hashes to `storedHash`, in time that does not depend on where they differ.
 * Any string may be presented; a stored value of the wrong shape never matches.
 */
export function credentialMatches(presented: string, storedHash: string): boolean {
  const actual = Buffer.from(hashCredential(presented), "utf8");
  const expected = Buffer.from(storedHash, "utf8");
  if (expected.length !== actual.length) {
    // Still compare something of equal length, so a malformed row costs the same time.
    timingSafeEqual(actual, actual);
    return false;
  }
  return timingSafeEqual(actual, expected);
}

/** A hash no secret produces, compared against when the client is unknown (same work, same time). */
export const UNKNOWN_CLIENT_HASH = "0".repeat(64);

/**
 * The key under which failed authentications of one client_id are counted (lib/auth/throttle.ts):
 * a fixed-length digest, however long the client_id someone sends; the prefix keeps it apart from
 * the email keys (sha256 of an email).
 */
export function clientThrottleKey(clientId: string): string {
  return hashCredential(`oauth:${clientId}`);
}
