// Hostile certificate files, built at test time from the fixtures with node:crypto and the
// @peculiar ASN.1 classes: PKCS#12 files and encrypted keys that ask OpenSSL for millions of
// key-derivation iterations, PEM floods, and PKCS#12 shapes no exporter writes.
import { createCipheriv, createPrivateKey, pbkdf2Sync, randomBytes, X509Certificate } from "node:crypto";
import { ContentInfo, EncryptedContent, EncryptedContentInfo, id_data, id_encryptedData } from "@peculiar/asn1-cms";
import {
  AuthenticatedSafe,
  CertBag,
  id_certBag,
  id_pkcs8ShroudedKeyBag,
  id_SafeContents,
  id_x509Certificate,
  PFX,
  SafeBag,
  SafeContents,
} from "@peculiar/asn1-pfx";
import { EncryptedData, EncryptedPrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { fixture, fixtureText, P12_PASSWORD } from "@/testing/fixtures/certificates";
import { OID, Pbes2Params, Pbkdf2Params } from "@/lib/certificates/kdf-params";
import { CmsEncryptedData } from "@/lib/certificates/pkcs12-limits";

export { P12_PASSWORD };
export const HOSTILE_KEY_PASSPHRASE = "hostile-key-passphrase";

const der = (value: object) => new Uint8Array(AsnConvert.serialize(value));

function toPem(label: string, bytes: Uint8Array): string {
  const body = Buffer.from(bytes).toString("base64").replace(/.{64}/g, "$&\n").trimEnd();
  return `-----BEGIN ${label}-----\n${body}\n-----END ${label}-----\n`;
}

/** PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as OpenSSL 3 writes it, with any iteration count. */
function pbes2(salt: Uint8Array, iterations: bigint, iv: Uint8Array): AlgorithmIdentifier {
  const kdf = new Pbkdf2Params({
    salt: AsnConvert.serialize(new OctetString(salt)),
    iterationCount: iterations,
    prf: new AlgorithmIdentifier({ algorithm: OID.hmacWithSha256, parameters: null }),
  });
  const params = new Pbes2Params({
    keyDerivationFunc: new AlgorithmIdentifier({ algorithm: OID.pbkdf2, parameters: AsnConvert.serialize(kdf) }),
    encryptionScheme: new AlgorithmIdentifier({ algorithm: OID.aes256Cbc, parameters: AsnConvert.serialize(new OctetString(iv)) }),
  });
  return new AlgorithmIdentifier({ algorithm: OID.pbes2, parameters: AsnConvert.serialize(params) });
}

/** Encrypts for real (so OpenSSL can open it) — only sensible for counts that finish in a test. */
function pbes2Encrypt(password: string, plaintext: Uint8Array, iterations: number) {
  const salt = randomBytes(16);
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", pbkdf2Sync(password, salt, iterations, 32, "sha256"), iv);
  return { algorithm: pbes2(salt, BigInt(iterations), iv), ciphertext: Buffer.concat([cipher.update(plaintext), cipher.final()]) };
}

/** A PKCS#8 `ENCRYPTED PRIVATE KEY` of `leaf.key` that opens with HOSTILE_KEY_PASSPHRASE after `iterations` PBKDF2 rounds. */
export function encryptedLeafKey(iterations: number): string {
  const plain = createPrivateKey(fixture("leaf.key")).export({ type: "pkcs8", format: "der" });
  const { algorithm, ciphertext } = pbes2Encrypt(HOSTILE_KEY_PASSPHRASE, plain, iterations);
  return toPem("ENCRYPTED PRIVATE KEY", der(new EncryptedPrivateKeyInfo({ encryptionAlgorithm: algorithm, encryptedData: new EncryptedData(ciphertext) })));
}

/** A shrouded key that claims `iterations` (up to 2^31 and beyond) over random bytes: it costs whoever derives its key. */
function claimedShroudedKey(iterations: bigint): SafeBag {
  const info = new EncryptedPrivateKeyInfo({
    encryptionAlgorithm: pbes2(randomBytes(16), iterations, randomBytes(16)),
    encryptedData: new EncryptedData(randomBytes(160)),
  });
  return new SafeBag({ bagId: id_pkcs8ShroudedKeyBag, bagValue: AsnConvert.serialize(info) });
}

const octets = (bytes: ArrayBuffer) => AsnConvert.serialize(new OctetString(bytes));

/** identity.p12 (password P12_PASSWORD) with its MAC's iteration count patched (the 1,048,575; or 2^31 - 1). */
export function pkcs12WithMacIterations(iterations: number): Uint8Array {
  const pfx = AsnConvert.parse(fixture("identity.p12"), PFX);
  pfx.macData.iterations = iterations;
  return der(pfx);
}

/**
 * A PKCS#12 file without a MAC, opened with an empty password (OpenSSL then checks nothing
 * before it decrypts), whose AuthenticatedSafe holds `parts`. Whoever chooses the password can
 * as well compute a valid MAC: leaving it out only spares the generator the PKCS#12 KDF.
 */
function unsealedPkcs12(parts: ContentInfo[]): Uint8Array {
  const authSafe = new ContentInfo({ contentType: id_data, content: octets(AsnConvert.serialize(new AuthenticatedSafe(parts))) });
  const pfx = new PFX({ version: 3, authSafe });
  delete (pfx as Partial<PFX>).macData;
  return der(pfx);
}

const dataPart = (bags: SafeBag[]) => new ContentInfo({ contentType: id_data, content: octets(AsnConvert.serialize(new SafeContents(bags))) });

function certificateBag(): SafeBag {
  const certValue = octets(new Uint8Array(new X509Certificate(fixture("leaf.pem")).raw).buffer);
  return new SafeBag({ bagId: id_certBag, bagValue: AsnConvert.serialize(new CertBag({ certId: id_x509Certificate, certValue })) });
}

/** A shrouded key in the unencrypted part that claims `iterations`. */
export function pkcs12WithKeyIterations(iterations: bigint): Uint8Array {
  return unsealedPkcs12([dataPart([claimedShroudedKey(iterations)])]);
}

function encryptedPart(algorithm: AlgorithmIdentifier, ciphertext: Uint8Array): ContentInfo {
  const encryptedContentInfo = new EncryptedContentInfo({
    contentType: id_data,
    contentEncryptionAlgorithm: algorithm,
    encryptedContent: new EncryptedContent({ value: new OctetString(ciphertext) }),
  });
  return new ContentInfo({ contentType: id_encryptedData, content: AsnConvert.serialize(new CmsEncryptedData({ version: 0, encryptedContentInfo })) });
}

/** An encrypted part (where exporters put the certificates) that claims `iterations`. */
export function pkcs12WithCertificateIterations(iterations: bigint): Uint8Array {
  return unsealedPkcs12([encryptedPart(pbes2(randomBytes(16), iterations, randomBytes(16)), randomBytes(160))]);
}

/** `count` certificate bags in one unencrypted part: OpenSSL parses every certificate. */
export function pkcs12WithManyBags(count: number): Uint8Array {
  const bag = certificateBag();
  return unsealedPkcs12([dataPart(Array.from({ length: count }, () => bag))]);
}

/** SafeContents bags nested `depth` deep around one certificate bag. */
export function pkcs12Nested(depth: number): Uint8Array {
  let bag = certificateBag();
  for (let level = 0; level < depth; level += 1) {
    bag = new SafeBag({ bagId: id_SafeContents, bagValue: AsnConvert.serialize(new SafeContents([bag])) });
  }
  return unsealedPkcs12([dataPart([bag])]);
}

/**
 * An unsealed PKCS#12 file (empty password) whose only part is encrypted with an honest 2,048
 * iterations and holds a shrouded key claiming `iterations`: the claim is invisible without the
 * password, so only the reader's time bound stops OpenSSL deriving its key.
 */
export function pkcs12WithHiddenKeyIterations(iterations: bigint): Uint8Array {
  const { algorithm, ciphertext } = pbes2Encrypt("", der(new SafeContents([claimedShroudedKey(iterations)])), 2048);
  return unsealedPkcs12([encryptedPart(algorithm, ciphertext)]);
}

/** `count` PEM certificates (the eleven of bundle-11.pem, over and over): ~0.6 MB for 1,000. */
export function pemBundle(count: number): string {
  const certificates = fixtureText("bundle-11.pem").split(/(?<=-----END CERTIFICATE-----\n)/).filter((block) => block.includes("BEGIN"));
  return Array.from({ length: count }, (_, i) => certificates[i % certificates.length]).join("");
}

/** BEGIN lines that never end, up to `bytes`: a backtracking PEM regex takes quadratic time on them. */
export function unterminatedPem(bytes: number): string {
  const line = "-----BEGIN CERTIFICATE-----\n";
  return line.repeat(Math.floor(bytes / line.length));
}
