// Encryption at rest for secrets (channel tokens, API keys, ...) and masking for display.
// Pure node:crypto with no env access at import time, so scripts, tests and server code
// can all share this module; callers decide where the keyring comes from.
import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

const ALGORITHM = "aes-256-gcm";
const VERSION = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const MASK = "••••";
/*
 * A tail narrows a guess only for values a person chose: four characters of a 12-character
 * password leave eight to find. Random machine secrets (tokens, keys) of 20 characters or more
 * keep at least 16 unknown characters after the tail, enough that it helps tell two apart and
 * nothing else; shorter ones show no tail either.
 */
const MASK_MIN_LENGTH = 20;
const MASK_VISIBLE_CHARS = 4;

/** "password": chosen by a person, never partly shown; "machine": a generated token or key. */
export type SecretKind = "password" | "machine";

const KEY_ID_PATTERN = /^[0-9a-f]{8}$/;
const BASE64_KEY_PATTERN = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * Holds no key material itself: keys live in a module-private WeakMap so that logging or
 * serialising a keyring can never leak them, and a hand-built object is rejected.
 */
export type Keyring = {
  readonly activeKeyId: string;
  readonly keyIds: readonly string[];
};

type KeyMaterial = { activeKeyId: string; keys: ReadonlyMap<string, Buffer> };
const keyMaterial = new WeakMap<Keyring, KeyMaterial>();

export type SecretDecryptionReason = "malformed" | "unknown-key" | "authentication-failed";

/** Messages deliberately never include plaintext, keys or ciphertext bodies. */
export class SecretDecryptionError extends Error {
  readonly reason: SecretDecryptionReason;

  constructor(reason: SecretDecryptionReason, message: string) {
    super(`Secret could not be decrypted: ${message}`);
    this.name = "SecretDecryptionError";
    this.reason = reason;
  }
}

export function generateKey(): string {
  return randomBytes(KEY_BYTES).toString("base64");
}

/** Deriving the id from the key means operators never have to name or track key ids. */
function keyIdOf(key: Buffer): string {
  return createHash("sha256").update(key).digest("hex").slice(0, 8);
}

function decodeKey(input: Buffer | string, label: string): Buffer {
  const hint = `${label} must be 32 bytes of base64 (standard or url-safe); generate one with generateKey()`;
  if (typeof input !== "string") {
    if (input.length !== KEY_BYTES) throw new Error(`${hint}, got ${input.length} bytes`);
    return Buffer.from(input); // copy so later mutation by the caller can't change the key
  }
  const trimmed = input.trim();
  // Buffer.from silently skips invalid characters, so validate the alphabet first.
  if (!BASE64_KEY_PATTERN.test(trimmed)) throw new Error(`${hint}, got invalid base64`);
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) throw new Error(`${hint}, got ${key.length} bytes`);
  return key;
}

export function createKeyring(options: {
  active: Buffer | string;
  previous?: readonly (Buffer | string)[];
}): Keyring {
  const active = decodeKey(options.active, "SECRETS_KEY");
  const previous = (options.previous ?? []).map((key, index) =>
    decodeKey(key, `SECRETS_PREVIOUS_KEYS[${index}]`),
  );
  const activeKeyId = keyIdOf(active);
  const keys = new Map<string, Buffer>([[activeKeyId, active]]);
  for (const key of previous) {
    const id = keyIdOf(key);
    if (!keys.has(id)) keys.set(id, key);
  }
  const keyring: Keyring = Object.freeze({ activeKeyId, keyIds: Object.freeze([...keys.keys()]) });
  keyMaterial.set(keyring, { activeKeyId, keys });
  return keyring;
}

export function parseKeyringFromEnv(env: {
  SECRETS_KEY?: string;
  SECRETS_PREVIOUS_KEYS?: string;
}): Keyring {
  const active = env.SECRETS_KEY?.trim();
  if (!active) {
    throw new Error("SECRETS_KEY is not set: it must be 32 bytes of base64 (see generateKey())");
  }
  const previous = (env.SECRETS_PREVIOUS_KEYS ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key.length > 0);
  return createKeyring({ active, previous });
}

function materialOf(keyring: Keyring): KeyMaterial {
  const material = keyMaterial.get(keyring);
  if (!material) throw new Error("Invalid keyring: create it with createKeyring()");
  return material;
}

function assertContext(context: string): void {
  // An empty context would silently drop the protection against copying ciphertexts around.
  if (context.length === 0) throw new Error("Secret context must be a non-empty string");
}

type ParsedCiphertext = { keyId: string; iv: Buffer; body: Buffer; tag: Buffer };

/**
 * The round trip rejects padding, foreign characters (which Buffer.from silently skips) and
 * non-canonical trailing bits, so each ciphertext has exactly one valid spelling.
 */
function decodeSegment(segment: string): Buffer | undefined {
  const bytes = Buffer.from(segment, "base64url");
  return bytes.toString("base64url") === segment ? bytes : undefined;
}

function parseCiphertext(value: string): ParsedCiphertext | undefined {
  const parts = value.split(".");
  if (parts.length !== 5) return undefined;
  const [version, keyId, ivPart, bodyPart, tagPart] = parts as [string, string, string, string, string];
  if (version !== VERSION || !KEY_ID_PATTERN.test(keyId)) return undefined;
  const iv = decodeSegment(ivPart);
  const body = decodeSegment(bodyPart);
  const tag = decodeSegment(tagPart);
  if (!iv || !body || !tag || iv.length !== IV_BYTES || tag.length !== TAG_BYTES) return undefined;
  return { keyId, iv, body, tag };
}

function parseOrThrow(ciphertext: string): ParsedCiphertext {
  const parsed = parseCiphertext(ciphertext);
  if (!parsed) throw new SecretDecryptionError("malformed", "value is not a v1 encrypted secret");
  return parsed;
}

export function isEncryptedSecret(value: string): boolean {
  return parseCiphertext(value) !== undefined;
}

export function encryptSecret(keyring: Keyring, plaintext: string, context: string): string {
  assertContext(context);
  const { activeKeyId, keys } = materialOf(keyring);
  const key = keys.get(activeKeyId) as Buffer;
  // GCM is catastrophically broken by IV reuse under one key, so every call gets a fresh IV.
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [VERSION, activeKeyId, iv, body, tag]
    .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
    .join(".");
}

export function decryptSecret(keyring: Keyring, ciphertext: string, context: string): string {
  assertContext(context);
  const { keys } = materialOf(keyring);
  const { keyId, iv, body, tag } = parseOrThrow(ciphertext);
  const key = keys.get(keyId);
  if (!key) {
    throw new SecretDecryptionError("unknown-key", `no key with id ${keyId} in the keyring`);
  }
  try {
    const decipher = createDecipheriv(ALGORITHM, key, iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(context, "utf8"));
    decipher.setAuthTag(tag);
    return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
  } catch {
    // GCM cannot tell tampering from a wrong context, and the cause adds nothing safe to log.
    throw new SecretDecryptionError(
      "authentication-failed",
      "authentication failed (wrong context, wrong key or tampered data)",
    );
  }
}

/** Throws SecretDecryptionError for malformed input rather than guessing an answer. */
export function needsReencryption(keyring: Keyring, ciphertext: string): boolean {
  return parseOrThrow(ciphertext).keyId !== materialOf(keyring).activeKeyId;
}

/** Always decrypts first, so rotation also verifies the stored value is intact. */
export function reencryptSecret(keyring: Keyring, ciphertext: string, context: string): string {
  return encryptSecret(keyring, decryptSecret(keyring, ciphertext, context), context);
}

/** Counts code points so an emoji or other astral character is never split in half. */
export function maskSecret(plaintext: string, kind: SecretKind = "machine"): string {
  const chars = Array.from(plaintext);
  if (kind === "password" || chars.length < MASK_MIN_LENGTH) return MASK;
  return MASK + chars.slice(-MASK_VISIBLE_CHARS).join("");
}
