import { randomBytes } from "node:crypto";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import {
  createKeyring,
  decryptSecret,
  encryptSecret,
  generateKey,
  isEncryptedSecret,
  maskSecret,
  needsReencryption,
  parseKeyringFromEnv,
  reencryptSecret,
  SecretDecryptionError,
  type SecretDecryptionReason,
} from "./secrets";

const CONTEXT = "channel:3f1c9a52-8d0e-4b7a-9c61-2f4e5d6a7b8c:authToken";
const PLAINTEXT = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

function expectDecryptionError(run: () => unknown, reason: SecretDecryptionReason): SecretDecryptionError {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(SecretDecryptionError);
  const error = caught as SecretDecryptionError;
  expect(error.reason).toBe(reason);
  return error;
}

const SEGMENT = { iv: 2, body: 3, tag: 4 } as const;

/** Flips one bit in the decoded bytes so the result is still well-formed base64url. */
function tamper(ciphertext: string, segment: keyof typeof SEGMENT): string {
  const parts = ciphertext.split(".");
  const index = SEGMENT[segment];
  const bytes = Buffer.from(parts[index] as string, "base64url");
  bytes[0] = (bytes[0] as number) ^ 0x01;
  parts[index] = bytes.toString("base64url");
  return parts.join(".");
}

describe("encryptSecret / decryptSecret", () => {
  const keyring = createKeyring({ active: generateKey() });

  it.each([
    ["ascii", PLAINTEXT],
    ["unicode", "pässwörd-秘密-🔐-مفتاح"],
    ["empty string", ""],
  ])("round-trips %s", (_label, plaintext) => {
    const ciphertext = encryptSecret(keyring, plaintext, CONTEXT);
    expect(decryptSecret(keyring, ciphertext, CONTEXT)).toBe(plaintext);
  });

  it("produces the documented v1 format carrying the active key id", () => {
    const ciphertext = encryptSecret(keyring, PLAINTEXT, CONTEXT);
    expect(ciphertext).toMatch(/^v1\.[0-9a-f]{8}\.[A-Za-z0-9_-]{16}\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]{22}$/);
    expect(ciphertext.split(".")[1]).toBe(keyring.activeKeyId);
    expect(ciphertext).not.toContain(PLAINTEXT);
  });

  it("uses a fresh random IV per call", () => {
    const first = encryptSecret(keyring, PLAINTEXT, CONTEXT);
    const second = encryptSecret(keyring, PLAINTEXT, CONTEXT);
    expect(first).not.toBe(second);
    expect(first.split(".")[2]).not.toBe(second.split(".")[2]);
  });

  it.each(["body", "tag", "iv"] as const)("rejects a tampered %s", (segment) => {
    const ciphertext = encryptSecret(keyring, PLAINTEXT, CONTEXT);
    const tampered = tamper(ciphertext, segment);
    expect(tampered).not.toBe(ciphertext);
    expectDecryptionError(() => decryptSecret(keyring, tampered, CONTEXT), "authentication-failed");
  });

  it("rejects a ciphertext moved to another context", () => {
    const ciphertext = encryptSecret(keyring, PLAINTEXT, CONTEXT);
    const otherContext = "channel:00000000-0000-4000-8000-000000000000:authToken";
    expectDecryptionError(() => decryptSecret(keyring, ciphertext, otherContext), "authentication-failed");
  });

  it("rejects an empty context", () => {
    expect(() => encryptSecret(keyring, PLAINTEXT, "")).toThrow(/context/);
  });

  it("rejects keyrings not built by createKeyring", () => {
    const forged = { activeKeyId: keyring.activeKeyId, keyIds: keyring.keyIds };
    expect(() => encryptSecret(forged, PLAINTEXT, CONTEXT)).toThrow(/createKeyring/);
  });

  describe("malformed input", () => {
    const valid = encryptSecret(keyring, PLAINTEXT, CONTEXT);
    const parts = valid.split(".");
    const withPart = (index: number, value: string): string =>
      parts.map((part, i) => (i === index ? value : part)).join(".");
    const tag = parts[4] as string;
    // A 16-byte tag leaves 4 unused bits in its last base64url character: flipping one
    // decodes to the same bytes, so only a canonical-encoding check can reject it.
    const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    const nonCanonicalTag = tag.slice(0, -1) + alphabet[alphabet.indexOf(tag.slice(-1)) ^ 1];

    it.each([
      ["empty string", ""],
      ["plain text", PLAINTEXT],
      ["truncated", valid.slice(0, valid.length - 5)],
      ["missing tag", parts.slice(0, 4).join(".")],
      ["extra segment", `${valid}.AAAA`],
      ["unknown version", withPart(0, "v2")],
      ["bad key id", withPart(1, "XYZ")],
      ["short iv", withPart(2, parts[2]?.slice(0, 8) ?? "")],
      ["invalid base64url", withPart(3, "***")],
      ["padded base64", withPart(4, `${tag}==`)],
      ["short tag", withPart(4, tag.slice(0, 20))],
      ["non-canonical tag encoding", withPart(4, nonCanonicalTag)],
    ])("rejects %s", (_label, value) => {
      expect(isEncryptedSecret(value)).toBe(false);
      expectDecryptionError(() => decryptSecret(keyring, value, CONTEXT), "malformed");
    });
  });

  it("rejects a ciphertext whose key id is not in the keyring", () => {
    const other = createKeyring({ active: generateKey() });
    const ciphertext = encryptSecret(other, PLAINTEXT, CONTEXT);
    const error = expectDecryptionError(() => decryptSecret(keyring, ciphertext, CONTEXT), "unknown-key");
    expect(error.message).toContain(other.activeKeyId);
  });

  it("keeps plaintext, key and ciphertext body out of error messages", () => {
    const key = generateKey();
    const ring = createKeyring({ active: key });
    const ciphertext = encryptSecret(ring, PLAINTEXT, CONTEXT);
    const body = ciphertext.split(".")[3] as string;
    const errors = [
      expectDecryptionError(() => decryptSecret(ring, ciphertext, "other:context"), "authentication-failed"),
      expectDecryptionError(() => decryptSecret(ring, tamper(ciphertext, "tag"), CONTEXT), "authentication-failed"),
      expectDecryptionError(() => decryptSecret(ring, `${ciphertext}x`, CONTEXT), "malformed"),
    ];
    for (const error of errors) {
      const text = `${error.message} ${error.stack ?? ""} ${inspect(error)}`;
      expect(text).not.toContain(PLAINTEXT);
      expect(text).not.toContain(key);
      expect(text).not.toContain(body);
    }
  });
});

describe("isEncryptedSecret", () => {
  it("accepts ciphertexts and rejects plaintext", () => {
    const keyring = createKeyring({ active: generateKey() });
    expect(isEncryptedSecret(encryptSecret(keyring, "", CONTEXT))).toBe(true);
    expect(isEncryptedSecret(encryptSecret(keyring, PLAINTEXT, CONTEXT))).toBe(true);
    expect(isEncryptedSecret(PLAINTEXT)).toBe(false);
    expect(isEncryptedSecret("v1.abc.def")).toBe(false);
  });
});

describe("key rotation", () => {
  const oldKey = generateKey();
  const newKey = generateKey();
  const oldRing = createKeyring({ active: oldKey });
  const rotatedRing = createKeyring({ active: newKey, previous: [oldKey] });
  const oldCiphertext = encryptSecret(oldRing, PLAINTEXT, CONTEXT);

  it("decrypts ciphertexts made with a previous key", () => {
    expect(rotatedRing.activeKeyId).not.toBe(oldRing.activeKeyId);
    expect(decryptSecret(rotatedRing, oldCiphertext, CONTEXT)).toBe(PLAINTEXT);
  });

  it("flags only ciphertexts not under the active key", () => {
    expect(needsReencryption(rotatedRing, oldCiphertext)).toBe(true);
    expect(needsReencryption(oldRing, oldCiphertext)).toBe(false);
    const fresh = encryptSecret(rotatedRing, PLAINTEXT, CONTEXT);
    expect(needsReencryption(rotatedRing, fresh)).toBe(false);
  });

  it("throws on malformed input instead of guessing", () => {
    expectDecryptionError(() => needsReencryption(rotatedRing, "not-a-secret"), "malformed");
  });

  it("re-encrypts under the active key", () => {
    const reencrypted = reencryptSecret(rotatedRing, oldCiphertext, CONTEXT);
    expect(reencrypted.split(".")[1]).toBe(rotatedRing.activeKeyId);
    expect(needsReencryption(rotatedRing, reencrypted)).toBe(false);
    expect(decryptSecret(rotatedRing, reencrypted, CONTEXT)).toBe(PLAINTEXT);

    const newOnlyRing = createKeyring({ active: newKey });
    expect(decryptSecret(newOnlyRing, reencrypted, CONTEXT)).toBe(PLAINTEXT);
    expectDecryptionError(() => decryptSecret(newOnlyRing, oldCiphertext, CONTEXT), "unknown-key");
  });

  it("refuses to re-encrypt with the wrong context", () => {
    expectDecryptionError(() => reencryptSecret(rotatedRing, oldCiphertext, "other:context"), "authentication-failed");
  });
});

describe("maskSecret", () => {
  it("shows the last 4 characters of machine secrets with at least 20 characters", () => {
    expect(maskSecret("abcdefghijklmnopqrst")).toBe("••••qrst");
    expect(maskSecret("123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw", "machine")).toBe("••••Dsaw");
  });

  it("hides shorter machine secrets completely, a 12-character one included", () => {
    expect(maskSecret("abcdefghijklmnopqrs")).toBe("••••");
    expect(maskSecret("abcdefghijkl")).toBe("••••");
    expect(maskSecret("1234")).toBe("••••");
    expect(maskSecret("")).toBe("••••");
  });

  it("never shows any part of a password, however long", () => {
    expect(maskSecret("correct horse battery staple", "password")).toBe("••••");
    expect(maskSecret(PLAINTEXT, "password")).toBe("••••");
  });

  it("never splits a multi-unit character", () => {
    expect(maskSecret("abcdefghijklmnopqr-🔐")).toBe("••••qr-🔐");
    expect(maskSecret("🔐".repeat(19))).toBe("••••");
  });
});

describe("createKeyring", () => {
  it("accepts standard and url-safe base64 and raw buffers", () => {
    const raw = randomBytes(32);
    const ids = [
      createKeyring({ active: raw }).activeKeyId,
      createKeyring({ active: raw.toString("base64") }).activeKeyId,
      createKeyring({ active: raw.toString("base64url") }).activeKeyId,
    ];
    expect(ids[0]).toMatch(/^[0-9a-f]{8}$/);
    expect(new Set(ids).size).toBe(1);
  });

  it("derives different ids for different keys", () => {
    expect(createKeyring({ active: generateKey() }).activeKeyId).not.toBe(
      createKeyring({ active: generateKey() }).activeKeyId,
    );
  });

  it("generateKey returns base64 for 32 random bytes", () => {
    const key = generateKey();
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(key).not.toBe(generateKey());
  });

  it.each([
    ["16-byte base64", randomBytes(16).toString("base64")],
    ["33-byte base64", randomBytes(33).toString("base64")],
    ["non-base64", "this is not base64 at all!!!!!!!!!!!!!!!!!!!!"],
    ["empty", ""],
  ])("rejects a %s active key", (_label, active) => {
    expect(() => createKeyring({ active })).toThrow(/SECRETS_KEY must be 32 bytes of base64/);
  });

  it("rejects a raw buffer of the wrong length", () => {
    expect(() => createKeyring({ active: randomBytes(31) })).toThrow(/32 bytes.*got 31 bytes/);
  });

  it("names the offending previous key without echoing it", () => {
    const bad = randomBytes(20).toString("base64");
    let message = "";
    try {
      createKeyring({ active: generateKey(), previous: [generateKey(), bad] });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/SECRETS_PREVIOUS_KEYS\[1\] must be 32 bytes of base64/);
    expect(message).not.toContain(bad);
  });

  it("does not expose key material when logged or serialised", () => {
    const key = generateKey();
    const keyring = createKeyring({ active: key });
    const hex = Buffer.from(key, "base64").toString("hex");
    for (const text of [JSON.stringify(keyring), inspect(keyring, { depth: 10, showHidden: true })]) {
      expect(text).toContain(keyring.activeKeyId);
      expect(text).not.toContain(key);
      expect(text).not.toContain(hex.slice(0, 16));
    }
  });
});

describe("parseKeyringFromEnv", () => {
  it("throws a clear error when SECRETS_KEY is missing or blank", () => {
    expect(() => parseKeyringFromEnv({})).toThrow(/SECRETS_KEY is not set/);
    expect(() => parseKeyringFromEnv({ SECRETS_KEY: "   " })).toThrow(/SECRETS_KEY is not set/);
  });

  it("throws when SECRETS_KEY has the wrong length", () => {
    expect(() => parseKeyringFromEnv({ SECRETS_KEY: randomBytes(24).toString("base64") })).toThrow(
      /SECRETS_KEY must be 32 bytes of base64/,
    );
  });

  it("throws when a previous key is invalid", () => {
    expect(() =>
      parseKeyringFromEnv({ SECRETS_KEY: generateKey(), SECRETS_PREVIOUS_KEYS: "short" }),
    ).toThrow(/SECRETS_PREVIOUS_KEYS\[0\] must be 32 bytes/);
  });

  it("loads comma separated previous keys, ignoring blanks and whitespace", () => {
    const oldA = generateKey();
    const oldB = generateKey();
    const ciphertextA = encryptSecret(createKeyring({ active: oldA }), "a-secret", CONTEXT);
    const ciphertextB = encryptSecret(createKeyring({ active: oldB }), "b-secret", CONTEXT);
    const keyring = parseKeyringFromEnv({
      SECRETS_KEY: ` ${generateKey()} `,
      SECRETS_PREVIOUS_KEYS: ` ${oldA} ,, ${oldB},`,
    });
    expect(keyring.keyIds).toHaveLength(3);
    expect(decryptSecret(keyring, ciphertextA, CONTEXT)).toBe("a-secret");
    expect(decryptSecret(keyring, ciphertextB, CONTEXT)).toBe("b-secret");
    expect(needsReencryption(keyring, ciphertextA)).toBe(true);
  });

  it("works without previous keys", () => {
    const key = generateKey();
    const keyring = parseKeyringFromEnv({ SECRETS_KEY: key });
    expect(keyring.activeKeyId).toBe(createKeyring({ active: key }).activeKeyId);
    expect(keyring.keyIds).toEqual([keyring.activeKeyId]);
  });
});
