import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { describe, expect, it } from "vitest";
import { MAX_KDF_ITERATIONS, MAX_SCRYPT_COST } from "@/lib/validations/certificates";
import { encryptedLeafKey } from "@/testing/hostile-certificates";
import { fixture } from "@/testing/fixtures/certificates";
import { encryptedKeyVerdict, iterationsWithinLimit, kdfVerdict, OID, Pbes2Params, Pbkdf2Params, SaltAndCountParams, ScryptParams } from "./kdf-params";
import { pemBlocks, pemBody } from "./pem";

const salt = new OctetString(new Uint8Array(16));
const algorithm = (oid: string, params?: object) =>
  new AlgorithmIdentifier({ algorithm: oid, parameters: params ? AsnConvert.serialize(params) : null });

function pbes2(kdf: AlgorithmIdentifier): AlgorithmIdentifier {
  return algorithm(OID.pbes2, new Pbes2Params({ keyDerivationFunc: kdf, encryptionScheme: algorithm(OID.aes256Cbc, new OctetString(new Uint8Array(16))) }));
}

const pbkdf2 = (iterationCount: bigint) => pbes2(algorithm(OID.pbkdf2, new Pbkdf2Params({ salt: AsnConvert.serialize(salt), iterationCount })));

function scrypt(n: bigint, r: bigint, p: bigint): AlgorithmIdentifier {
  const params = Object.assign(new ScryptParams(), { salt, costParameter: n, blockSize: r, parallelizationParameter: p });
  return pbes2(algorithm(OID.scrypt, params));
}

const PKCS12_3DES = "1.2.840.113549.1.12.1.3";
const PBES1_MD5_DES = "1.2.840.113549.1.5.3";
const max = BigInt(MAX_KDF_ITERATIONS);

describe("kdfVerdict", () => {
  it.each<[string, AlgorithmIdentifier, string]>([
    ["PBKDF2 at OpenSSL's 2,048", pbkdf2(2048n), "ok"],
    ["PBKDF2 at the limit", pbkdf2(max), "ok"],
    ["PBKDF2 one over the limit", pbkdf2(max + 1n), "tooCostly"],
    ["PBKDF2 at 2^31 - 1", pbkdf2(2n ** 31n - 1n), "tooCostly"],
    ["PBKDF2 at 2^64 (a reader that narrows to 32 bits would see 0)", pbkdf2(2n ** 64n), "tooCostly"],
    ["scrypt at OpenSSL's N=16384, r=8, p=1", scrypt(16384n, 8n, 1n), "ok"],
    ["scrypt at the limit", scrypt(BigInt(MAX_SCRYPT_COST) / 8n, 8n, 1n), "ok"],
    ["scrypt with p = 16", scrypt(16384n, 8n, 16n), "tooCostly"],
    ["PKCS#12 3DES at 2,000", algorithm(PKCS12_3DES, new SaltAndCountParams({ salt, iterations: 2000n })), "ok"],
    ["PKCS#12 3DES at 2,000,000", algorithm(PKCS12_3DES, new SaltAndCountParams({ salt, iterations: 2_000_000n })), "tooCostly"],
    ["PBES1 at 2^31 - 1", algorithm(PBES1_MD5_DES, new SaltAndCountParams({ salt, iterations: 2n ** 31n - 1n })), "tooCostly"],
    ["PBES2 with a KDF nobody knows", pbes2(algorithm("1.2.3.4", salt)), "unsupported"],
    ["PBES2 without parameters", algorithm(OID.pbes2), "unsupported"],
    ["PBKDF2 parameters that are not PBKDF2's", pbes2(algorithm(OID.pbkdf2, salt)), "unsupported"],
    ["an unknown scheme", algorithm("1.2.840.113549.3.7"), "unsupported"],
  ])("weighs %s", (_label, given, verdict) => {
    expect(kdfVerdict(given)).toBe(verdict);
  });

  it("takes an iteration count as a number, a decimal string or a bigint, and refuses what is not one", () => {
    expect([MAX_KDF_ITERATIONS, String(MAX_KDF_ITERATIONS), max].map(iterationsWithinLimit)).toEqual([true, true, true]);
    expect([MAX_KDF_ITERATIONS + 1, "2147483647", "18446744073709551616", max + 1n, "many"].map(iterationsWithinLimit)).toEqual([false, false, false, false, false]);
  });
});

describe("encryptedKeyVerdict", () => {
  const verdictOf = (pem: string) => encryptedKeyVerdict(pemBody(pemBlocks(pem)[0]!));

  it("accepts the fixture key (OpenSSL 3's defaults) and a key at the limit", () => {
    expect(verdictOf(fixture("leaf-encrypted.key").toString())).toBe("ok");
    expect(verdictOf(encryptedLeafKey(MAX_KDF_ITERATIONS))).toBe("ok");
  });

  it("refuses 2,000,000 iterations, and bytes that are no EncryptedPrivateKeyInfo", () => {
    expect(verdictOf(encryptedLeafKey(2_000_000))).toBe("tooCostly");
    expect(encryptedKeyVerdict(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x01]))).toBe("unreadable");
  });
});
