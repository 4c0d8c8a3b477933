import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, createPool } from "@/db/client";
import { deleteExpiredTokens } from "@/db/queries/api-apps";
import { oauthTokens } from "@/db/schema";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "@/lib/guard/actions";
import { createRouteClient } from "@/lib/guard/routes";
import { apiAppActions } from "./actions";
import type { ApiName } from "./apis";
import { verifyBearerToken } from "./bearer";
import { basicAuthorization, callTokenEndpoint, tokenRequest, storedTokenCount } from "@/testing/token-requests";
import { hashCredential } from "./credentials";
import { handleTokenRequest, type TokenEndpointOptions } from "./token-endpoint";

let t: TestDatabase;
let sysadmin: CurrentUser;
let tenantId: string;

const actions = () => apiAppActions(createActionClient({ getUser: async () => sysadmin, getDb: () => t.db }));

async function createApp(apis: ApiName[] = ["sendWhatsappMessage", "telegram_north"]) {
  const result = await actions().createApiApp({ name: `App ${uniqueSuffix()}`, tenantId, apis });
  if (!result.ok) throw new Error(`createApiApp failed: ${result.error}`);
  return result.data;
}

const basic = basicAuthorization;
const call = (request: Request, options?: TokenEndpointOptions) => callTokenEndpoint(t.db, request, options);

const tokenCount = (appId: string) => storedTokenCount(t.db, appId);

beforeAll(async () => {
  t = await createTestDatabase();
  sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
  tenantId = (await createTestTenant(t.db)).tenant.id;
});
afterAll(() => t.close());

describe("issuing tokens", () => {
  it("issues a bearer token to HTTP Basic credentials, stored only as its hash", async () => {
    const app = await createApp();
    const now = new Date("2030-01-01T12:00:00Z");
    const { response, status, body } = await call(tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(app.appKey, app.appSecret) }), { now });
    expect(status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("pragma")).toBe("no-cache");
    expect(body).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), token_type: "Bearer", expires_in: 900, scope: "sendWhatsappMessage telegram_north" });

    const token = body.access_token as string;
    const rows = await t.db.select().from(oauthTokens).where(eq(oauthTokens.appId, app.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ tokenHash: hashCredential(token), tenantId, apis: ["sendWhatsappMessage", "telegram_north"] });
    expect(rows[0]!.expiresAt.toISOString()).toBe("2030-01-01T12:15:00.000Z");
    expect(JSON.stringify(rows)).not.toContain(token);
  });

  it("issues a token to client_id and client_secret in the body, narrowed by scope", async () => {
    const app = await createApp();
    const { status, body } = await call(
      tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret, scope: "telegram_north" }),
    );
    expect(status).toBe(200);
    expect(body.scope).toBe("telegram_north");
    expect(await verifyBearerToken(t.db, body.access_token as string, "telegram_north")).not.toBeNull();
    expect(await verifyBearerToken(t.db, body.access_token as string, "sendWhatsappMessage")).toBeNull();
  });

  it("refuses both authentication methods at once", async () => {
    const app = await createApp();
    const { status, body } = await call(
      tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret }, { authorization: basic(app.appKey, app.appSecret) }),
    );
    expect(status).toBe(400);
    expect(body.error).toBe("invalid_request");
    expect(await tokenCount(app.id)).toBe(0);
  });

  it("answers a wrong secret, an unknown client and a disabled app alike: 401 invalid_client", async () => {
    const app = await createApp();
    const disabled = await createApp();
    expect((await actions().setApiAppDisabled({ appId: disabled.id, disabled: true })).ok).toBe(true);

    const attempts = [
      tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(app.appKey, `${app.appSecret}x`) }),
      tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: "sk_wrong" }),
      tokenRequest({ grant_type: "client_credentials" }, { authorization: basic("ak_unknownunknownunkn", app.appSecret) }),
      tokenRequest({ grant_type: "client_credentials", client_id: disabled.appKey, client_secret: disabled.appSecret }),
      tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(disabled.appKey, disabled.appSecret) }),
    ];
    for (const request of attempts) {
      const { response, status, body } = await call(request);
      expect(status).toBe(401);
      expect(body).toEqual({ error: "invalid_client", error_description: "Client authentication failed." });
      expect(response.headers.get("www-authenticate")).toBe('Basic realm="channel-console"');
      expect(response.headers.get("cache-control")).toBe("no-store");
    }
    expect(await tokenCount(app.id)).toBe(0);
    expect(await tokenCount(disabled.id)).toBe(0);
  });

  it("checks the grant type", async () => {
    const app = await createApp();
    const wrong = await call(tokenRequest({ grant_type: "authorization_code", client_id: app.appKey, client_secret: app.appSecret }));
    expect([wrong.status, wrong.body.error]).toEqual([400, "unsupported_grant_type"]);
    const missing = await call(tokenRequest({ client_id: app.appKey, client_secret: app.appSecret }));
    expect([missing.status, missing.body.error]).toEqual([400, "invalid_request"]);
  });

  it.each([["file_download"], ["telegram_north file_download"], ["everything"]])("refuses scope %j with invalid_scope", async (scope) => {
    const app = await createApp(["telegram_north"]);
    const { status, body } = await call(tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret, scope }));
    expect([status, body.error]).toEqual([400, "invalid_scope"]);
    expect(await tokenCount(app.id)).toBe(0);
  });

  it("refuses a body that is not a form, and an oversized one", async () => {
    const app = await createApp();
    const json = new Request("http://console.test/api/oauth/token", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: basic(app.appKey, app.appSecret) },
      body: JSON.stringify({ grant_type: "client_credentials" }),
    });
    expect(await call(json)).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    const big = tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret, pad: "x".repeat(9000) });
    expect(await call(big)).toMatchObject({ status: 413, body: { error: "invalid_request" } });
    expect(await tokenCount(app.id)).toBe(0);
  });

  it("never answers 500 to malformed input", async () => {
    const app = await createApp();
    const requests = [
      new Request("http://x/", { method: "POST" }),
      new Request("http://x/", { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new Uint8Array([0xff, 0x00, 0x25]) }),
      tokenRequest({ grant_type: "client_credentials" }, { authorization: "Basic \u00ff" }),
      tokenRequest({ grant_type: "client_credentials", client_id: "' or 1=1 --", client_secret: "x" }),
      tokenRequest({ grant_type: "client_credentials", client_id: `${app.appKey}\u0000`, client_secret: app.appSecret }),
      tokenRequest({ grant_type: "client_credentials" }, { authorization: `Basic ${Buffer.from("ak_%00:x").toString("base64")}` }),
      tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: "\u0000" }),
      tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret, scope: "\u0000 telegram_north" }),
    ];
    for (const request of requests) {
      const { status } = await call(request);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
  });
});

describe("bearer tokens", () => {
  async function tokenFor(app: { appKey: string; appSecret: string }, now?: Date) {
    const { status, body } = await call(tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret }), { now });
    expect(status).toBe(200);
    return body.access_token as string;
  }

  it("verify until the token expires, for the app's tenant and APIs", async () => {
    const app = await createApp(["sendWhatsappMessage"]);
    const issued = new Date("2031-05-05T08:00:00Z");
    const token = await tokenFor(app, issued);
    const at = (seconds: number) => new Date(issued.getTime() + seconds * 1000);
    expect(await verifyBearerToken(t.db, token, "sendWhatsappMessage", at(0))).toEqual({ tenantId, appId: app.id, apis: ["sendWhatsappMessage"] });
    expect(await verifyBearerToken(t.db, token, "sendWhatsappMessage", at(899))).not.toBeNull();
    expect(await verifyBearerToken(t.db, token, "sendWhatsappMessage", at(900))).toBeNull();
    expect(await verifyBearerToken(t.db, token, "telegram_north", at(1))).toBeNull();
    expect(await verifyBearerToken(t.db, `${token.slice(0, -1)}${token.endsWith("A") ? "B" : "A"}`, "sendWhatsappMessage", at(1))).toBeNull();
    expect(await verifyBearerToken(t.db, "not a token", "sendWhatsappMessage", at(1))).toBeNull();
    // The secret is not a token.
    expect(await verifyBearerToken(t.db, app.appSecret, "sendWhatsappMessage", at(1))).toBeNull();
  });

  it("stop working when the app is disabled, and stay revoked after it is enabled again", async () => {
    const app = await createApp();
    const token = await tokenFor(app);
    expect(await verifyBearerToken(t.db, token, "telegram_north")).not.toBeNull();
    await actions().setApiAppDisabled({ appId: app.id, disabled: true });
    expect(await verifyBearerToken(t.db, token, "telegram_north")).toBeNull();
    await actions().setApiAppDisabled({ appId: app.id, disabled: false });
    expect(await verifyBearerToken(t.db, token, "telegram_north")).toBeNull();
    expect(await verifyBearerToken(t.db, await tokenFor(app), "telegram_north")).not.toBeNull();
  });

  it("lose an API the moment the app no longer subscribes to it", async () => {
    const app = await createApp(["sendWhatsappMessage", "telegram_north"]);
    const token = await tokenFor(app);
    await actions().updateApiApp({ appId: app.id, name: `Renamed ${uniqueSuffix()}`, apis: ["telegram_north"] });
    expect(await verifyBearerToken(t.db, token, "sendWhatsappMessage")).toBeNull();
    expect(await verifyBearerToken(t.db, token, "telegram_north")).toMatchObject({ apis: ["telegram_north"] });
  });

  it("are all revoked by a secret rotation, and the old secret stops working at once", async () => {
    const app = await createApp();
    const token = await tokenFor(app);
    const rotated = await actions().rotateApiAppSecret({ appId: app.id });
    expect(rotated.ok).toBe(true);
    const newSecret = rotated.ok ? rotated.data.appSecret : "";
    expect(newSecret).not.toBe(app.appSecret);

    expect(await verifyBearerToken(t.db, token, "telegram_north")).toBeNull();
    expect(await tokenCount(app.id)).toBe(0);
    const old = await call(tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(app.appKey, app.appSecret) }));
    expect([old.status, old.body.error]).toEqual([401, "invalid_client"]);
    expect(await verifyBearerToken(t.db, await tokenFor({ appKey: app.appKey, appSecret: newSecret }), "telegram_north")).not.toBeNull();
  });

  it("are cleaned up once expired", async () => {
    const app = await createApp();
    const issued = new Date("2032-01-01T00:00:00Z");
    await tokenFor(app, issued);
    const fresh = await tokenFor(app, new Date(issued.getTime() + 10 * 60_000));
    expect(await deleteExpiredTokens(t.db, new Date(issued.getTime() + 16 * 60_000))).toBeGreaterThanOrEqual(1);
    const left = await t.db.select().from(oauthTokens).where(eq(oauthTokens.appId, app.id));
    expect(left.map((row) => row.tokenHash)).toEqual([hashCredential(fresh)]);
  });
});

describe("failures of the database and of the code", () => {
  it("answers 503 temporarily_unavailable when the database cannot be reached", async () => {
    const app = await createApp();
    const pool = createPool("postgres://nobody:nothing@127.0.0.1:1/none", { connectionTimeoutMillis: 1_000 });
    try {
      const response = await handleTokenRequest(createDb(pool), tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret }));
      expect(response.status).toBe(503);
      expect(response.headers.get("retry-after")).toBe("30");
      expect(await response.json()).toMatchObject({ error: "temporarily_unavailable" });
    } finally {
      await pool.end();
    }
  });

  it("through route.public, logs no credential when something unexpected fails", async () => {
    const app = await createApp();
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const broken = { ...t.db, select: () => { throw new Error(`boom ${app.appSecret}`); } } as unknown as typeof t.db;
    const handler = createRouteClient({ getUser: async () => null, getDb: () => broken }).public((request) => handleTokenRequest(broken, request));
    const response = await handler(tokenRequest({ grant_type: "client_credentials", client_id: app.appKey, client_secret: app.appSecret }));
    expect(response.status).toBe(500);
    expect(JSON.stringify(log.mock.calls)).not.toContain(app.appSecret);
    expect(await response.text()).not.toContain(app.appSecret);
    log.mockRestore();
  });
});
