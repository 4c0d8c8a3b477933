import { describe, expect, it } from "vitest";
import { EXPIRY_HORIZON_DAYS, expiringItems, expiryHorizon, type CertificateInput, type TokenInput } from "./expiring";

const now = new Date("2026-12-05T12:00:00Z");
const DAY = 86_400_000;
const inDays = (days: number) => new Date(now.getTime() + days * DAY);
const certificate = (name: string, notAfter: Date): CertificateInput => ({ id: name, name, kind: "trust", notAfter });
const token = (name: string, entered: unknown, status: TokenInput["status"] = null): TokenInput => ({ channelId: name, channelName: name, status, entered });

describe("expiringItems", () => {
  it("lists certificates expiring within the horizon and expired ones, soonest first, and no later ones", () => {
    const items = expiringItems(
      [],
      [certificate("edge", expiryHorizon(now)), certificate("later", new Date(expiryHorizon(now).getTime() + 1)), certificate("soon", inDays(3)), certificate("gone", inDays(-1))],
      now,
    );
    expect(items.map((item) => [item.name, item.state, item.daysLeft])).toEqual([
      ["gone", "expired", 0],
      ["soon", "expiring", 3],
      ["edge", "expiring", EXPIRY_HORIZON_DAYS],
    ]);
  });

  it("lists a typed token date within 30 days or past, never 'never' or a later date", () => {
    const items = expiringItems([token("far", "2027-01-05"), token("near", "2027-01-04"), token("past", "2026-12-01"), token("forever", "never")], [], now);
    expect(items.map((item) => [item.name, item.state, item.daysLeft])).toEqual([
      ["past", "expired", 0],
      ["near", "expiring", 30],
    ]);
  });

  it("trusts Meta's answer over the typed date, and lists a token Meta calls invalid first", () => {
    const checked = (isValid: "valid" | "invalid" | "unknown", expiresAt: Date | null) => ({ isValid, expiresAt, errorCode: null, errorMessage: null });
    const items = expiringItems(
      [
        token("meta-soon", "never", checked("valid", inDays(2))),
        token("meta-never", "2026-12-06", checked("valid", null)),
        token("meta-invalid", "never", checked("invalid", null)),
        token("meta-unknown", "2026-12-06", checked("unknown", null)),
      ],
      [certificate("cert", inDays(1))],
      now,
    );
    expect(items.map((item) => [item.type, item.name, item.state])).toEqual([
      ["token", "meta-invalid", "invalid"],
      ["certificate", "cert", "expiring"],
      ["token", "meta-soon", "expiring"],
    ]);
  });
});
