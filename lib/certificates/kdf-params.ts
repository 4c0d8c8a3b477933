// How much work a password-based encryption asks for, read from its AlgorithmIdentifier with
// @peculiar/asn1-schema before OpenSSL runs it: PKCS#12 files and encrypted keys carry their own
// iteration counts (up to 2^31, minutes of CPU), and OpenSSL honours whatever they say.
import { AsnConvert, AsnIntegerBigIntConverter, AsnProp, AsnPropTypes, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { EncryptedPrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { MAX_KDF_ITERATIONS, MAX_SCRYPT_COST } from "@/lib/validations/certificates";

export const OID = {
  pbes2: "1.2.840.113549.1.5.13",
  pbkdf2: "1.2.840.113549.1.5.12",
  scrypt: "1.3.6.1.4.1.11591.4.11",
  hmacWithSha256: "1.2.840.113549.2.9",
  aes256Cbc: "2.16.840.1.101.3.4.1.42",
} as const;

/** PBES1 (PKCS#5 v1.5) and the PKCS#12 PBE schemes: both take `{ salt, iterationCount }`. */
const SALT_AND_COUNT_SCHEMES = new Set([
  ...["1", "3", "4", "6", "10", "11"].map((n) => `1.2.840.113549.1.5.${n}`),
  ...["1", "2", "3", "4", "5", "6"].map((n) => `1.2.840.113549.1.12.1.${n}`),
]);

// The classes below follow RFC 8018 (PKCS#5 v2.1) and RFC 7914 (scrypt). The decorators are applied
// as calls because the project compiles without experimentalDecorators.
const integer = { type: AsnPropTypes.Integer, converter: AsnIntegerBigIntConverter } as const;

/** `PBES2-params ::= SEQUENCE { keyDerivationFunc AlgorithmIdentifier, encryptionScheme AlgorithmIdentifier }` */
export class Pbes2Params {
  keyDerivationFunc = new AlgorithmIdentifier();
  encryptionScheme = new AlgorithmIdentifier();
  constructor(params: Partial<Pbes2Params> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, "keyDerivationFunc");
AsnProp({ type: AlgorithmIdentifier })(Pbes2Params.prototype, "encryptionScheme");

/** `PBKDF2-params ::= SEQUENCE { salt CHOICE {…}, iterationCount INTEGER, keyLength INTEGER OPTIONAL, prf AlgorithmIdentifier DEFAULT hmacWithSHA1 }` */
export class Pbkdf2Params {
  /** The salt CHOICE as encoded (an OCTET STRING in practice). */
  salt: ArrayBuffer = new ArrayBuffer(0);
  iterationCount = 0n;
  keyLength?: bigint;
  prf?: AlgorithmIdentifier;
  constructor(params: Partial<Pbkdf2Params> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AsnPropTypes.Any })(Pbkdf2Params.prototype, "salt");
AsnProp(integer)(Pbkdf2Params.prototype, "iterationCount");
AsnProp({ ...integer, optional: true })(Pbkdf2Params.prototype, "keyLength");
AsnProp({ type: AlgorithmIdentifier, optional: true })(Pbkdf2Params.prototype, "prf");

/** `scrypt-params ::= SEQUENCE { salt OCTET STRING, costParameter, blockSize, parallelizationParameter INTEGER, keyLength INTEGER OPTIONAL }` */
export class ScryptParams {
  salt = new OctetString();
  costParameter = 0n;
  blockSize = 0n;
  parallelizationParameter = 0n;
  keyLength?: bigint;
}
AsnProp({ type: OctetString })(ScryptParams.prototype, "salt");
AsnProp(integer)(ScryptParams.prototype, "costParameter");
AsnProp(integer)(ScryptParams.prototype, "blockSize");
AsnProp(integer)(ScryptParams.prototype, "parallelizationParameter");
AsnProp({ ...integer, optional: true })(ScryptParams.prototype, "keyLength");

/** `PBEParameter` (PKCS#5) and `pkcs-12PbeParams`: `SEQUENCE { salt OCTET STRING, iterations INTEGER }` */
export class SaltAndCountParams {
  salt = new OctetString();
  iterations = 0n;
  constructor(params: Partial<SaltAndCountParams> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: OctetString })(SaltAndCountParams.prototype, "salt");
AsnProp(integer)(SaltAndCountParams.prototype, "iterations");

/** What a password-based encryption asks of the console: fine, too much work, or a scheme it cannot weigh. */
export type KdfVerdict = "ok" | "tooCostly" | "unsupported";

function paramsOf<T>(algorithm: AlgorithmIdentifier, type: new () => T): T | null {
  if (!algorithm.parameters) return null;
  try {
    return AsnConvert.parse(algorithm.parameters, type, { berOptions: { parseEmbedded: false } });
  } catch {
    return null;
  }
}

/** An iteration count as any ASN.1 INTEGER reader may hand it over (a number, a decimal string or a bigint). */
export function iterationsWithinLimit(count: bigint | number | string): boolean {
  try {
    return BigInt(count) <= BigInt(MAX_KDF_ITERATIONS);
  } catch {
    return false;
  }
}

function pbes2Verdict(algorithm: AlgorithmIdentifier): KdfVerdict {
  const kdf = paramsOf(algorithm, Pbes2Params)?.keyDerivationFunc;
  if (kdf?.algorithm === OID.pbkdf2) {
    const params = paramsOf(kdf, Pbkdf2Params);
    if (!params) return "unsupported";
    return iterationsWithinLimit(params.iterationCount) ? "ok" : "tooCostly";
  }
  if (kdf?.algorithm === OID.scrypt) {
    const params = paramsOf(kdf, ScryptParams);
    if (!params) return "unsupported";
    return params.costParameter * params.blockSize * params.parallelizationParameter <= BigInt(MAX_SCRYPT_COST) ? "ok" : "tooCostly";
  }
  return "unsupported";
}

/**
 * Weighs the key derivation of an encryption algorithm (PBES2 with PBKDF2 or scrypt, PBES1, the
 * PKCS#12 PBE schemes). Anything else is "unsupported": its cost cannot be known, so it is not run.
 */
export function kdfVerdict(algorithm: AlgorithmIdentifier): KdfVerdict {
  if (algorithm.algorithm === OID.pbes2) return pbes2Verdict(algorithm);
  if (SALT_AND_COUNT_SCHEMES.has(algorithm.algorithm)) {
    const params = paramsOf(algorithm, SaltAndCountParams);
    if (!params) return "unsupported";
    return iterationsWithinLimit(params.iterations) ? "ok" : "tooCostly";
  }
  return "unsupported";
}

/** The verdict on an `EncryptedPrivateKeyInfo` (the DER inside `-----BEGIN ENCRYPTED PRIVATE KEY-----`, or a PKCS#12 shrouded key bag). */
export function encryptedKeyVerdict(der: BufferSource): KdfVerdict | "unreadable" {
  let info: EncryptedPrivateKeyInfo;
  try {
    info = AsnConvert.parse(der, EncryptedPrivateKeyInfo, { berOptions: { parseEmbedded: false } });
  } catch {
    return "unreadable";
  }
  return kdfVerdict(info.encryptionAlgorithm);
}
