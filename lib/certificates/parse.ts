// Reading certificate files with node:crypto only: PEM (one certificate or a chain), DER, and
// certificate + private key as PEM. The format is taken from the content, never the file name.
// These functions run OpenSSL in the calling thread: uploads reach them in a separate process
// (./read-in-child.ts); in-process callers are the seed script and tests, with files of our own.
import { createPrivateKey, type KeyObject, X509Certificate } from "node:crypto";
import { MAX_CERTIFICATE_FILE_BYTES, MAX_CHAIN_LENGTH } from "@/lib/validations/certificates";
import { CertificateError } from "./errors";
import { encryptedKeyVerdict } from "./kdf-params";
import { CERTIFICATE_LABELS, isPrivateKeyLabel, pemBlocks, pemBody, type PemBlock } from "./pem";

export { CertificateError, type CertificateProblem } from "./errors";
export { pemBlocks } from "./pem";

/** One certificate as the console lists it. */
export interface CertificateSummary {
  subject: string;
  issuer: string;
  serialNumber: string;
  notBefore: Date;
  notAfter: Date;
  /** Colon-separated upper-case hex, as browsers show it. */
  fingerprintSha256: string;
  selfSigned: boolean;
  isCa: boolean;
}

/** A chain, leaf first, with the PEM the console stores. */
export interface ParsedChain {
  chain: CertificateSummary[];
  chainPem: string;
}

export interface ParsedIdentity extends ParsedChain {
  /** The key as unencrypted PKCS#8 PEM: the caller encrypts it before it goes anywhere. */
  privateKeyPem: string;
}

export function checkFileSize(data: Uint8Array): void {
  if (data.byteLength === 0) throw new CertificateError("fileEmpty");
  if (data.byteLength > MAX_CERTIFICATE_FILE_BYTES) throw new CertificateError("fileTooLarge");
}

function toX509(input: string | Buffer): X509Certificate {
  try {
    return new X509Certificate(input);
  } catch {
    throw new CertificateError("notACertificate");
  }
}

/** Every certificate in a PEM or DER file, in file order. */
function readCertificates(data: Uint8Array, { allowPrivateKey }: { allowPrivateKey: boolean }): X509Certificate[] {
  checkFileSize(data);
  const blocks = pemBlocks(data);
  if (blocks.length === 0) return [toX509(Buffer.from(data))]; // not PEM: DER holds exactly one certificate
  if (!allowPrivateKey && blocks.some((block) => isPrivateKeyLabel(block.label))) {
    throw new CertificateError("containsPrivateKey");
  }
  const certificates = blocks.filter((block) => CERTIFICATE_LABELS.has(block.label));
  if (certificates.length === 0) {
    throw new CertificateError(blocks.some((block) => block.label === "PKCS7") ? "pkcs7NotSupported" : "notACertificate");
  }
  return certificates.map((block) => toX509(block.text));
}

function distinguishedName(multiline: string): string {
  // Node lists the RDNs root-first, one per line; people (and browsers) read them most specific first.
  return multiline.split("\n").filter(Boolean).reverse().join(", ");
}

function parseDate(value: string): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new CertificateError("notACertificate");
  return date;
}

function isSelfSigned(certificate: X509Certificate): boolean {
  try {
    return certificate.subject === certificate.issuer && certificate.verify(certificate.publicKey);
  } catch {
    return false;
  }
}

export function summarize(certificate: X509Certificate): CertificateSummary {
  return {
    subject: distinguishedName(certificate.subject ?? ""),
    issuer: distinguishedName(certificate.issuer ?? ""),
    serialNumber: certificate.serialNumber.toUpperCase(),
    notBefore: parseDate(certificate.validFrom),
    notAfter: parseDate(certificate.validTo),
    fingerprintSha256: certificate.fingerprint256,
    selfSigned: isSelfSigned(certificate),
    isCa: certificate.ca,
  };
}

function issuedBy(certificate: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return certificate !== issuer && certificate.checkIssued(issuer);
  } catch {
    return false;
  }
}

/**
 * Leaf first, then its issuer, its issuer's issuer, ... Files list chains either way round; a bundle
 * of unrelated certificates keeps its order. Duplicates are dropped.
 */
export function orderChain(certificates: X509Certificate[], leaf?: X509Certificate): X509Certificate[] {
  const all = leaf ? [leaf, ...certificates] : certificates;
  const unique = all.filter(
    (certificate, index) => all.findIndex((other) => other.fingerprint256 === certificate.fingerprint256) === index,
  );
  const start = leaf ?? unique.find((candidate) => !unique.some((other) => issuedBy(other, candidate))) ?? unique[0]!;
  const ordered = [start];
  for (let current = start; ; ) {
    const issuer = unique.find((other) => !ordered.includes(other) && issuedBy(current, other));
    if (!issuer) break;
    ordered.push(issuer);
    current = issuer;
  }
  return [...ordered, ...unique.filter((certificate) => !ordered.includes(certificate))];
}

export function toParsedChain(certificates: X509Certificate[]): ParsedChain {
  if (certificates.length > MAX_CHAIN_LENGTH) throw new CertificateError("tooManyCertificates");
  return {
    chain: certificates.map(summarize),
    chainPem: certificates.map((certificate) => certificate.toString().trim() + "\n").join(""),
  };
}

/** A trust certificate file: PEM (one certificate or a chain) or DER. A private key in it is refused. */
export function parseTrustCertificates(data: Uint8Array): ParsedChain {
  return toParsedChain(orderChain(readCertificates(data, { allowPrivateKey: false })));
}

/** PKCS#8 encryption names its own key derivation and iteration count: weigh it before OpenSSL runs it. */
function checkKeyDerivation(block: PemBlock): void {
  const verdict = encryptedKeyVerdict(pemBody(block));
  if (verdict === "tooCostly") throw new CertificateError("keyIterationsTooHigh");
  if (verdict === "unsupported") throw new CertificateError("keyEncryptionUnsupported");
  if (verdict === "unreadable") throw new CertificateError("notAPrivateKey");
}

function readPrivateKey(source: Uint8Array, passphrase: string | undefined, fromKeyFile: boolean): KeyObject {
  const block = pemBlocks(source).find((candidate) => isPrivateKeyLabel(candidate.label));
  if (!block) throw new CertificateError(fromKeyFile ? "notAPrivateKey" : "keyMissing");
  if (block.label === "ENCRYPTED PRIVATE KEY") checkKeyDerivation(block);
  // Traditional "Proc-Type: 4,ENCRYPTED" keys derive their key with one MD5 round: nothing to weigh.
  const encrypted = block.label === "ENCRYPTED PRIVATE KEY" || /Proc-Type:\s*4,ENCRYPTED/.test(block.text);
  if (encrypted && !passphrase) throw new CertificateError("keyEncrypted");
  try {
    return createPrivateKey({ key: block.text, format: "pem", passphrase: encrypted ? passphrase : undefined });
  } catch {
    throw new CertificateError(encrypted ? "keyPassphraseWrong" : "notAPrivateKey");
  }
}

/**
 * An identity certificate as PEM: the certificate (and its chain) plus the private key, from its own
 * file or from the certificate file. An encrypted key needs its passphrase; the key is returned decrypted.
 */
export function parseIdentityPem(input: { certificate: Uint8Array; key?: Uint8Array; keyPassphrase?: string }): ParsedIdentity {
  const certificates = readCertificates(input.certificate, { allowPrivateKey: true });
  if (input.key) checkFileSize(input.key);
  const key = readPrivateKey(input.key ?? input.certificate, input.keyPassphrase, Boolean(input.key));
  const leaf = certificates.find((certificate) => {
    try {
      return certificate.checkPrivateKey(key);
    } catch {
      return false;
    }
  });
  if (!leaf) throw new CertificateError("keyMismatch");
  return {
    ...toParsedChain(orderChain(certificates, leaf)),
    privateKeyPem: key.export({ type: "pkcs8", format: "pem" }).toString(),
  };
}

/** The stored chain, read back for display: each certificate's details and its PEM. */
export function readChainPem(chainPem: string): (CertificateSummary & { pem: string })[] {
  return pemBlocks(chainPem)
    .filter((block) => CERTIFICATE_LABELS.has(block.label))
    .map((block) => ({ ...summarize(toX509(block.text)), pem: block.text }));
}
