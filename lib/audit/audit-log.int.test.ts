import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordAudit } from "@/db/queries/audit-log";
import { auditLog, ous, skillQueues } from "@/db/schema";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/seed/prerequisites";
import { variantInput, type ChannelEnvelopeInput } from "@/testing/seed/variants";
import type { CurrentUser } from "@/lib/auth/current-user";
import { channelActions } from "@/lib/channels/actions";
import { createActionClient } from "@/lib/guard/actions";
import { loadAuditPage } from "./load";

/*
 * Issue 17, bug 5 on a real database: a channel edit records every changed field (secrets by name
 * only), the page names what it can within the tenant, and its filters never cross a tenant.
 */

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let pa: ChannelPrerequisites;
let pb: ChannelPrerequisites;

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  [pa, pb] = await Promise.all([ensureChannelPrerequisites(t.db, a.tenant.id), ensureChannelPrerequisites(t.db, b.tenant.id)]);
});
afterAll(() => t.close());

const as = (user: CurrentUser) => channelActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const edited = (envelope: ChannelEnvelopeInput, basic: Record<string, unknown>, information: Record<string, unknown>, robot: Record<string, unknown>) => ({
  information: { ...(envelope.information as Record<string, unknown>), ...information },
  basic: { ...(envelope.basic as Record<string, unknown>), ...basic },
  robot: { ...(envelope.robot as Record<string, unknown>), ...robot },
});

async function saveOk(user: CurrentUser, envelope: unknown): Promise<{ id: string; version: number }> {
  const result = await as(user).saveChannel(envelope);
  if (!result.ok) throw new Error(`saveChannel failed: ${JSON.stringify(result)}`);
  return result.data;
}

const nameOf = async (table: typeof ous | typeof skillQueues, id: string) => (await t.db.select({ name: table.name }).from(table).where(eq(table.id, id)))[0]!.name;

describe("a channel edit in the audit log", () => {
  it("records the changed notice, work time, queue and robot settings, and a typed secret by name only", async () => {
    const envelope = variantInput("infobip", pa, { name: `audit_${uniqueSuffix()}` });
    const { id, version } = await saveOk(a.admin, envelope);
    const newPassword = `pw-${uniqueSuffix()}-secret`;
    const change = edited(
      envelope,
      { nonWorkingNotice: "We are back on Monday.", workTime: { workday: [{ start: "08:00", end: "16:00" }], nonWorkday: [{ start: "10:00", end: "12:00" }] }, skillQueueId: pa.transferQueueId },
      { password: newPassword },
      { robotEnabled: true, robotName: "Helper" },
    );
    await saveOk(a.admin, { ...change, channelId: id, version });

    const [entry] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, id), eq(auditLog.action, "channel.update")));
    expect(entry!.after).toMatchObject({
      nonWorkingNotice: "We are back on Monday.",
      workTime: { workday: [{ start: "08:00", end: "16:00" }] },
      skillQueueId: pa.transferQueueId,
      robotEnabled: true,
      robotName: "Helper",
      secrets: { password: "replaced" },
    });
    expect(entry!.before).toMatchObject({ skillQueueId: pa.skillQueueId, robotEnabled: false });
    // Unchanged fields stay out, and no secret, mask or digest is kept.
    expect(entry!.after).not.toHaveProperty("name");
    expect(JSON.stringify(entry)).not.toContain(newPassword);
    expect(JSON.stringify(entry)).not.toMatch(/secretMasks|•/);

    const page = await loadAuditPage(t.db, a.tenant.id, { action: "channel.update", target: "channel" });
    const shown = page.page!.items.find((item) => item.targetId === id)!;
    expect(page.names.channel.get(id)).toBe((envelope.basic as { name: string }).name);
    expect(shown.lines.find((line) => line.field === "skillQueueId")).toEqual({
      field: "skillQueueId",
      before: { kind: "refs", ref: "skillQueue", ids: [pa.skillQueueId] },
      after: { kind: "refs", ref: "skillQueue", ids: [pa.transferQueueId] },
    });
    expect(page.names.skillQueue.get(pa.transferQueueId)).toBe(await nameOf(skillQueues, pa.transferQueueId));
  });
});

describe("the audit page's filters and names", () => {
  it("filters by who, what and when", async () => {
    const other = await createTestUser(t.db, { role: "tenant_admin", tenantId: a.tenant.id, tenantName: a.tenant.name });
    const targetId = `flt-${uniqueSuffix()}`;
    await recordAudit(t.db, { tenantId: a.tenant.id, actorUserId: other.id, action: "ou.rename", targetType: "ou", targetId, after: { name: "x" } });
    await recordAudit(t.db, { tenantId: a.tenant.id, actorUserId: other.id, action: "ou.rename", targetType: "ou", targetId, after: { name: "old" } });
    await t.db.update(auditLog).set({ createdAt: new Date("2020-06-15T12:00:00Z") }).where(and(eq(auditLog.targetId, targetId), eq(auditLog.after, { name: "old" })));

    const byActor = await loadAuditPage(t.db, a.tenant.id, { actor: other.id });
    expect(byActor.page!.items.map((item) => item.targetId)).toEqual([targetId, targetId]);
    expect(byActor.facets.actors.map((actor) => actor.id)).toContain(other.id);

    const inJune = await loadAuditPage(t.db, a.tenant.id, { actor: other.id, from: "2020-06-15", to: "2020-06-15" });
    expect(inJune.page!.items.map((item) => item.after)).toEqual([{ name: "old" }]);
    const afterJune = await loadAuditPage(t.db, a.tenant.id, { actor: other.id, from: "2020-06-16" });
    expect(afterJune.page!.items.map((item) => item.after)).toEqual([{ name: "x" }]);
    expect((await loadAuditPage(t.db, a.tenant.id, { actor: other.id, action: "channel.update" })).page!.items).toEqual([]);
  });

  it("answers a bad filter with its error and no list, never a crash", async () => {
    const page = await loadAuditPage(t.db, a.tenant.id, { actor: "not-a-uuid", from: "yesterday" });
    expect(page.page).toBeNull();
    expect(page.parsed.errors).toEqual({ actor: "actorInvalid", from: "dateInvalid" });
  });

  it("never shows another tenant's entries or names, even when asked by their ids", async () => {
    const theirs = `theirs-${uniqueSuffix()}`;
    await recordAudit(t.db, { tenantId: b.tenant.id, actorUserId: b.admin.id, action: "ou.rename", targetType: "ou", targetId: theirs });
    // An entry of tenant A that names B's OU, queue and admin (as a forged or stale id would).
    const mine = await loadAuditPage(t.db, a.tenant.id, {});
    await recordAudit(t.db, {
      tenantId: a.tenant.id,
      actorUserId: a.admin.id,
      action: "ou.rename",
      targetType: "ou",
      targetId: pb.ouId,
      before: { ouId: pa.ouId, skillQueueId: pb.skillQueueId, userId: b.admin.id },
      after: { ouId: pb.ouId, skillQueueId: pa.skillQueueId, userId: a.admin.id },
    });

    const page = await loadAuditPage(t.db, a.tenant.id, {});
    expect(page.page!.total).toBe(mine.page!.total + 1);
    expect(page.page!.items.some((item) => item.targetId === theirs)).toBe(false);
    expect(page.names.ou.has(pb.ouId)).toBe(false);
    expect(page.names.skillQueue.has(pb.skillQueueId)).toBe(false);
    expect(page.names.user.has(b.admin.id)).toBe(false);
    expect(page.names.ou.get(pa.ouId)).toBe(await nameOf(ous, pa.ouId));
    expect(page.names.user.get(a.admin.id)).toBe(a.admin.email);
    expect(page.facets.actors.map((actor) => actor.id)).not.toContain(b.admin.id);

    expect((await loadAuditPage(t.db, a.tenant.id, { actor: b.admin.id })).page!.items).toEqual([]);
    expect((await loadAuditPage(t.db, b.tenant.id, { actor: b.admin.id })).page!.items.map((item) => item.targetId)).toContain(theirs);
  });
});
