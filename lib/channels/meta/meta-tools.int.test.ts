import { randomBytes } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, channelTokenStatus, numberRegistrations } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { createTestChannel, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { startFakeMeta, type FakeMeta } from "@/testing/fake-providers/meta";
import { approvePrefix } from "@/testing/outbound";
import { metaToolsActions } from "./actions";
import { REGISTER_LIMIT } from "./register-budget";
import { loadMetaToolsView } from "./tools";

/*
 * The Meta number tools against the fake Graph API over HTTPS on 127.0.0.1 (its chain verified
 * against the channel's trust certificate), through the actions as the guard binds them. The
 * access token and app secret are canaries: they appear in no answer, audit entry or stored row.
 */

const APP_ID = "1234567890123456";
const APP_SECRET = randomBytes(16).toString("hex");
const TOKEN = `EAAGcanary${randomBytes(12).toString("hex")}`;
const EXPIRING_TOKEN = `EAAGexpiring${randomBytes(12).toString("hex")}`;
const EXPIRED_TOKEN = `EAAGexpired${randomBytes(12).toString("hex")}`;
const OTHER_APP_TOKEN = `EAAGotherapp${randomBytes(12).toString("hex")}`;
const WABA_ID = "102290129340398";
const NUMBERS = ["106540352242922", "106540352242923", "106540352242924", "106540352242925", "106540352242926"];
const SECRETS = [TOKEN, APP_SECRET, EXPIRING_TOKEN, EXPIRED_TOKEN, OTHER_APP_TOKEN];
const now = () => Math.floor(Date.now() / 1000);
const SCOPES = ["whatsapp_business_messaging", "whatsapp_business_management"];

let t: TestDatabase;
let fake: FakeMeta;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
const savedGraph = process.env.META_GRAPH_BASE_URL;
const prerequisites = new Map<string, ChannelPrerequisites>();

beforeAll(async () => {
  t = await createTestDatabase();
  const tokens = Object.fromEntries([TOKEN, EXPIRING_TOKEN, OTHER_APP_TOKEN].map((token) => [token, NUMBERS]));
  fake = await startFakeMeta({
    tokens,
    apps: { [APP_ID]: APP_SECRET },
    tokenInfo: {
      [TOKEN]: { appId: APP_ID, expiresAt: 0, scopes: SCOPES },
      [EXPIRING_TOKEN]: { appId: APP_ID, expiresAt: now() + 3 * 86_400, scopes: SCOPES, type: "USER" },
      [EXPIRED_TOKEN]: { appId: APP_ID, expiresAt: now() - 86_400, scopes: SCOPES, type: "USER" },
      [OTHER_APP_TOKEN]: { appId: "9999999999999999", expiresAt: 0, scopes: SCOPES },
    },
    wabas: { [WABA_ID]: [TOKEN] },
    pins: Object.fromEntries(NUMBERS.map((id) => [id, "246810"])),
  });
  await approvePrefix(t.db, fake.prefix);
  process.env.META_GRAPH_BASE_URL = fake.graphBaseUrl;
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => fake.reset());
afterAll(async () => {
  if (savedGraph === undefined) delete process.env.META_GRAPH_BASE_URL;
  else process.env.META_GRAPH_BASE_URL = savedGraph;
  await fake.close();
  await t.close();
});

const as = (user: CurrentUser) => metaToolsActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));

async function cloudApiChannel(owner: CurrentUser, options: { token?: string; appSecret?: string; numberId?: string } = {}): Promise<string> {
  const channel = await createTestChannel(t.db, owner, "cloud-api", {
    prerequisites: prerequisites.get(owner.tenantId!),
    secrets: { accessToken: options.token ?? TOKEN, appSecret: options.appSecret ?? APP_SECRET },
    information: { appKey: APP_ID, phoneNumberId: options.numberId ?? NUMBERS[0], wabaId: WABA_ID },
  });
  prerequisites.set(owner.tenantId!, channel.prerequisites);
  return channel.id;
}

const auditOf = (channelId: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, channelId), like(auditLog.action, "channel.meta%")))
    .orderBy(auditLog.id);

function expectNoSecrets(value: unknown): void {
  const text = JSON.stringify(value);
  for (const secret of SECRETS) expect(text).not.toContain(secret);
}

describe("the Provider section's view", () => {
  it("shows the number's status and whether the WABA is subscribed, asking Meta with the channel's token", async () => {
    const id = await cloudApiChannel(a.admin);
    const view = await loadMetaToolsView(t.db, a.tenant.id, id);
    expect(view.number).toMatchObject({
      ok: true,
      value: { id: NUMBERS[0], display_phone_number: "+1 555-078-3881", verified_name: "Acme Support", quality_rating: "GREEN", status: "CONNECTED" },
    });
    expect(view.number.ok && view.number.value.health_status).toMatchObject({ can_send_message: "AVAILABLE" });
    expect(view.subscription).toEqual({ ok: true, value: { subscribed: false, apps: [] } });
    expect(view.budget).toMatchObject({ limit: 10, left: 10 });
    expect(fake.requests.every((request) => request.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
    expectNoSecrets(view);
  });

  it("reads another tenant's channel as missing", async () => {
    const id = await cloudApiChannel(a.admin);
    await expect(loadMetaToolsView(t.db, b.tenant.id, id)).rejects.toMatchObject({ code: "providerTools.errors.notFound" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("WABA subscription", () => {
  it("subscribes and unsubscribes the channel's app, each audited", async () => {
    const id = await cloudApiChannel(a.admin);
    expect(await as(a.admin).setMetaSubscription({ channelId: id, subscribe: true })).toEqual({ ok: true, data: { subscribed: true } });
    expect([...(fake.admin.subscriptions.get(WABA_ID) ?? [])]).toEqual([APP_ID]);
    const subscribed = await loadMetaToolsView(t.db, a.tenant.id, id);
    expect(subscribed.subscription).toMatchObject({ ok: true, value: { subscribed: true, apps: [{ id: APP_ID }] } });

    expect(await as(a.admin).setMetaSubscription({ channelId: id, subscribe: false })).toEqual({ ok: true, data: { subscribed: false } });
    expect((await loadMetaToolsView(t.db, a.tenant.id, id)).subscription).toMatchObject({ ok: true, value: { subscribed: false } });
    const methods = fake.requests.filter((request) => request.path.endsWith("/subscribed_apps")).map((request) => request.method);
    expect(methods).toEqual(["POST", "GET", "DELETE", "GET"]);

    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.after)).toEqual([
      { wabaId: WABA_ID, subscribe: true, outcome: "succeeded", errorCode: null },
      { wabaId: WABA_ID, subscribe: false, outcome: "succeeded", errorCode: null },
    ]);
    expectNoSecrets(audit);
  });

  it("is for tenant admins of the channel's tenant only", async () => {
    const id = await cloudApiChannel(a.admin);
    expect(await as(a.support).setMetaSubscription({ channelId: id, subscribe: true })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await as(b.admin).setMetaSubscription({ channelId: id, subscribe: true })).toEqual({ ok: false, error: "providerTools.errors.notFound" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("register the number", () => {
  it("registers with the right PIN and counts the attempt", async () => {
    const id = await cloudApiChannel(a.admin, { numberId: NUMBERS[1] });
    const result = await as(a.admin).registerMetaNumber({ channelId: id, pin: "246810", confirmed: true });
    expect(result).toMatchObject({ ok: true, data: { budget: { used: 1, left: 9 } } });
    expect(fake.admin.registerCalls).toEqual([{ phoneNumberId: NUMBERS[1], pin: "246810" }]);
    const rows = await t.db.select().from(numberRegistrations).where(eq(numberRegistrations.phoneNumberId, NUMBERS[1]!));
    expect(rows).toEqual([expect.objectContaining({ outcome: "succeeded", tenantId: a.tenant.id, attemptedByUserId: a.admin.id })]);
    const audit = await auditOf(id);
    expect(audit.map((entry) => entry.after)).toEqual([{ phoneNumberId: NUMBERS[1], outcome: "succeeded", errorCode: null }]);
    expect(JSON.stringify(audit)).not.toContain("246810");
  });

  it("answers Meta's code and words for a wrong PIN, and the attempt still counts", async () => {
    const id = await cloudApiChannel(a.admin, { numberId: NUMBERS[2] });
    const result = await as(a.admin).registerMetaNumber({ channelId: id, pin: "111111", confirmed: true });
    expect(result).toEqual({
      ok: false,
      error: "providerTools.errors.metaRefused",
      values: { code: "133005", message: "Two step verification PIN incorrect." },
    });
    expect((await loadMetaToolsView(t.db, a.tenant.id, id)).budget).toMatchObject({ used: 1, left: 9 });
    const [row] = await t.db.select().from(numberRegistrations).where(eq(numberRegistrations.phoneNumberId, NUMBERS[2]!));
    expect(row).toMatchObject({ outcome: "failed", errorCode: "133005" });
  });

  it("refuses locally, without calling Meta, once ten attempts were made in 72 hours", async () => {
    const id = await cloudApiChannel(a.admin, { numberId: NUMBERS[3] });
    await t.db.insert(numberRegistrations).values(
      Array.from({ length: REGISTER_LIMIT }, () => ({ tenantId: a.tenant.id, channelId: id, phoneNumberId: NUMBERS[3]!, outcome: "failed" as const })),
    );
    const result = await as(a.admin).registerMetaNumber({ channelId: id, pin: "246810", confirmed: true });
    expect(result).toEqual({ ok: false, error: "providerTools.errors.registerBudgetSpent", values: { limit: 10 } });
    expect(fake.requests).toHaveLength(0);
    expect((await auditOf(id)).map((entry) => entry.after)).toEqual([{ phoneNumberId: NUMBERS[3], outcome: "refused-locally", budgetLeft: 0 }]);
  });

  it("needs a six-digit PIN and a confirmation, from a tenant admin of the channel's tenant", async () => {
    const id = await cloudApiChannel(a.admin, { numberId: NUMBERS[4] });
    expect(await as(a.admin).registerMetaNumber({ channelId: id, pin: "12345", confirmed: true })).toMatchObject({ ok: false, fieldErrors: { pin: ["providerTools.validation.pin"] } });
    expect(await as(a.admin).registerMetaNumber({ channelId: id, pin: "123456" })).toMatchObject({ ok: false, fieldErrors: { confirmed: ["providerTools.validation.confirm"] } });
    expect(await as(a.support).registerMetaNumber({ channelId: id, pin: "246810", confirmed: true })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await as(b.admin).registerMetaNumber({ channelId: id, pin: "246810", confirmed: true })).toEqual({ ok: false, error: "providerTools.errors.notFound" });
    expect(fake.requests).toHaveLength(0);
  });
});

describe("the token check (debug_token)", () => {
  const stored = async (id: string) => (await t.db.select().from(channelTokenStatus).where(eq(channelTokenStatus.channelId, id)))[0];

  it("stores a valid token's scopes and no expiry, proving the app secret; audited without secrets", async () => {
    const id = await cloudApiChannel(a.admin);
    expect(await as(a.admin).checkMetaToken({ channelId: id })).toEqual({ ok: true, data: { isValid: "valid" } });
    expect(await stored(id)).toMatchObject({ tenantId: a.tenant.id, isValid: "valid", expiresAt: null, scopes: SCOPES, appId: APP_ID, errorCode: null });
    const [call] = fake.requests;
    expect(call!.path).toBe("/v21.0/debug_token");
    expect(call!.query.get("access_token")).toBe(`${APP_ID}|${APP_SECRET}`);
    expect(call!.headers.authorization).toBeUndefined();
    const audit = await auditOf(id);
    expect(audit).toEqual([expect.objectContaining({ action: "channel.metaTokenCheck", actorUserId: a.admin.id, after: { isValid: "valid", expiresAt: null, errorCode: null } })]);
    expectNoSecrets(audit);
    expectNoSecrets(await stored(id));
  });

  it("stores an expired token as invalid with Meta's code, and its expiry", async () => {
    const id = await cloudApiChannel(a.admin, { token: EXPIRED_TOKEN });
    expect(await as(a.admin).checkMetaToken({ channelId: id })).toEqual({ ok: true, data: { isValid: "invalid" } });
    const row = await stored(id);
    expect(row).toMatchObject({ isValid: "invalid", errorCode: "190" });
    expect(row!.expiresAt!.getTime()).toBeLessThan(Date.now());
    expect(row!.errorMessage).toContain("Session has expired");
  });

  it("calls a token of another app invalid (app id mismatch)", async () => {
    const id = await cloudApiChannel(a.admin, { token: OTHER_APP_TOKEN });
    expect(await as(a.admin).checkMetaToken({ channelId: id })).toEqual({ ok: true, data: { isValid: "invalid" } });
    expect(await stored(id)).toMatchObject({ isValid: "invalid", errorCode: "app-id-mismatch", appId: "9999999999999999" });
  });

  it("reports a wrong app secret as Meta's refusal (190), the token's validity unknown", async () => {
    const id = await cloudApiChannel(a.admin, { appSecret: randomBytes(16).toString("hex") });
    expect(await as(a.admin).checkMetaToken({ channelId: id })).toEqual({ ok: true, data: { isValid: "unknown" } });
    expect(await stored(id)).toMatchObject({ isValid: "unknown", errorCode: "190", errorMessage: "Invalid OAuth access token signature." });
  });

  it("is for tenant admins of the channel's tenant only", async () => {
    const id = await cloudApiChannel(a.admin);
    expect(await as(a.support).checkMetaToken({ channelId: id })).toMatchObject({ ok: false, error: "forbidden" });
    expect(await as(b.admin).checkMetaToken({ channelId: id })).toEqual({ ok: false, error: "providerTools.errors.notFound" });
    expect(fake.requests).toHaveLength(0);
    expect(await stored(id)).toBeUndefined();
  });
});

