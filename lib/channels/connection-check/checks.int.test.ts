import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { getConnectionCheck } from "@/db/queries/connection-checks";
import { auditLog, channelConnectionChecks } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { startFakeMeta, type FakeMeta } from "@/testing/fake-providers/meta";
import { approvePrefix } from "@/testing/outbound";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { connectionCheckActions } from "./actions";

/*
 * The actions end to end on a stored cloud-api channel: its secrets and certificates decrypted from
 * the database, the check run against the fake Graph API, the result kept and audited without a
 * secret; support staff cannot start one; another tenant's channel id reads as missing.
 */

const TOKEN = `EAAcanary${Date.now()}ZZcheckZZ`;
const NUMBER_ID = "106540352242922";
const WABA_ID = "102290129340398";
const APP_ID = "640000000000001";
const ENV_KEYS = ["OUTBOUND_EXTRA_CA_FILE", "OUTBOUND_TIMEOUT_MS", "META_GRAPH_BASE_URL", "PUBLIC_BASE_URL"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

let t: TestDatabase;
let meta: FakeMeta;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let channelId: string;

const as = (user: CurrentUser) => connectionCheckActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));

beforeAll(async () => {
  t = await createTestDatabase();
  meta = await startFakeMeta({
    tokens: { [TOKEN]: [NUMBER_ID] },
    wabas: { [WABA_ID]: [TOKEN] },
    tokenInfo: { [TOKEN]: { appId: APP_ID, expiresAt: 0, scopes: [] } },
  });
  await approvePrefix(t.db, meta.prefix);
  process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
  process.env.OUTBOUND_TIMEOUT_MS = "1000";
  process.env.PUBLIC_BASE_URL = "https://console.example";
  delete process.env.META_GRAPH_BASE_URL;
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  const channel = await createTestChannel(t.db, a.admin, "cloud-api", {
    phoneNumber: "+15550783881",
    secrets: { accessToken: TOKEN },
    information: { baseUrl: `${meta.graphBaseUrl}/${NUMBER_ID}/messages`, phoneNumberId: NUMBER_ID, wabaId: WABA_ID, appKey: APP_ID },
  });
  channelId = channel.id;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => meta.reset());
afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await meta.close();
  await t.close();
});

describe("checkConnection", () => {
  it("checks a stored channel with its own token and certificates, keeps the result and audits it without secrets", async () => {
    meta.admin.subscriptions.set(WABA_ID, new Set([APP_ID]));
    const answer = await as(a.admin).checkConnection({ channelId });
    expect(answer).toMatchObject({ ok: true, data: { channelId, outcome: "passed" } });
    // The diagnosis's HEAD / carries nothing; the Graph calls carry the channel's token.
    expect(meta.requests.filter((r) => r.path !== "/").map((r) => r.headers.authorization)).toEqual([`Bearer ${TOKEN}`, `Bearer ${TOKEN}`]);

    const stored = await getConnectionCheck(t.db, { tenantId: a.tenant.id }, channelId);
    expect(stored?.outcome).toBe("passed");
    expect(stored?.steps.map((step) => step.outcome)).toEqual(["passed", "passed", "passed", "passed", "passed", "passed"]);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "channel.connectionCheck"), eq(auditLog.targetId, channelId)));
    expect(audits).toHaveLength(1);
    expect(JSON.stringify(audits)).not.toContain(TOKEN);
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
  });

  it("replaces the latest result: a second check with the WABA unsubscribed fails the webhook step", async () => {
    const answer = await as(a.admin).checkConnection({ channelId });
    expect(answer.ok && answer.data.outcome).toBe("failed");
    const rows = await t.db.select().from(channelConnectionChecks).where(eq(channelConnectionChecks.channelId, channelId));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.steps.find((step) => step.step === "webhook")?.outcome).toBe("failed");
  });

  it("refuses support staff: they see results, they do not start checks", async () => {
    expect(await as(a.support).checkConnection({ channelId })).toMatchObject({ ok: false, error: "forbidden" });
    expect(meta.requests).toHaveLength(0);
  });

  it("answers another tenant's channel id as not found, calls nobody and stores nothing", async () => {
    expect(await as(b.admin).checkConnection({ channelId })).toEqual({ ok: false, error: "connectionCheck.errors.notFound" });
    expect(meta.connections).toBe(0);
    expect(await getConnectionCheck(t.db, { tenantId: b.tenant.id }, channelId)).toBeNull();
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.action, "channel.connectionCheck"), eq(auditLog.tenantId, b.tenant.id)));
    expect(audits).toHaveLength(0);
  });
});

describe("checkConnections (bulk)", () => {
  it("answers per channel: a result for its own, not found for another tenant's", async () => {
    const other = await createTestChannel(t.db, b.admin, "cloud-api", { phoneNumber: "+15550783882" });
    meta.admin.subscriptions.set(WABA_ID, new Set([APP_ID]));
    const answer = await as(a.admin).checkConnections({ channelIds: [channelId, other.id] });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.data).toEqual([
      expect.objectContaining({ channelId, ok: true, outcome: "passed" }),
      { channelId: other.id, ok: false, error: "connectionCheck.errors.notFound" },
    ]);
    expect(await getConnectionCheck(t.db, { tenantId: b.tenant.id }, other.id)).toBeNull();
  });

  it("refuses more ids than one request may carry", async () => {
    const ids = Array.from({ length: 21 }, () => channelId);
    expect(await as(a.admin).checkConnections({ channelIds: ids })).toMatchObject({ ok: false });
  });
});
