// Reads a PKCS#12 file's structure with @peculiar/asn1-pfx before OpenSSL opens it, and refuses
// what would make OpenSSL work without bound: a MAC or encryption with more key-derivation
// iterations than the console accepts, a scheme whose cost cannot be weighed, or an absurd shape.
// Keys inside encrypted parts cannot be seen without the password: the time bound of the separate
// process that opens the file (./read-in-child.ts) covers those.
import { ContentInfo, EncryptedContentInfo, id_data, id_encryptedData, UnprotectedAttributes } from "@peculiar/asn1-cms";
import { id_pkcs8ShroudedKeyBag, id_SafeContents, PFX, SafeBag } from "@peculiar/asn1-pfx";
import { AsnConvert, AsnProp, AsnPropTypes } from "@peculiar/asn1-schema";
import { fromBER, OctetString, Sequence } from "asn1js";
import { PKCS12_LIMITS } from "@/lib/validations/certificates";
import { CertificateError } from "./errors";
import { encryptedKeyVerdict, iterationsWithinLimit, kdfVerdict, type KdfVerdict } from "./kdf-params";

/** CMS `EncryptedData ::= SEQUENCE { version, encryptedContentInfo, unprotectedAttrs [1] IMPLICIT OPTIONAL }` (RFC 5652 §8). */
export class CmsEncryptedData {
  version = 0;
  encryptedContentInfo = new EncryptedContentInfo();
  unprotectedAttrs?: UnprotectedAttributes;
  constructor(params: Partial<CmsEncryptedData> = {}) {
    Object.assign(this, params);
  }
}
AsnProp({ type: AsnPropTypes.Integer })(CmsEncryptedData.prototype, "version");
AsnProp({ type: EncryptedContentInfo })(CmsEncryptedData.prototype, "encryptedContentInfo");
AsnProp({ type: UnprotectedAttributes, context: 1, implicit: true, optional: true })(CmsEncryptedData.prototype, "unprotectedAttrs");

/**
 * asn1js would otherwise try every OCTET STRING (each certificate, each ciphertext) as nested
 * ASN.1; its depth and node limits stay on (a structure beyond them is refused as too complex).
 */
export const UNTRUSTED_BER = { parseEmbedded: false } as const;

function parse<T>(data: BufferSource, type: new () => T): T {
  try {
    return AsnConvert.parse(data, type, { berOptions: UNTRUSTED_BER });
  } catch (error) {
    throw new CertificateError(isOverLimit(error) ? "pkcs12TooComplex" : "notPkcs12");
  }
}

function isOverLimit(error: unknown): boolean {
  return /depth|nodes/i.test(error instanceof Error ? error.message : String(error));
}

/** The bytes of a `Data` content: an OCTET STRING, possibly in BER's constructed form, which PKCS#12 allows. */
function dataBytes(content: ArrayBuffer): ArrayBuffer {
  const { offset, result } = fromBER(content, UNTRUSTED_BER);
  if (offset === -1 || !(result instanceof OctetString)) throw new CertificateError(isOverLimit(result.error) ? "pkcs12TooComplex" : "notPkcs12");
  return result.getValue();
}

/**
 * The elements of a SEQUENCE OF, counted before any is parsed: asn1-schema matches a long
 * SEQUENCE OF against its schema slowly, so a list is cut into its items first.
 */
function sequenceItems(der: ArrayBuffer, max: number): ArrayBuffer[] {
  const { offset, result } = fromBER(der, UNTRUSTED_BER);
  if (offset === -1 || !(result instanceof Sequence)) throw new CertificateError(isOverLimit(result.error) ? "pkcs12TooComplex" : "notPkcs12");
  if (result.valueBlock.value.length > max) throw new CertificateError("pkcs12TooComplex");
  return result.valueBlock.value.map((item) => item.valueBeforeDecodeView.slice().buffer);
}

function refuseUnless(verdict: KdfVerdict | "unreadable"): void {
  if (verdict === "tooCostly") throw new CertificateError("pkcs12IterationsTooHigh");
  if (verdict !== "ok") throw new CertificateError("pkcs12EncryptionUnsupported");
}

interface Tally {
  bags: number;
  encryptedItems: number;
}

function count(tally: Tally, key: keyof Tally, by = 1): void {
  tally[key] += by;
  if (tally[key] > PKCS12_LIMITS[key]) throw new CertificateError("pkcs12TooComplex");
}

function checkSafeContents(der: ArrayBuffer, depth: number, tally: Tally): void {
  if (depth > PKCS12_LIMITS.nesting) throw new CertificateError("pkcs12TooComplex");
  const items = sequenceItems(der, PKCS12_LIMITS.bags - tally.bags);
  count(tally, "bags", items.length);
  for (const bag of items.map((item) => parse(item, SafeBag))) {
    if (bag.bagId === id_pkcs8ShroudedKeyBag) {
      count(tally, "encryptedItems");
      refuseUnless(encryptedKeyVerdict(bag.bagValue));
    } else if (bag.bagId === id_SafeContents) {
      checkSafeContents(bag.bagValue, depth + 1, tally);
    }
  }
}

function checkPart(part: ContentInfo, tally: Tally): void {
  if (part.contentType === id_data) {
    checkSafeContents(dataBytes(part.content), 0, tally);
  } else if (part.contentType === id_encryptedData) {
    count(tally, "encryptedItems");
    refuseUnless(kdfVerdict(parse(part.content, CmsEncryptedData).encryptedContentInfo.contentEncryptionAlgorithm));
  }
  // Other parts (public-key EnvelopedData) involve no password and OpenSSL skips them.
}

/**
 * Refuses a PKCS#12 file whose visible key derivations or shape exceed the console's limits
 * (`MAX_KDF_ITERATIONS`, `PKCS12_LIMITS`), and bytes that are not PKCS#12 at all ("notPkcs12").
 */
export function checkPkcs12Limits(data: Uint8Array): void {
  const pfx = parse(new Uint8Array(data), PFX);
  // MacData's INTEGER arrives as a number, or as a decimal string when it takes 4 bytes or more.
  if (pfx.macData && !iterationsWithinLimit(pfx.macData.iterations)) throw new CertificateError("pkcs12IterationsTooHigh");
  // Public-key integrity (SignedData) is not something OpenSSL reads either.
  if (pfx.authSafe.contentType !== id_data) throw new CertificateError("notPkcs12");
  const parts = sequenceItems(dataBytes(pfx.authSafe.content), PKCS12_LIMITS.parts);
  const tally: Tally = { bags: 0, encryptedItems: 0 };
  for (const part of parts) checkPart(parse(part, ContentInfo), tally);
}
