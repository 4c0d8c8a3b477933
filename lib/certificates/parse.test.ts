import { createPrivateKey, X509Certificate } from "node:crypto";
import { EncryptedData, EncryptedPrivateKeyInfo } from "@peculiar/asn1-pkcs8";
import { AsnConvert, OctetString } from "@peculiar/asn1-schema";
import { AlgorithmIdentifier } from "@peculiar/asn1-x509";
import { describe, expect, it } from "vitest";
import { MAX_CERTIFICATE_FILE_BYTES } from "@/lib/validations/certificates";
import { encryptedLeafKey, HOSTILE_KEY_PASSPHRASE, pemBundle } from "@/testing/hostile-certificates";
import { derFingerprint, fixture, fixtureText, KEY_PASSPHRASE, pemFingerprints } from "@/testing/fixtures/certificates";
import { parseIdentityPem, parseTrustCertificates, readChainPem, type CertificateProblem } from "./parse";

const bytes = (text: string) => new Uint8Array(Buffer.from(text, "utf8"));
const [LEAF, INTERMEDIATE, ROOT] = pemFingerprints(fixtureText("chain.pem"));

function problemOf(run: () => unknown): CertificateProblem | undefined {
  try {
    run();
  } catch (error) {
    return (error as { problem?: CertificateProblem }).problem;
  }
  return undefined;
}

describe("parseTrustCertificates", () => {
  it("reads a PEM certificate's details as browsers show them", () => {
    const { chain, chainPem } = parseTrustCertificates(fixture("leaf.pem"));
    expect(chain).toHaveLength(1);
    expect(chain[0]).toMatchObject({
      subject: "CN=localhost, O=Channel Console Tests, C=DE",
      issuer: "CN=Channel Console Test Intermediate CA, O=Channel Console Tests, C=DE",
      notBefore: new Date("2025-01-01T00:00:00Z"),
      notAfter: new Date("2035-01-01T00:00:00Z"),
      fingerprintSha256: LEAF,
      selfSigned: false,
      isCa: false,
    });
    expect(chain[0]!.fingerprintSha256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expect(chain[0]!.serialNumber).toBe(new X509Certificate(fixture("leaf.pem")).serialNumber.toUpperCase());
    expect(pemFingerprints(chainPem)).toEqual([LEAF]);
  });

  it("reads a chain in one file, leaf first, whichever order the file lists it in", () => {
    const inOrder = parseTrustCertificates(fixture("chain.pem"));
    expect(inOrder.chain.map((c) => c.fingerprintSha256)).toEqual([LEAF, INTERMEDIATE, ROOT]);
    expect(inOrder.chain[2]).toMatchObject({ selfSigned: true, isCa: true, subject: "CN=Channel Console Test Root CA, O=Channel Console Tests, C=DE" });
    const reversed = fixtureText("root-ca.pem") + fixtureText("leaf.pem") + fixtureText("intermediate-ca.pem");
    const reordered = parseTrustCertificates(bytes(reversed));
    expect(reordered.chain.map((c) => c.fingerprintSha256)).toEqual([LEAF, INTERMEDIATE, ROOT]);
    expect(pemFingerprints(reordered.chainPem)).toEqual([LEAF, INTERMEDIATE, ROOT]);
  });

  it("reads DER by its content, and the same certificate as PEM gives the same fingerprint", () => {
    const der = fixture("self-signed.der");
    const fromDer = parseTrustCertificates(der);
    expect(fromDer.chain[0]!.fingerprintSha256).toBe(derFingerprint(der));
    expect(fromDer.chain[0]).toMatchObject({ subject: "CN=self-signed.test, O=Channel Console Tests", selfSigned: true });
    expect(parseTrustCertificates(fixture("self-signed.pem")).chain[0]!.fingerprintSha256).toBe(derFingerprint(der));
    expect(fromDer.chainPem).toMatch(/^-----BEGIN CERTIFICATE-----\n[\s\S]+-----END CERTIFICATE-----\n$/);
  });

  it("tolerates CRLF line ends, text around the blocks and repeated certificates", () => {
    const messy = `Bag Attributes\r\n    friendlyName: test\r\n${fixtureText("leaf.pem").replace(/\n/g, "\r\n")}\r\n${fixtureText("leaf.pem")}`;
    const { chain } = parseTrustCertificates(bytes(messy));
    expect(chain.map((c) => c.fingerprintSha256)).toEqual([LEAF]);
  });

  it("keeps a bundle of unrelated certificates in file order", () => {
    const bundle = fixtureText("expired.pem") + fixtureText("self-signed.pem");
    const { chain } = parseTrustCertificates(bytes(bundle));
    expect(chain.map((c) => c.subject)).toEqual(["CN=expired.test", "CN=self-signed.test, O=Channel Console Tests"]);
  });

  it.each<[string, Uint8Array, CertificateProblem]>([
    ["an empty file", new Uint8Array(0), "fileEmpty"],
    ["a file over 1 MB", new Uint8Array(MAX_CERTIFICATE_FILE_BYTES + 1), "fileTooLarge"],
    ["a 5 MB file", new Uint8Array(5 * 1024 * 1024).fill(0x41), "fileTooLarge"],
    ["plain text", bytes("hello, I am not a certificate\n"), "notACertificate"],
    ["random binary", new Uint8Array([0x30, 0x82, 0x01, 0x00, 0xde, 0xad, 0xbe, 0xef]), "notACertificate"],
    ["a private key alone", fixture("leaf.key"), "containsPrivateKey"],
    ["a certificate with its key", bytes(fixtureText("leaf.pem") + fixtureText("leaf.key")), "containsPrivateKey"],
    ["a PKCS#12 file", fixture("identity.p12"), "notACertificate"],
    ["a PKCS#7 bundle", bytes("-----BEGIN PKCS7-----\nMIIBAAAA\n-----END PKCS7-----\n"), "pkcs7NotSupported"],
    ["a damaged PEM certificate", bytes(fixtureText("leaf.pem").replace(/[A-Za-z]{8}\n/, "!!!!!!!!\n")), "notACertificate"],
    ["a public key", bytes(createPrivateKey(fixture("other.key")).export({ type: "pkcs8", format: "pem" }).toString().replace(/PRIVATE/g, "PUBLIC")), "notACertificate"],
  ])("refuses %s", (_label, data, problem) => {
    expect(problemOf(() => parseTrustCertificates(data))).toBe(problem);
  });

  it("refuses more than 10 different certificates in one file, counting duplicates once", () => {
    expect(problemOf(() => parseTrustCertificates(fixture("bundle-11.pem")))).toBe("tooManyCertificates");
    const ten = fixtureText("bundle-11.pem").split(/(?<=-----END CERTIFICATE-----\n)/).slice(0, 10).join("");
    expect(parseTrustCertificates(bytes(ten + ten)).chain).toHaveLength(10);
  });
});

describe("parseIdentityPem", () => {
  it("takes a certificate and its key, and returns the key as unencrypted PKCS#8", () => {
    const parsed = parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("leaf.key") });
    expect(parsed.chain.map((c) => c.fingerprintSha256)).toEqual([LEAF]);
    expect(parsed.privateKeyPem).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    expect(new X509Certificate(fixture("leaf.pem")).checkPrivateKey(createPrivateKey(parsed.privateKeyPem))).toBe(true);
  });

  it("puts the certificate that matches the key first in a chain listed root first", () => {
    const reversed = fixtureText("root-ca.pem") + fixtureText("intermediate-ca.pem") + fixtureText("leaf.pem");
    const parsed = parseIdentityPem({ certificate: bytes(reversed), key: fixture("leaf.key") });
    expect(parsed.chain.map((c) => c.fingerprintSha256)).toEqual([LEAF, INTERMEDIATE, ROOT]);
  });

  it("finds the key in the certificate file when no key file is given", () => {
    const combined = bytes(fixtureText("chain.pem") + fixtureText("leaf.key"));
    expect(parseIdentityPem({ certificate: combined }).chain[0]!.fingerprintSha256).toBe(LEAF);
  });

  it("accepts a DER certificate and an RSA key", () => {
    const parsed = parseIdentityPem({ certificate: fixture("self-signed.der"), key: fixture("self-signed.key") });
    expect(parsed.chain[0]!.fingerprintSha256).toBe(derFingerprint(fixture("self-signed.der")));
  });

  it("decrypts an encrypted key with its passphrase and keeps it only decrypted", () => {
    const parsed = parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("leaf-encrypted.key"), keyPassphrase: KEY_PASSPHRASE });
    expect(parsed.privateKeyPem).not.toContain("ENCRYPTED");
    expect(createPrivateKey(parsed.privateKeyPem).export({ type: "pkcs8", format: "pem" })).toBe(
      createPrivateKey(fixture("leaf.key")).export({ type: "pkcs8", format: "pem" }),
    );
  });

  it.each<[string, () => unknown, CertificateProblem]>([
    ["a key that belongs to another certificate", () => parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("other.key") }), "keyMismatch"],
    ["a certificate without any key", () => parseIdentityPem({ certificate: fixture("chain.pem") }), "keyMissing"],
    ["a key file that holds a certificate", () => parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("root-ca.pem") }), "notAPrivateKey"],
    ["a key file that is binary", () => parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("self-signed.der") }), "notAPrivateKey"],
    ["an encrypted key without passphrase", () => parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("leaf-encrypted.key") }), "keyEncrypted"],
    [
      "an encrypted key with a wrong passphrase",
      () => parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("leaf-encrypted.key"), keyPassphrase: "wrong" }),
      "keyPassphraseWrong",
    ],
    ["a key as the certificate", () => parseIdentityPem({ certificate: fixture("leaf.key"), key: fixture("leaf.key") }), "notACertificate"],
    ["an empty certificate file", () => parseIdentityPem({ certificate: new Uint8Array(0), key: fixture("leaf.key") }), "fileEmpty"],
    ["an empty key file", () => parseIdentityPem({ certificate: fixture("leaf.pem"), key: new Uint8Array(0) }), "fileEmpty"],
    ["a PKCS#12 file as the certificate", () => parseIdentityPem({ certificate: fixture("identity.p12"), key: fixture("leaf.key") }), "notACertificate"],
  ])("refuses %s", (_label, run, problem) => {
    expect(problemOf(run)).toBe(problem);
  });
});

describe("readChainPem", () => {
  it("reads a stored chain back with each certificate's PEM", () => {
    const stored = parseTrustCertificates(fixture("chain.pem")).chainPem;
    const chain = readChainPem(stored);
    expect(chain.map((c) => c.fingerprintSha256)).toEqual([LEAF, INTERMEDIATE, ROOT]);
    expect(pemFingerprints(chain[1]!.pem)).toEqual([INTERMEDIATE]);
  });
});

describe("limits checked before OpenSSL runs", () => {
  const started = () => {
    const at = performance.now();
    return () => performance.now() - at;
  };

  it("refuses a bundle of 1,000 PEM certificates without parsing them", () => {
    const elapsed = started();
    expect(problemOf(() => parseTrustCertificates(bytes(pemBundle(1000))))).toBe("tooManyPemBlocks");
    expect(problemOf(() => parseIdentityPem({ certificate: bytes(pemBundle(1000)), key: fixture("leaf.key") }))).toBe("tooManyPemBlocks");
    expect(elapsed()).toBeLessThan(100);
  });

  it("refuses a key encrypted with 2,000,000 PBKDF2 iterations before deriving anything, even with its passphrase", () => {
    const key = bytes(encryptedLeafKey(2_000_000));
    const elapsed = started();
    expect(problemOf(() => parseIdentityPem({ certificate: fixture("leaf.pem"), key, keyPassphrase: HOSTILE_KEY_PASSPHRASE }))).toBe("keyIterationsTooHigh");
    expect(problemOf(() => parseIdentityPem({ certificate: fixture("leaf.pem"), key }))).toBe("keyIterationsTooHigh");
    expect(elapsed()).toBeLessThan(100);
  });

  it("still decrypts a key the same generator encrypts with a usual count", () => {
    const parsed = parseIdentityPem({ certificate: fixture("leaf.pem"), key: bytes(encryptedLeafKey(4096)), keyPassphrase: HOSTILE_KEY_PASSPHRASE });
    expect(parsed.chain[0]!.fingerprintSha256).toBe(LEAF);
  });

  it("refuses a key encrypted with a scheme it cannot weigh, and an encrypted key it cannot read", () => {
    // A cipher where a password-based scheme belongs: nothing says how its key would be derived.
    const unknown = Buffer.from(
      AsnConvert.serialize(
        new EncryptedPrivateKeyInfo({
          encryptionAlgorithm: new AlgorithmIdentifier({ algorithm: "1.2.840.113549.3.7", parameters: AsnConvert.serialize(new OctetString(8)) }),
          encryptedData: new EncryptedData(16),
        }),
      ),
    );
    const pem = (body: Buffer) => `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body.toString("base64")}\n-----END ENCRYPTED PRIVATE KEY-----\n`;
    expect(problemOf(() => parseIdentityPem({ certificate: fixture("leaf.pem"), key: bytes(pem(unknown)), keyPassphrase: "x" }))).toBe("keyEncryptionUnsupported");
    expect(problemOf(() => parseIdentityPem({ certificate: fixture("leaf.pem"), key: bytes(pem(Buffer.from("not asn.1"))), keyPassphrase: "x" }))).toBe("notAPrivateKey");
  });
});
