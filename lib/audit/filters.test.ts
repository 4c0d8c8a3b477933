import { describe, expect, it } from "vitest";
import { auditFilterQuery, auditPeriod, parseAuditQuery } from "./filters";

const ACTOR = "0b7e4c1e-7d5b-4a37-9a0f-6f1c2b3d4e5f";

describe("audit filters from the URL", () => {
  it("reads who, what and when, and keeps them for paging links", () => {
    const parsed = parseAuditQuery({ actor: ACTOR, action: "channel.update", target: "channel", from: "2026-03-01", to: "2026-03-31", page: "2" });
    expect(parsed.errors).toEqual({});
    expect(parsed.page).toBe(2);
    expect(parsed.filters).toEqual({ actorId: ACTOR, action: "channel.update", targetType: "channel", from: "2026-03-01", to: "2026-03-31" });
    expect(auditFilterQuery(parsed.filters)).toEqual({ actor: ACTOR, action: "channel.update", target: "channel", from: "2026-03-01", to: "2026-03-31" });
  });

  it("treats empty fields as no filter", () => {
    expect(parseAuditQuery({ actor: "", action: "", target: "", from: "", to: "" })).toMatchObject({ filters: {}, errors: {} });
  });

  it("names each bad value instead of throwing, and applies none of them", () => {
    const parsed = parseAuditQuery({ actor: "'; drop table", action: "channel", target: "a b", from: "2026-02-30", to: "soon" });
    expect(parsed.errors).toEqual({ actor: "actorInvalid", action: "actionInvalid", target: "targetTypeInvalid", from: "dateInvalid", to: "dateInvalid" });
    expect(parsed.filters).toEqual({});
    expect(parseAuditQuery({ from: "2026-03-02", to: "2026-03-01" }).errors).toEqual({ from: "fromAfterTo" });
  });

  it("echoes what was typed, cut short", () => {
    expect(parseAuditQuery({ action: "x".repeat(500) }).input.action).toHaveLength(64);
  });

  it("makes the dates whole days in the tenant's time zone, the end inclusive", () => {
    expect(auditPeriod({ from: "2026-03-01", to: "2026-03-01" }, "Europe/Berlin")).toEqual({
      from: new Date("2026-02-28T23:00:00Z"),
      to: new Date("2026-03-01T23:00:00Z"),
    });
    expect(auditPeriod({}, "UTC")).toEqual({});
  });
});
