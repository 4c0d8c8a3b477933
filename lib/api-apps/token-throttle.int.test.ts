import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestTenant, createTestUser, uniqueSuffix } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { TOKEN_POLICY } from "@/lib/auth/throttle-policy";
import { createActionClient } from "@/lib/guard/actions";
import { basicAuthorization as basic, callTokenEndpoint, freshAddress as address, tokenRequest, storedTokenCount } from "@/testing/token-requests";
import { apiAppActions } from "./actions";
import { clientThrottleKey } from "./credentials";

/*
 * POST /api/oauth/token under hostile callers. The old throttle locked a client_id for everyone
 * after ten failures, so a stranger's flood cut the app's real caller off (the first test), and it
 * neither counted before checking nor limited an address across client ids.
 */

let t: TestDatabase;
let sysadmin: CurrentUser;
let tenantId: string;

const actions = () => apiAppActions(createActionClient({ getUser: async () => sysadmin, getDb: () => t.db }));
const call = (request: Request) => callTokenEndpoint(t.db, request);

async function createApp() {
  const result = await actions().createApiApp({ name: `App ${uniqueSuffix()}`, tenantId, apis: ["telegram_north"] });
  if (!result.ok) throw new Error(`createApiApp failed: ${result.error}`);
  return result.data;
}

const tokenCount = (appId: string) => storedTokenCount(t.db, appId);

beforeAll(async () => {
  t = await createTestDatabase();
  sysadmin = await createTestUser(t.db, { role: "system_admin", tenantId: null });
  tenantId = (await createTestTenant(t.db)).tenant.id;
});
afterAll(() => t.close());

describe("throttling failed client authentication", () => {
  // The delays start at one second: the clock stands still so a slow machine cannot outwait them.
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"], now: new Date("2033-03-03T10:00:00Z") });
  });
  afterEach(() => {
    vi.useRealTimers();
  });
  const from = (ip: string) => ({ "x-forwarded-for": ip });
  const wrongSecret = (appKey: string, ip: string) => tokenRequest({ grant_type: "client_credentials", client_id: appKey, client_secret: "sk_guess" }, from(ip));
  const rightSecret = (app: { appKey: string; appSecret: string }, ip: string) =>
    tokenRequest({ grant_type: "client_credentials" }, { authorization: basic(app.appKey, app.appSecret), ...from(ip) });

  it("answers a flood of bad secrets with 429 after the allowance, and still serves the real app key from another address", async () => {
    const app = await createApp();
    const attacker = address();
    const statuses = [];
    for (let i = 0; i < 100; i++) statuses.push((await call(wrongSecret(app.appKey, attacker))).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(TOKEN_POLICY.freeAttempts);
    expect(statuses.filter((s) => s === 429)).toHaveLength(100 - TOKEN_POLICY.freeAttempts);

    const refused = await call(rightSecret(app, attacker));
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: "invalid_client", error_description: "Too many failed client authentications from this address; retry later." });
    expect(Number(refused.response.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(refused.response.headers.get("cache-control")).toBe("no-store");
    expect(refused.response.headers.get("www-authenticate")).toBeNull();

    expect((await call(rightSecret(app, address()))).status).toBe(200);
    expect(await tokenCount(app.id)).toBe(1);
  });

  it("counts an IPv6 /64 as one address, so rotating within it does not reset the count", async () => {
    const app = await createApp();
    const statuses = [];
    for (let i = 1; i <= 20; i++) statuses.push((await call(wrongSecret(app.appKey, `2001:db8:77:1::${i.toString(16)}`))).status);
    expect(statuses.filter((s) => s === 401)).toHaveLength(TOKEN_POLICY.freeAttempts);
    expect((await call(rightSecret(app, "2001:db8:77:2::1"))).status).toBe(200);
  });

  it("checks only the allowance of parallel bad secrets from one address", async () => {
    const app = await createApp();
    const attacker = address();
    const results = await Promise.all(Array.from({ length: 30 }, () => call(wrongSecret(app.appKey, attacker))));
    expect(results.filter((r) => r.status === 401)).toHaveLength(TOKEN_POLICY.freeAttempts);
    expect(results.filter((r) => r.status === 429)).toHaveLength(30 - TOKEN_POLICY.freeAttempts);
  });

  it("caps failures per address across client ids, except for an app that already got a token there", async () => {
    const app = await createApp();
    const shared = address();
    expect((await call(rightSecret(app, shared))).status).toBe(200);
    for (let i = 0; i < TOKEN_POLICY.perAddress.points; i++) {
      const unknown = tokenRequest({ grant_type: "client_credentials", client_id: `ak_${uniqueSuffix()}`, client_secret: "x" }, from(shared));
      expect((await call(unknown)).status).toBe(401);
    }
    const capped = await call(tokenRequest({ grant_type: "client_credentials", client_id: `ak_${uniqueSuffix()}`, client_secret: "x" }, from(shared)));
    expect(capped.status).toBe(429);
    expect(Number(capped.response.headers.get("retry-after"))).toBeGreaterThan(14 * 60);

    expect((await call(rightSecret(app, shared))).status).toBe(200);
    const other = await createApp();
    expect((await call(rightSecret(other, shared))).status).toBe(429);
    expect((await call(rightSecret(other, address()))).status).toBe(200);
  });

  it("counts unreadable client addresses in one shared bucket, never as a 500", async () => {
    const app = await createApp();
    const hostile = ["<script>", "x".repeat(8000), " , ,", "::ffff:999.1.1.1", "2130706433", "1.2.3.4 5.6.7.8"];
    for (const value of hostile) {
      const request = new Request("http://console.test/api/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": value },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: app.appKey, client_secret: "sk_guess" }).toString(),
      });
      expect((await call(request)).status).toBe(401);
    }
    const { rows } = await t.pool.query("select key, points from rate_limits where key like $1", [`oauth-token:pair:%`]);
    const pairs = rows.filter((row) => row.key.startsWith(`oauth-token:pair:${clientThrottleKey(app.appKey)}:`));
    expect(pairs).toEqual([{ key: `oauth-token:pair:${clientThrottleKey(app.appKey)}:unknown`, points: hostile.length }]);
  });

  it("lets a rotation lift the delays of the app's key", async () => {
    const app = await createApp();
    const caller = address();
    for (let i = 0; i <= TOKEN_POLICY.freeAttempts; i++) await call(wrongSecret(app.appKey, caller));
    expect((await call(wrongSecret(app.appKey, caller))).status).toBe(429);
    const rotated = await actions().rotateApiAppSecret({ appId: app.id });
    const secret = rotated.ok ? rotated.data.appSecret : "";
    expect((await call(rightSecret({ appKey: app.appKey, appSecret: secret }, caller))).status).toBe(200);
  });
});
