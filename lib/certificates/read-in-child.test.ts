import { describe, expect, it } from "vitest";
import { pkcs12WithHiddenKeyIterations } from "@/testing/hostile-certificates";
import { fixture, KEY_PASSPHRASE, P12_PASSWORD } from "@/testing/fixtures/certificates";
import { parseIdentityPem, parseTrustCertificates } from "./parse";
import { parsePkcs12 } from "./pkcs12";
import { readCertificateFile } from "./read-in-child";

async function problemOf(run: () => Promise<unknown>): Promise<string | undefined> {
  try {
    await run();
  } catch (error) {
    return (error as { problem?: string }).problem ?? `not a CertificateError: ${String(error)}`;
  }
  return undefined;
}

describe("readCertificateFile", () => {
  it("reads trust, PEM identity and PKCS#12 files in the reader process exactly as in this one", async () => {
    const identity = { certificate: fixture("leaf.pem"), key: fixture("leaf-encrypted.key"), keyPassphrase: KEY_PASSPHRASE };
    const [trust, pem, pkcs12] = await Promise.all([
      readCertificateFile({ kind: "trust", file: fixture("chain.pem") }),
      readCertificateFile({ kind: "identityPem", ...identity }),
      readCertificateFile({ kind: "pkcs12", file: fixture("identity.p12"), password: P12_PASSWORD }),
    ]);
    expect(trust).toEqual(parseTrustCertificates(fixture("chain.pem")));
    expect(pem).toEqual(parseIdentityPem(identity));
    expect(pkcs12).toEqual(await parsePkcs12(fixture("identity.p12"), P12_PASSWORD));
  }, 30_000);

  it("passes the problem with a file back as a CertificateError", async () => {
    expect(await problemOf(() => readCertificateFile({ kind: "trust", file: fixture("leaf.key") }))).toBe("containsPrivateKey");
    expect(await problemOf(() => readCertificateFile({ kind: "pkcs12", file: fixture("identity.p12"), password: "wrong" }))).toBe("pkcs12PasswordWrong");
  }, 30_000);

  it("stops a file that takes longer than the time bound, and reads the next one in a new process", async () => {
    const hidden = pkcs12WithHiddenKeyIterations(2n ** 31n - 1n);
    const started = performance.now();
    expect(await problemOf(() => readCertificateFile({ kind: "pkcs12", file: hidden, password: "" }, { timeoutMs: 1000 }))).toBe("readTimedOut");
    expect(performance.now() - started).toBeLessThan(5000);
    const next = await readCertificateFile({ kind: "trust", file: fixture("leaf.pem") });
    expect(next.chain).toHaveLength(1);
  }, 30_000);
});
