import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, trustlistEntries } from "@/db/schema";
import {
  getEntry,
  listApprovedPage,
  listApprovedPrefixes,
  listPendingForSystem,
  listPendingTenantPrefixes,
  listTenantRequests,
} from "@/db/queries/trustlist";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import {
  decideTrustlistRequestSchema,
  requestTrustlistPrefixSchema,
  revokeTrustlistPrefixSchema,
} from "@/lib/validations/trustlist";
import { trustlistActions } from "./actions";
import { checkUrl, suggestTrustlistPrefix, trustlistRequestHref, urlRefusalKey } from "./prefix";

let t: TestDatabase;
let sysadmin: CurrentUser;
let tenantA: Awaited<ReturnType<typeof createTestTenant>>;
let tenantB: Awaited<ReturnType<typeof createTestTenant>>;

const as = (user: CurrentUser | null) => trustlistActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const host = () => `api-${uniqueSuffix()}.example.com`;
const MISSING_ID = "00000000-0000-4000-8000-000000000000";
/** What an outbound call to `url` would be judged by: the prefixes approved now. */
const checkNow = async (url: string) => checkUrl(url, await listApprovedPrefixes(t.db));

async function request(user: CurrentUser, prefix: string, reason = "Outbound calls of our WhatsApp channel") {
  const result = await as(user).request({ prefix, reason });
  if (!result.ok) throw new Error(`request failed: ${result.error}`);
  return result.data;
}

const auditFor = (targetId: string) => t.db.select().from(auditLog).where(eq(auditLog.targetId, targetId)).orderBy(auditLog.id);

beforeAll(async () => {
  t = await createTestDatabase();
  sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
  [tenantA, tenantB] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

describe("who may call trustlist actions", () => {
  it("refuses a signed-out caller", async () => {
    expect(await as(null).request({ prefix: "https://a.example.com/", reason: "x" })).toEqual({ ok: false, error: "unauthenticated" });
    expect(await as(null).decide({ id: MISSING_ID, decision: "approve" })).toEqual({ ok: false, error: "unauthenticated" });
  });

  it("refuses support staff: they read, they do not request or withdraw", async () => {
    const prefix = `https://${host()}/`;
    expect(await as(tenantA.support).request({ prefix, reason: "Please" })).toEqual({ ok: false, error: "forbidden" });
    expect(await t.db.select().from(trustlistEntries).where(eq(trustlistEntries.prefix, prefix))).toHaveLength(0);
    const { id } = await request(tenantA.admin, prefix);
    expect(await as(tenantA.support).withdraw({ id })).toEqual({ ok: false, error: "forbidden" });
    expect((await getEntry(t.db, id))?.status).toBe("pending");
  });

  it("refuses a system administrator the tenant side, and tenant users the system side", async () => {
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    expect(await as(sysadmin).request({ prefix: `https://${host()}/`, reason: "x" })).toEqual({ ok: false, error: "forbidden" });
    for (const user of [tenantA.admin, tenantA.support]) {
      expect(await as(user).decide({ id, decision: "approve" })).toEqual({ ok: false, error: "forbidden" });
      expect(await as(user).revoke({ id })).toEqual({ ok: false, error: "forbidden" });
    }
    expect((await getEntry(t.db, id))?.status).toBe("pending");
  });
});

describe("request", () => {
  it("stores the normalised prefix as pending and audits it for the tenant", async () => {
    const name = host();
    const result = await as(tenantA.admin).request({ prefix: ` HTTPS://${name.toUpperCase()}:443/Api `, reason: "  Infobip BaseUrl  " });
    expect(result).toMatchObject({ ok: true, data: { prefix: `https://${name}/Api/` } });
    const id = result.ok ? result.data.id : "";
    expect(await getEntry(t.db, id)).toMatchObject({
      prefix: `https://${name}/Api/`,
      reason: "Infobip BaseUrl",
      status: "pending",
      requestedByTenantId: tenantA.tenant.id,
      requestedByUserId: tenantA.admin.id,
      decidedAt: null,
    });
    const [entry] = await auditFor(id);
    expect(entry).toMatchObject({
      tenantId: tenantA.tenant.id,
      actorUserId: tenantA.admin.id,
      action: "trustlist.request",
      targetType: "trustlistEntry",
      after: { prefix: `https://${name}/Api/`, reason: "Infobip BaseUrl", status: "pending" },
    });
  });

  it.each([
    ["http://a.example.com/", "trustlist.errors.prefix.insecureScheme"],
    ["ftp://a.example.com/", "trustlist.errors.prefix.unsupportedScheme"],
    ["https://user:pw@a.example.com/", "trustlist.errors.prefix.userinfo"],
    ["https://a.example.com/?x=1", "trustlist.errors.prefix.query"],
    ["https://*.example.com/", "trustlist.errors.prefix.wildcard"],
    ["https://a.example.com:70000/", "trustlist.errors.prefix.invalidPort"],
    ["https://a.example.com/api/../admin", "trustlist.errors.prefix.dotSegment"],
    ["a.example.com", "trustlist.errors.prefix.missingScheme"],
    ["", "required"],
  ])("explains a bad prefix %j precisely, next to the field", async (prefix, key) => {
    expect(await as(tenantA.admin).request({ prefix, reason: "Because" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { prefix: [key] },
    });
  });

  it("requires a reason of 1–500 characters", async () => {
    const prefix = `https://${host()}/`;
    expect(await as(tenantA.admin).request({ prefix, reason: "   " })).toMatchObject({ fieldErrors: { reason: ["required"] } });
    expect(await as(tenantA.admin).request({ prefix, reason: "x".repeat(501) })).toMatchObject({
      fieldErrors: { reason: ["trustlist.errors.reasonTooLong"] },
    });
    expect(await as(tenantA.admin).request({ prefix })).toMatchObject({ fieldErrors: { reason: ["required"] } });
    expect(await as(tenantA.admin).request({ prefix: 42, reason: "x" })).toMatchObject({ fieldErrors: { prefix: ["required"] } });
    expect(await as(tenantA.admin).request({ prefix, reason: "x".repeat(500) })).toMatchObject({ ok: true });
  });

  it("refuses a second pending request for the same prefix, however it is spelled", async () => {
    const name = host();
    await request(tenantA.admin, `https://${name}/v1`);
    expect(await as(tenantA.admin).request({ prefix: `HTTPS://${name.toUpperCase()}:443/v1/`, reason: "Again" })).toEqual({
      ok: false,
      error: "trustlist.errors.alreadyRequested",
      fieldErrors: { prefix: ["trustlist.errors.alreadyRequested"] },
    });
    // Another tenant may ask for the same prefix independently.
    expect(await as(tenantB.admin).request({ prefix: `https://${name}/v1/`, reason: "Us too" })).toMatchObject({ ok: true });
  });

  it("lists the tenant's own pending prefixes for the wizard, until they are decided", async () => {
    const pending = `https://${host()}/`;
    const rejected = `https://${host()}/`;
    await request(tenantA.admin, pending);
    const { id } = await request(tenantA.admin, rejected);
    expect(await listPendingTenantPrefixes(t.db, { tenantId: tenantA.tenant.id })).toEqual(expect.arrayContaining([pending, rejected]));
    await as(sysadmin).decide({ id, decision: "reject" });
    const afterDecision = await listPendingTenantPrefixes(t.db, { tenantId: tenantA.tenant.id });
    expect(afterDecision).toContain(pending);
    expect(afterDecision).not.toContain(rejected);
    // Another tenant's requests are not its business.
    expect(await listPendingTenantPrefixes(t.db, { tenantId: tenantB.tenant.id })).not.toContain(pending);
  });

  it("refuses a prefix that is approved already or lies under an approved one", async () => {
    const name = host();
    const { id } = await request(tenantB.admin, `https://${name}/`);
    await as(sysadmin).decide({ id, decision: "approve" });
    expect(await as(tenantA.admin).request({ prefix: `https://${name}`, reason: "x" })).toMatchObject({
      ok: false,
      error: "trustlist.errors.alreadyApproved",
    });
    expect(await as(tenantA.admin).request({ prefix: `https://${name}/api`, reason: "x" })).toMatchObject({
      ok: false,
      error: "trustlist.errors.alreadyCovered",
    });
    // Another port is another origin.
    expect(await as(tenantA.admin).request({ prefix: `https://${name}:8443/`, reason: "x" })).toMatchObject({ ok: true });
  });

  it("lists only the tenant's own requests", async () => {
    const own = await request(tenantA.admin, `https://${host()}/`);
    const theirs = await request(tenantB.admin, `https://${host()}/`);
    const listA = await listTenantRequests(t.db, { tenantId: tenantA.tenant.id }, 1);
    expect(listA.items.map((row) => row.id)).toContain(own.id);
    expect(listA.items.map((row) => row.id)).not.toContain(theirs.id);
    expect(listA.items.every((row) => row.requestedByEmail === null || row.requestedByEmail === tenantA.admin.email)).toBe(true);
  });
});

describe("withdraw", () => {
  it("deletes the tenant's own pending request and audits it", async () => {
    const { id, prefix } = await request(tenantA.admin, `https://${host()}/`);
    expect(await as(tenantA.admin).withdraw({ id })).toEqual({ ok: true, data: undefined });
    expect(await getEntry(t.db, id)).toBeNull();
    const entries = await auditFor(id);
    expect(entries.map((e) => e.action)).toEqual(["trustlist.request", "trustlist.withdraw"]);
    expect(entries[1]).toMatchObject({ tenantId: tenantA.tenant.id, before: { prefix, status: "pending" }, after: null });
    // The prefix may be requested again afterwards.
    expect(await as(tenantA.admin).request({ prefix, reason: "Second try" })).toMatchObject({ ok: true });
  });

  it("treats another tenant's request exactly like a missing one, and changes nothing", async () => {
    const { id } = await request(tenantB.admin, `https://${host()}/`);
    expect(await as(tenantA.admin).withdraw({ id })).toEqual({ ok: false, error: "trustlist.errors.requestNotFound" });
    expect(await as(tenantA.admin).withdraw({ id: MISSING_ID })).toEqual({ ok: false, error: "trustlist.errors.requestNotFound" });
    expect((await getEntry(t.db, id))?.status).toBe("pending");
    expect((await auditFor(id)).map((e) => e.action)).toEqual(["trustlist.request"]);
  });

  it("refuses malformed ids and decided requests", async () => {
    expect(await as(tenantA.admin).withdraw({ id: "1 or 1=1" })).toMatchObject({ ok: false, fieldErrors: { id: ["invalidId"] } });
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    await as(sysadmin).decide({ id, decision: "reject", note: "No" });
    expect(await as(tenantA.admin).withdraw({ id })).toEqual({ ok: false, error: "trustlist.errors.notPending" });
    expect((await getEntry(t.db, id))?.status).toBe("rejected");
  });
});

describe("decide", () => {
  it("approves: the prefix becomes global, the check admits it, the requesting tenant's log shows it", async () => {
    const name = host();
    const { id, prefix } = await request(tenantA.admin, `https://${name}/api`);
    expect(await as(sysadmin).decide({ id, decision: "approve", note: "  " })).toEqual({
      ok: true,
      data: { status: "approved", alreadyApproved: false },
    });
    expect(await getEntry(t.db, id)).toMatchObject({ status: "approved", decidedByUserId: sysadmin.id, decisionNote: null });
    expect(await listApprovedPrefixes(t.db)).toContain(prefix);
    const approvedForB = await listApprovedPage(t.db, 1);
    expect(approvedForB.items.map((row) => row.prefix)).toContain(prefix);
    expect(await checkNow(`https://${name}/api/send?x=1`)).toEqual({ allowed: true, url: `https://${name}/api/send?x=1`, prefix });
    const entries = await auditFor(id);
    expect(entries.at(-1)).toMatchObject({
      tenantId: tenantA.tenant.id,
      actorUserId: sysadmin.id,
      action: "trustlist.approve",
      before: { status: "pending" },
      after: { status: "approved", prefix },
    });
  });

  it("is idempotent: approving again says so and records nothing", async () => {
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    await as(sysadmin).decide({ id, decision: "approve" });
    const before = await auditFor(id);
    expect(await as(sysadmin).decide({ id, decision: "approve" })).toEqual({ ok: true, data: { status: "approved", alreadyApproved: true } });
    expect(await auditFor(id)).toHaveLength(before.length);
  });

  it("treats another tenant's request for an approved prefix as satisfied", async () => {
    const prefix = `https://${host()}/`;
    const a = await request(tenantA.admin, prefix);
    const b = await request(tenantB.admin, prefix);
    await as(sysadmin).decide({ id: a.id, decision: "approve" });
    const pending = await listPendingForSystem(t.db, 1);
    expect(pending.items.map((row) => row.id)).not.toContain(b.id);
    const listB = await listTenantRequests(t.db, { tenantId: tenantB.tenant.id }, 1);
    expect(listB.items.find((row) => row.id === b.id)).toMatchObject({ status: "pending", alreadyApproved: true });
    expect(await as(sysadmin).decide({ id: b.id, decision: "approve" })).toEqual({
      ok: true,
      data: { status: "approved", alreadyApproved: true },
    });
    expect((await listApprovedPrefixes(t.db)).filter((p) => p === prefix)).toHaveLength(1);
  });

  it("settles two approvals of one prefix racing each other", async () => {
    const prefix = `https://${host()}/`;
    const [a, b] = await Promise.all([request(tenantA.admin, prefix), request(tenantB.admin, prefix)]);
    const results = await Promise.all([
      as(sysadmin).decide({ id: a.id, decision: "approve" }),
      as(sysadmin).decide({ id: b.id, decision: "approve" }),
    ]);
    expect(results.map((r) => r.ok && r.data.alreadyApproved).sort()).toEqual([false, true]);
    expect((await listApprovedPrefixes(t.db)).filter((p) => p === prefix)).toHaveLength(1);
  });

  it("rejects with a note the tenant can read, once", async () => {
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    expect(await as(sysadmin).decide({ id, decision: "reject", note: "Use the provider's regional host instead." })).toEqual({
      ok: true,
      data: { status: "rejected", alreadyApproved: false },
    });
    const list = await listTenantRequests(t.db, { tenantId: tenantA.tenant.id }, 1);
    expect(list.items.find((row) => row.id === id)).toMatchObject({
      status: "rejected",
      decisionNote: "Use the provider's regional host instead.",
    });
    expect((await auditFor(id)).at(-1)).toMatchObject({ tenantId: tenantA.tenant.id, action: "trustlist.reject" });
    expect(await as(sysadmin).decide({ id, decision: "reject" })).toEqual({ ok: false, error: "trustlist.errors.notPending" });
    expect(await as(sysadmin).decide({ id, decision: "approve" })).toEqual({ ok: false, error: "trustlist.errors.notPending" });
  });

  it("accepts what the browser form sends: the schema's own parsed output", async () => {
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    const sent = decideTrustlistRequestSchema.parse({ id, decision: "approve", note: "" });
    expect(sent.note).toBeNull();
    expect(await as(sysadmin).decide(sent)).toMatchObject({ ok: true, data: { status: "approved" } });
    const revoke = revokeTrustlistPrefixSchema.parse({ id, note: "   " });
    expect(await as(sysadmin).revoke(revoke)).toMatchObject({ ok: true });
    const requested = requestTrustlistPrefixSchema.parse({ prefix: `HTTPS://${host()}:443/a`, reason: " r " });
    expect(await as(tenantA.admin).request(requested)).toMatchObject({ ok: true, data: { prefix: requested.prefix } });
  });

  it("explains bad input and unknown requests", async () => {
    expect(await as(sysadmin).decide({ id: MISSING_ID, decision: "approve" })).toEqual({ ok: false, error: "trustlist.errors.requestNotFound" });
    expect(await as(sysadmin).decide({ id: "nope", decision: "approve" })).toMatchObject({ fieldErrors: { id: ["invalidId"] } });
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    expect(await as(sysadmin).decide({ id, decision: "maybe" })).toMatchObject({ fieldErrors: { decision: ["required"] } });
    expect(await as(sysadmin).decide({ id, decision: "reject", note: "n".repeat(501) })).toMatchObject({
      fieldErrors: { note: ["trustlist.errors.noteTooLong"] },
    });
    expect((await getEntry(t.db, id))?.status).toBe("pending");
  });

  it("lists pending requests of every tenant with the tenant's name", async () => {
    const a = await request(tenantA.admin, `https://${host()}/`);
    const b = await request(tenantB.admin, `https://${host()}/`);
    const pending = await listPendingForSystem(t.db, 1);
    expect(pending.items.find((row) => row.id === a.id)?.tenantName).toBe(tenantA.tenant.name);
    expect(pending.items.find((row) => row.id === b.id)?.tenantName).toBe(tenantB.tenant.name);
  });
});

describe("revoke", () => {
  it("removes the prefix for everyone, tells the requesting tenant why, and reopens other tenants' requests", async () => {
    const prefix = `https://${host()}/`;
    const a = await request(tenantA.admin, prefix);
    const b = await request(tenantB.admin, prefix);
    await as(sysadmin).decide({ id: a.id, decision: "approve" });
    expect(await as(sysadmin).revoke({ id: a.id, note: "The provider moved hosts." })).toEqual({ ok: true, data: undefined });
    expect(await listApprovedPrefixes(t.db)).not.toContain(prefix);
    expect(await getEntry(t.db, a.id)).toMatchObject({ status: "rejected", decisionNote: "The provider moved hosts.", decidedByUserId: sysadmin.id });
    expect((await auditFor(a.id)).at(-1)).toMatchObject({
      tenantId: tenantA.tenant.id,
      action: "trustlist.revoke",
      before: { status: "approved" },
      after: { status: "rejected", note: "The provider moved hosts." },
    });
    expect(await checkNow(`${prefix}x`)).toEqual({ allowed: false, reason: "notOnTrustlist" });
    expect((await listPendingForSystem(t.db, 1)).items.map((row) => row.id)).toContain(b.id);
  });

  it("refuses what is not approved, unknown ids and bad input", async () => {
    const { id } = await request(tenantA.admin, `https://${host()}/`);
    expect(await as(sysadmin).revoke({ id })).toEqual({ ok: false, error: "trustlist.errors.notApproved" });
    expect(await as(sysadmin).revoke({ id: MISSING_ID })).toEqual({ ok: false, error: "trustlist.errors.prefixNotFound" });
    expect(await as(sysadmin).revoke({ id: "x" })).toMatchObject({ fieldErrors: { id: ["invalidId"] } });
    expect((await getEntry(t.db, id))?.status).toBe("pending");
  });
});

describe("a URL no approved prefix admits", () => {
  it("is refused with the prefix to request, and callable once that is approved", async () => {
    const name = host();
    const url = `https://${name}/whatsapp/1/message?x=1`;
    const check = await checkNow(url);
    expect(check).toEqual({ allowed: false, reason: "notOnTrustlist" });
    expect(urlRefusalKey("notOnTrustlist")).toBe("trustlist.errors.notOnTrustlist");
    const suggestedPrefix = suggestTrustlistPrefix(url);
    expect(suggestedPrefix).toBe(`https://${name}/whatsapp/`);
    expect(trustlistRequestHref(suggestedPrefix!)).toBe(`/settings/trustlist?prefix=${encodeURIComponent(`https://${name}/whatsapp/`)}`);
    // Requesting the suggestion and approving it makes the URL callable.
    const { id } = await request(tenantA.admin, suggestedPrefix!);
    await as(sysadmin).decide({ id, decision: "approve" });
    expect(await checkNow(url)).toMatchObject({ allowed: true, prefix: suggestedPrefix });
  });

  it("names the precise reason for URLs no prefix could admit", async () => {
    const name = host();
    const { id } = await request(tenantA.admin, `https://${name}/`);
    await as(sysadmin).decide({ id, decision: "approve" });
    for (const [url, key] of [
      [`http://${name}/`, "trustlist.errors.prefix.insecureScheme"],
      [`https://user:pw@${name}/`, "trustlist.errors.prefix.userinfo"],
      ["not a url", "trustlist.errors.invalidUrl"],
    ] as const) {
      const check = await checkNow(url);
      expect(check.allowed ? null : urlRefusalKey(check.reason), url).toBe(key);
    }
  });
});

it("keeps each tenant's pending requests separate in the database", async () => {
  const prefix = `https://${host()}/`;
  await request(tenantA.admin, prefix);
  await request(tenantB.admin, prefix);
  const rows = await t.db
    .select()
    .from(trustlistEntries)
    .where(and(eq(trustlistEntries.prefix, prefix), eq(trustlistEntries.status, "pending")));
  expect(new Set(rows.map((row) => row.requestedByTenantId))).toEqual(new Set([tenantA.tenant.id, tenantB.tenant.id]));
});
