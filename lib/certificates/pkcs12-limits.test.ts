import { describe, expect, it } from "vitest";
import { MAX_KDF_ITERATIONS, PKCS12_LIMITS } from "@/lib/validations/certificates";
import {
  pkcs12Nested,
  pkcs12WithCertificateIterations,
  pkcs12WithHiddenKeyIterations,
  pkcs12WithKeyIterations,
  pkcs12WithMacIterations,
  pkcs12WithManyBags,
} from "@/testing/hostile-certificates";
import { fixture } from "@/testing/fixtures/certificates";
import { checkPkcs12Limits } from "./pkcs12-limits";

function problemOf(data: Uint8Array): string | undefined {
  try {
    checkPkcs12Limits(data);
  } catch (error) {
    return (error as { problem?: string }).problem;
  }
  return undefined;
}

const max = BigInt(MAX_KDF_ITERATIONS);

describe("checkPkcs12Limits", () => {
  it.each([
    ["identity.p12 (OpenSSL 3 defaults)", fixture("identity.p12")],
    ["certs-only.p12", fixture("certs-only.p12")],
    ["legacy-rc2.p12 (OpenSSL refuses it later, for its cipher)", fixture("legacy-rc2.p12")],
    ["a MAC at the limit", pkcs12WithMacIterations(MAX_KDF_ITERATIONS)],
    ["a shrouded key at the limit", pkcs12WithKeyIterations(max)],
    ["certificates encrypted at the limit", pkcs12WithCertificateIterations(max)],
    [`${PKCS12_LIMITS.bags} bags`, pkcs12WithManyBags(PKCS12_LIMITS.bags)],
    [`SafeContents nested ${PKCS12_LIMITS.nesting} deep`, pkcs12Nested(PKCS12_LIMITS.nesting)],
    // Only the password shows the key inside the encrypted part; the reader's time bound covers it.
    ["a key hidden in an encrypted part", pkcs12WithHiddenKeyIterations(2n ** 31n - 1n)],
  ])("lets %s through", (_label, data) => {
    expect(problemOf(new Uint8Array(data))).toBeUndefined();
  });

  it.each([
    ["MAC iterations patched to 1,048,575", pkcs12WithMacIterations(1_048_575), "pkcs12IterationsTooHigh"],
    ["MAC iterations patched to 2^31 - 1", pkcs12WithMacIterations(2 ** 31 - 1), "pkcs12IterationsTooHigh"],
    ["MAC iterations of 2^40", pkcs12WithMacIterations(2 ** 40), "pkcs12IterationsTooHigh"],
    ["a shrouded key one over the limit", pkcs12WithKeyIterations(max + 1n), "pkcs12IterationsTooHigh"],
    ["a shrouded key at 2^64", pkcs12WithKeyIterations(2n ** 64n), "pkcs12IterationsTooHigh"],
    ["certificates encrypted with 2,000,000 iterations", pkcs12WithCertificateIterations(2_000_000n), "pkcs12IterationsTooHigh"],
    [`${PKCS12_LIMITS.bags + 1} bags`, pkcs12WithManyBags(PKCS12_LIMITS.bags + 1), "pkcs12TooComplex"],
    ["1,000 bags", pkcs12WithManyBags(1000), "pkcs12TooComplex"],
    [`SafeContents nested ${PKCS12_LIMITS.nesting + 1} deep`, pkcs12Nested(PKCS12_LIMITS.nesting + 1), "pkcs12TooComplex"],
    ["SafeContents nested 100 deep", pkcs12Nested(100), "pkcs12TooComplex"],
    ["a PEM certificate", fixture("leaf.pem"), "notPkcs12"],
    ["a DER certificate", fixture("self-signed.der"), "notPkcs12"],
    ["random bytes", new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), "notPkcs12"],
  ])("refuses %s", (_label, data, problem) => {
    expect(problemOf(new Uint8Array(data))).toBe(problem);
  });

  it("refuses 1,000 bags without parsing them one by one", () => {
    const data = pkcs12WithManyBags(1000);
    const started = performance.now();
    expect(problemOf(data)).toBe("pkcs12TooComplex");
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
