import { describe, expect, it } from "vitest";
import { tokenValidityState } from "./token-validity";

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
