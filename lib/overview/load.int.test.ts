import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestTenant } from "@/testing/db/fixtures";
import { seedOverviewTenants, type OverviewTenants } from "@/testing/db/overview-fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { loadOverview } from "./load";

/* The Overview of a tenant, end to end from the database: classification, the 30-day horizon, tenancy. */

const now = new Date();
let t: TestDatabase;
let f: OverviewTenants;

beforeAll(async () => {
  t = await createTestDatabase();
  f = await seedOverviewTenants(t, now);
}, 120_000);
afterAll(() => t?.close());

describe("loadOverview", () => {
  it("sorts every channel into receiving, silent, failing or disabled", async () => {
    const { channels } = await loadOverview(t.db, f.a.tenant.id, now);
    expect(channels.total).toBe(9);
    expect(channels.counts).toEqual({ receiving: 3, silent: 3, failing: 2, disabled: 1 });
    expect(channels.failing.map((c) => [c.id, c.causes])).toEqual([
      [f.A.rejecting!.id, ["rejections"]],
      [f.A.checkFailed!.id, ["connectionCheck"]],
    ]);
    // Never called first, then the longest silent; a rejection two hours ago is not "failing".
    expect(channels.silent.map((c) => c.id)).toEqual([f.A.never!.id, f.A.silent!.id, f.A.oldRejection!.id]);
  });

  it("lists tokens and certificates expiring within 30 days or expired, soonest first, and nothing beyond", async () => {
    const { expiring } = await loadOverview(t.db, f.a.tenant.id, now);
    expect(expiring.map((item) => [item.type, item.id, item.state])).toEqual([
      ["certificate", f.certificateIds.expired, "expired"],
      ["token", f.A.tokenSoon!.id, "expiring"],
      ["certificate", f.certificateIds.inside, "expiring"],
    ]);
  });

  it("shows tenant A nothing of tenant B's, and tenant B its own", async () => {
    const [overviewA, overviewB] = await Promise.all([loadOverview(t.db, f.a.tenant.id, now), loadOverview(t.db, f.b.tenant.id, now)]);
    const bIds = new Set(Object.values(f.B).map((c) => c.id));
    expect([...overviewA.channels.failing, ...overviewA.channels.silent].filter((c) => bIds.has(c.id))).toEqual([]);
    expect(overviewA.rejections.filter((r) => bIds.has(r.channelId))).toEqual([]);
    expect(overviewA.expiring.filter((item) => bIds.has(item.id) || item.name === "b_soon")).toEqual([]);
    expect(overviewB.channels.failing.map((c) => c.id)).toEqual([f.B.rejecting!.id]);
    expect(overviewB.expiring.map((item) => item.name)).toEqual(expect.arrayContaining(["b_soon", f.B.tokenSoon!.name]));
  });

  it("is all zeros for a tenant without channels", async () => {
    const empty = await createTestTenant(t.db);
    expect(await loadOverview(t.db, empty.tenant.id, now)).toEqual({
      channels: { total: 0, counts: { receiving: 0, silent: 0, failing: 0, disabled: 0 }, failing: [], silent: [] },
      expiring: [],
      rejections: [],
      timeZone: expect.any(String),
    });
  });
});
