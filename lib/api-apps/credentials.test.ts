import { describe, expect, it } from "vitest";
import {
  ACCESS_TOKEN_PATTERN,
  APP_KEY_PATTERN,
  APP_SECRET_PATTERN,
  clientThrottleKey,
  credentialMatches,
  generateAccessToken,
  generateAppKey,
  generateAppSecret,
  hashCredential,
  UNKNOWN_CLIENT_HASH,
} from "./credentials";

describe("generated credentials", () => {
  it("app keys are ak_ + 20 base32 characters, all different", () => {
    const keys = Array.from({ length: 200 }, generateAppKey);
    for (const key of keys) expect(key).toMatch(APP_KEY_PATTERN);
    expect(new Set(keys).size).toBe(keys.length);
    // Every base32 symbol shows up: the alphabet is used evenly, not a subset of it.
    expect(new Set(keys.join("").replace(/ak_/g, "")).size).toBe(32);
  });

  it("app secrets carry 32 random bytes as base64url after sk_", () => {
    const secret = generateAppSecret();
    expect(secret).toMatch(APP_SECRET_PATTERN);
    expect(Buffer.from(secret.slice(3), "base64url")).toHaveLength(32);
    expect(generateAppSecret()).not.toBe(secret);
  });

  it("access tokens are 32 random bytes as base64url", () => {
    const token = generateAccessToken();
    expect(token).toMatch(ACCESS_TOKEN_PATTERN);
    expect(Buffer.from(token, "base64url")).toHaveLength(32);
    expect(generateAccessToken()).not.toBe(token);
  });
});

describe("hashCredential", () => {
  it("is SHA-256 in lowercase hex", () => {
    expect(hashCredential("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(hashCredential("sk_x")).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("credentialMatches", () => {
  const secret = generateAppSecret();
  const stored = hashCredential(secret);

  it("accepts the secret and nothing else", () => {
    expect(credentialMatches(secret, stored)).toBe(true);
    expect(credentialMatches(`${secret} `, stored)).toBe(false);
    expect(credentialMatches(secret.slice(0, -1), stored)).toBe(false);
    expect(credentialMatches("", stored)).toBe(false);
    // The hash itself is not a password.
    expect(credentialMatches(stored, stored)).toBe(false);
  });

  it("never matches a stored value of the wrong shape, or the unknown-client placeholder", () => {
    expect(credentialMatches(secret, stored.slice(0, 10))).toBe(false);
    expect(credentialMatches(secret, "")).toBe(false);
    expect(credentialMatches(secret, UNKNOWN_CLIENT_HASH)).toBe(false);
    expect(credentialMatches("", UNKNOWN_CLIENT_HASH)).toBe(false);
  });
});

describe("clientThrottleKey", () => {
  it("hashes the client id under its own prefix", () => {
    expect(clientThrottleKey("ak_x")).toBe(hashCredential("oauth:ak_x"));
    expect(clientThrottleKey("ak_x")).not.toBe(hashCredential("ak_x"));
  });
});
