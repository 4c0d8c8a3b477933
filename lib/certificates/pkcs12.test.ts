import { describe, expect, it } from "vitest";
import { MAX_CERTIFICATE_FILE_BYTES } from "@/lib/validations/certificates";
import { pkcs12WithMacIterations, pkcs12WithManyBags } from "@/testing/hostile-certificates";
import { fixture, fixtureText, P12_PASSWORD, pemFingerprints } from "@/testing/fixtures/certificates";
import type { CertificateProblem } from "./parse";
import { parsePkcs12 } from "./pkcs12";

async function problemOf(run: () => Promise<unknown>): Promise<CertificateProblem | undefined> {
  try {
    await run();
  } catch (error) {
    return (error as { problem?: CertificateProblem }).problem;
  }
  return undefined;
}

describe("parsePkcs12", () => {
  it("opens the file with its password and reads the leaf and the chain inside it", async () => {
    const { chain, chainPem } = await parsePkcs12(fixture("identity.p12"), P12_PASSWORD);
    const [leaf] = pemFingerprints(fixtureText("leaf.pem"));
    const [intermediate] = pemFingerprints(fixtureText("intermediate-ca.pem"));
    expect(chain.map((c) => c.fingerprintSha256)).toEqual([leaf, intermediate]);
    expect(chain[0]).toMatchObject({ subject: "CN=localhost, O=Channel Console Tests, C=DE", notAfter: new Date("2035-01-01T00:00:00Z") });
    expect(pemFingerprints(chainPem)).toEqual([leaf, intermediate]);
    expect(chainPem).not.toMatch(/PRIVATE KEY/);
  });

  it.each<[string, string, string, CertificateProblem]>([
    ["a wrong password", "identity.p12", "not the password", "pkcs12PasswordWrong"],
    ["an empty password", "identity.p12", "", "pkcs12PasswordWrong"],
    ["a file without a private key", "certs-only.p12", P12_PASSWORD, "pkcs12NoKey"],
    ["old RC2 encryption", "legacy-rc2.p12", P12_PASSWORD, "pkcs12Unsupported"],
    ["a PEM certificate", "leaf.pem", P12_PASSWORD, "pkcs12IsPem"],
    ["a DER certificate", "self-signed.der", P12_PASSWORD, "notPkcs12"],
  ])("refuses %s", async (_label, file, password, problem) => {
    expect(await problemOf(() => parsePkcs12(fixture(file), password))).toBe(problem);
  });

  it.each<[string, Uint8Array, CertificateProblem]>([
    ["an empty file", new Uint8Array(0), "fileEmpty"],
    ["a 5 MB file", new Uint8Array(5 * 1024 * 1024), "fileTooLarge"],
    ["a file one byte over the cap", new Uint8Array(MAX_CERTIFICATE_FILE_BYTES + 1), "fileTooLarge"],
    ["random bytes", new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), "notPkcs12"],
  ])("refuses %s before opening it", async (_label, data, problem) => {
    expect(await problemOf(() => parsePkcs12(data, P12_PASSWORD))).toBe(problem);
  });
});

describe("parsePkcs12 limits", () => {
  it("refuses MAC iterations patched to 2^31 - 1 before OpenSSL derives anything", async () => {
    const started = performance.now();
    expect(await problemOf(() => parsePkcs12(pkcs12WithMacIterations(2 ** 31 - 1), P12_PASSWORD))).toBe("pkcs12IterationsTooHigh");
    expect(performance.now() - started).toBeLessThan(500);
  });

  it("refuses a file of 1,000 certificate bags before OpenSSL parses them", async () => {
    expect(await problemOf(() => parsePkcs12(pkcs12WithManyBags(1000), ""))).toBe("pkcs12TooComplex");
  });
});
