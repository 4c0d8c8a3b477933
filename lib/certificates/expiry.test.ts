import { describe, expect, it } from "vitest";
import { certificateValidity } from "./expiry";
import { fixture } from "@/testing/fixtures/certificates";
import { parseTrustCertificates } from "./parse";

// leaf.pem is valid 2025-01-01T00:00:00Z → 2035-01-01T00:00:00Z; expired.pem 2020-01-01 → 2021-01-01.
const leaf = parseTrustCertificates(fixture("leaf.pem")).chain[0]!;
const expired = parseTrustCertificates(fixture("expired.pem")).chain[0]!;
const at = (iso: string) => new Date(iso);

describe("certificateValidity", () => {
  it.each([
    ["2030-06-01T00:00:00Z", "valid"],
    ["2034-12-22T00:00:00Z", "expiresSoon"], // 10 days before the end
    ["2034-12-02T00:00:00Z", "expiresSoon"], // exactly 30 days before
    ["2034-12-01T23:59:59.999Z", "valid"], // a millisecond more than 30 days before
    ["2035-01-01T00:00:00Z", "expiresSoon"], // notAfter itself is still inside the validity period
    ["2035-01-01T00:00:00.001Z", "expired"],
    ["2024-12-31T23:59:59Z", "notYetValid"],
    ["2025-01-01T00:00:00Z", "valid"],
  ])("judges the leaf at %s as %s", (now, expected) => {
    expect(certificateValidity(leaf, at(now))).toBe(expected);
  });

  it("calls a certificate that ended years ago expired", () => {
    expect(certificateValidity(expired, at("2026-01-01T00:00:00Z"))).toBe("expired");
    expect(certificateValidity(expired, at("2020-06-01T00:00:00Z"))).toBe("valid");
  });
});
