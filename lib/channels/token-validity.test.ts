import { describe, expect, it } from "vitest";
import { effectiveTokenState, tokenValidityState } from "./token-validity";

const at = (iso: string) => new Date(iso);

describe("tokenValidityState", () => {
  it("never warns about a token that never expires", () => {
    expect(tokenValidityState("never", at("2030-01-01T00:00:00Z"))).toEqual({ kind: "never" });
  });

  it("warns from 14 days before the date, and counts whole UTC days", () => {
    expect(tokenValidityState("2025-07-16", at("2025-07-01T23:59:00Z"))).toEqual({ kind: "valid", expiresOn: "2025-07-16", daysLeft: 15 });
    expect(tokenValidityState("2025-07-15", at("2025-07-01T00:00:00Z"))).toEqual({ kind: "expiring", expiresOn: "2025-07-15", daysLeft: 14 });
    expect(tokenValidityState("2025-07-01", at("2025-07-01T18:30:00Z"))).toEqual({ kind: "expiring", expiresOn: "2025-07-01", daysLeft: 0 });
  });

  it("reports an expired token from the day after its date", () => {
    expect(tokenValidityState("2025-06-30", at("2025-07-01T00:00:01Z"))).toEqual({ kind: "expired", expiresOn: "2025-06-30" });
    expect(tokenValidityState("2024-02-29", at("2025-07-01T00:00:00Z"))).toEqual({ kind: "expired", expiresOn: "2024-02-29" });
  });

  it("answers null for anything that is not a date or 'never'", () => {
    for (const value of [undefined, null, "", "2025-02-30", "tomorrow", 20250101]) {
      expect(tokenValidityState(value, at("2025-01-01T00:00:00Z"))).toBeNull();
    }
  });
});

describe("effectiveTokenState", () => {
  const now = at("2025-07-01T12:00:00Z");
  const meta = (isValid: "valid" | "invalid" | "unknown", expiresAt: Date | null, errorCode: string | null = null) => ({
    isValid,
    expiresAt,
    errorCode,
    errorMessage: errorCode ? "Meta's words" : null,
  });

  it("uses the typed date only when Meta was never asked", () => {
    expect(effectiveTokenState(null, "2025-07-10", now)).toEqual({ kind: "expiring", expiresOn: "2025-07-10", daysLeft: 9, source: "entered" });
    expect(effectiveTokenState(null, "never", now)).toEqual({ kind: "never", source: "entered" });
  });

  it("prefers Meta's expiry over the typed one", () => {
    expect(effectiveTokenState(meta("valid", at("2025-07-05T08:00:00Z")), "never", now)).toEqual({
      kind: "expiring",
      expiresOn: "2025-07-05",
      daysLeft: 4,
      source: "meta",
    });
    expect(effectiveTokenState(meta("valid", null), "2025-07-02", now)).toEqual({ kind: "never", source: "meta" });
  });

  it("reports a token Meta calls invalid, or a check that could not be made, with Meta's code", () => {
    expect(effectiveTokenState(meta("invalid", at("2025-06-01T00:00:00Z"), "190"), "never", now)).toEqual({
      kind: "invalid",
      source: "meta",
      code: "190",
      message: "Meta's words",
    });
    expect(effectiveTokenState(meta("unknown", null, "connect"), "2030-01-01", now)).toMatchObject({ kind: "unchecked", code: "connect" });
  });
});
