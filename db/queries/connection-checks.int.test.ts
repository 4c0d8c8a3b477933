import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { getChannelForCheck, getConnectionCheck, listConnectionHealth, saveConnectionCheck } from "./connection-checks";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let ownId: string;
let otherId: string;

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  ownId = (await createTestChannel(t.db, a.admin, "infobip")).id;
  otherId = (await createTestChannel(t.db, b.admin, "infobip")).id;
});
afterAll(() => t.close());

const steps = [{ step: "address" as const, outcome: "failed" as const, adviceKey: "connectionCheck.advice.addressNotAllowed" }];

describe("connection checks", () => {
  it("keeps one latest result per channel and reads it back within the tenant only", async () => {
    const scope = { tenantId: a.tenant.id };
    await saveConnectionCheck(t.db, scope, { channelId: ownId, outcome: "failed", steps, checkedByUserId: a.admin.id });
    const second = await saveConnectionCheck(t.db, scope, { channelId: ownId, outcome: "warning", steps, checkedByUserId: a.admin.id });
    expect(await getConnectionCheck(t.db, scope, ownId)).toEqual({ channelId: ownId, outcome: "warning", steps, checkedAt: second.checkedAt });
    expect(await getConnectionCheck(t.db, { tenantId: b.tenant.id }, ownId)).toBeNull();
  });

  it("refuses to store a result for another tenant's channel", async () => {
    await expect(saveConnectionCheck(t.db, { tenantId: a.tenant.id }, { channelId: otherId, outcome: "passed", steps, checkedByUserId: null })).rejects.toThrow();
    expect(await getConnectionCheck(t.db, { tenantId: b.tenant.id }, otherId)).toBeNull();
  });

  it("lists the health of a page's ids, leaving out unchecked channels and other tenants' rows", async () => {
    await saveConnectionCheck(t.db, { tenantId: b.tenant.id }, { channelId: otherId, outcome: "passed", steps, checkedByUserId: null });
    const health = await listConnectionHealth(t.db, { tenantId: a.tenant.id }, [ownId, otherId]);
    expect([...health.keys()]).toEqual([ownId]);
    expect(health.get(ownId)?.outcome).toBe("warning");
    expect(await listConnectionHealth(t.db, { tenantId: a.tenant.id }, [])).toEqual(new Map());
  });

  it("reads what a check needs of a channel, in its tenant only", async () => {
    expect(await getChannelForCheck(t.db, { tenantId: a.tenant.id }, ownId)).toMatchObject({ id: ownId, provider: "infobip" });
    expect(await getChannelForCheck(t.db, { tenantId: a.tenant.id }, otherId)).toBeNull();
  });
});
