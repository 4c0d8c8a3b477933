import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DAY, HOUR, MINUTE, seedOverviewTenants, type OverviewTenants } from "@/testing/db/overview-fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { listCertificatesExpiringBy, listChannelHealth, listRecentRejections } from "./overview";

/* The Overview's reads, on two tenants' data (testing/db/overview-fixtures.ts); lib/overview/load.int.test.ts classifies it. */

const now = new Date();
const ago = (ms: number) => new Date(now.getTime() - ms);
const ahead = (ms: number) => new Date(now.getTime() + ms);

let t: TestDatabase;
let f: OverviewTenants;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await seedOverviewTenants(t, now);
}, 120_000);
afterAll(() => t?.close());

describe("listChannelHealth", () => {
  it("gives each of the tenant's channels its newest acceptance, recent rejections, last check and token", async () => {
    const rows = await listChannelHealth(t.db, { tenantId: f.a.tenant.id }, { rejectedSince: ago(HOUR) });
    const byId = new Map(rows.map((row) => [row.id, row]));
    expect(rows).toHaveLength(9);
    // 1 + 2 rate-limited calls within the hour; the newest rejection's reason.
    expect(byId.get(f.A.rejecting!.id)).toMatchObject({ recentRejections: 4, lastRejectionReason: "credentialsMismatch", lastCheck: null });
    expect(byId.get(f.A.rejecting!.id)!.lastAcceptedAt!.getTime()).toBe(ago(30 * MINUTE).getTime());
    expect(byId.get(f.A.oldRejection!.id)).toMatchObject({ recentRejections: 0, lastRejectionReason: "payloadInvalid" });
    expect(byId.get(f.A.checkFailed!.id)!.lastCheck).toMatchObject({ outcome: "failed" });
    expect(byId.get(f.A.never!.id)).toMatchObject({ lastAcceptedAt: null, recentRejections: 0, lastCheck: null, tokenValidity: null, tokenStatus: null });
    expect(byId.get(f.A.disabled!.id)).toMatchObject({ status: "disabled", recentRejections: 1 });
    expect(byId.get(f.A.tokenMeta!.id)!.tokenStatus).toMatchObject({ isValid: "valid" });
    expect(byId.get(f.A.tokenSoon!.id)!.tokenValidity).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    // A wider window counts the older rejection too.
    const wider = await listChannelHealth(t.db, { tenantId: f.a.tenant.id }, { rejectedSince: ago(3 * HOUR) });
    expect(wider.find((row) => row.id === f.A.oldRejection!.id)!.recentRejections).toBe(1);
  });
});

describe("listCertificatesExpiringBy", () => {
  it("lists certificates expiring by the bound, expired ones included, soonest first", async () => {
    const scope = { tenantId: f.a.tenant.id };
    expect((await listCertificatesExpiringBy(t.db, scope, ahead(30 * DAY))).map((c) => c.id)).toEqual([f.certificateIds.expired, f.certificateIds.inside]);
    expect((await listCertificatesExpiringBy(t.db, scope, ahead(30 * DAY + MINUTE))).map((c) => c.name)).toEqual(["expired", "inside", "outside"]);
  });
});

describe("listRecentRejections", () => {
  it("lists the newest rejected calls with reason and channel, newest first, up to the limit", async () => {
    const rejections = await listRecentRejections(t.db, { tenantId: f.a.tenant.id }, 10);
    expect(rejections.map((r) => [r.channelId, r.reason])).toEqual([
      [f.A.disabled!.id, "channelDisabled"],
      [f.A.rejecting!.id, "credentialsMismatch"],
      [f.A.rejecting!.id, "signatureMismatch"],
      [f.A.oldRejection!.id, "payloadInvalid"],
    ]);
    expect(rejections[1]).toMatchObject({ channelName: f.A.rejecting!.name, statusCode: 401, endpoint: "report", suppressed: 2 });
    expect(await listRecentRejections(t.db, { tenantId: f.a.tenant.id }, 2)).toHaveLength(2);
  });
});

describe("tenancy", () => {
  it("never reads another tenant's channels, rejections or certificates", async () => {
    const scopeA = { tenantId: f.a.tenant.id };
    const bIds = new Set(Object.values(f.B).map((c) => c.id));
    expect((await listChannelHealth(t.db, scopeA, { rejectedSince: ago(DAY) })).filter((row) => bIds.has(row.id))).toEqual([]);
    expect((await listRecentRejections(t.db, scopeA, 100)).filter((row) => bIds.has(row.channelId))).toEqual([]);
    expect((await listCertificatesExpiringBy(t.db, scopeA, ahead(2 * DAY))).map((c) => c.name)).toEqual(["expired"]);
    // Tenant B's own reads see its rows: the fixture is not merely empty.
    const scopeB = { tenantId: f.b.tenant.id };
    expect((await listRecentRejections(t.db, scopeB, 100)).map((r) => r.channelId)).toEqual([f.B.rejecting!.id]);
    expect((await listCertificatesExpiringBy(t.db, scopeB, ahead(2 * DAY))).map((c) => c.name)).toContain("b_soon");
    expect((await listChannelHealth(t.db, scopeB, { rejectedSince: ago(HOUR) })).map((row) => row.id).sort()).toEqual([...bIds].sort());
  });
});
