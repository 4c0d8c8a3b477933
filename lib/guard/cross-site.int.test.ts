import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportTasks } from "@/db/schema";
import { createTestChannel } from "@/testing/db/channel-fixtures";
import { exportClientsFor } from "@/testing/db/export-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { rawRequest, startFetchServer } from "@/testing/fetch-server";

/*
 * POST /api/exports over real HTTP, as a browser would send it from the console's own page and
 * from another site: the session cookie goes with both, so the guard's route variant tells them
 * apart by Sec-Fetch-Site, Origin and Content-Type, before anything is created.
 */

let t: TestDatabase;
let tenant: Awaited<ReturnType<typeof createTestTenant>>;
let server: Awaited<ReturnType<typeof startFetchServer>>;
const savedPublicBaseUrl = process.env.PUBLIC_BASE_URL;

beforeAll(async () => {
  t = await createTestDatabase();
  tenant = await createTestTenant(t.db);
  await createTestChannel(t.db, tenant.admin, "telegram");
  const routes = exportClientsFor(t.db, tenant.support).routes;
  server = await startFetchServer((request) => (request.method === "GET" ? routes.list(request) : routes.create(request)));
  process.env.PUBLIC_BASE_URL = "https://console.example.com/";
}, 60_000);

afterAll(async () => {
  if (savedPublicBaseUrl === undefined) delete process.env.PUBLIC_BASE_URL;
  else process.env.PUBLIC_BASE_URL = savedPublicBaseUrl;
  await server?.close();
  await t?.close();
});

const JSON_TYPE = { "content-type": "application/json" };
const post = (headers: Record<string, string>, body = JSON.stringify({ format: "csv" })) =>
  rawRequest(`${server.origin}/api/exports`, { method: "POST", headers, body });

const taskCount = async () => (await t.db.select({ id: exportTasks.id }).from(exportTasks).where(eq(exportTasks.tenantId, tenant.tenant.id))).length;

describe("POST /api/exports from another site", () => {
  const refused: [string, Record<string, string>, string?][] = [
    ["Sec-Fetch-Site: cross-site", { ...JSON_TYPE, "sec-fetch-site": "cross-site" }],
    ["Sec-Fetch-Site: same-site (a sibling subdomain)", { ...JSON_TYPE, "sec-fetch-site": "same-site" }],
    ["Sec-Fetch-Site: none (typed or bookmarked)", { ...JSON_TYPE, "sec-fetch-site": "none" }],
    ["another Origin", { ...JSON_TYPE, origin: "https://attacker.example" }],
    ["the console's host on another scheme", { ...JSON_TYPE, origin: "https://127.0.0.1" }],
    ["Origin: null (a sandboxed frame, a data: page)", { ...JSON_TYPE, origin: "null" }],
    ["a form post from another site", { "content-type": "application/x-www-form-urlencoded", origin: "https://attacker.example" }, "format=csv"],
  ];

  it.each(refused)("%s is refused with 403, and nothing is created", async (_name, headers, body) => {
    const before = await taskCount();
    const response = await post(headers, body);
    expect(response.status).toBe(403);
    expect(JSON.parse(response.body)).toEqual({ error: { code: "crossOrigin", message: "This request must come from the console itself." } });
    expect(await taskCount()).toBe(before);
  });

  it("refuses a cross-site caller before looking at the session", async () => {
    const routes = exportClientsFor(t.db, null).routes;
    const response = await routes.create(new Request(`${server.origin}/api/exports`, { method: "POST", headers: { ...JSON_TYPE, "sec-fetch-site": "cross-site" }, body: "{}" }));
    expect(response.status).toBe(403);
  });
});

describe("POST /api/exports without a JSON body", () => {
  const unsupported: [string, Record<string, string>][] = [
    ["text/plain (what a no-preflight fetch sends)", { "content-type": "text/plain;charset=UTF-8" }],
    ["a form post", { "content-type": "application/x-www-form-urlencoded" }],
    ["multipart", { "content-type": "multipart/form-data; boundary=x" }],
    ["no Content-Type at all", {}],
    ["a JSON-looking type that is not JSON", { "content-type": "application/json-patch+json" }],
  ];

  it.each(unsupported)("%s is refused with 415", async (_name, headers) => {
    const before = await taskCount();
    const response = await post({ ...headers, "sec-fetch-site": "same-origin", origin: server.origin });
    expect(response.status).toBe(415);
    expect(JSON.parse(response.body)).toEqual({
      error: { code: "unsupportedMediaType", message: "The request body must be JSON (Content-Type: application/json)." },
    });
    expect(await taskCount()).toBe(before);
  });
});

describe("POST /api/exports from the console itself", () => {
  const accepted: [string, () => Record<string, string>][] = [
    ["the console's page in a browser", () => ({ ...JSON_TYPE, "sec-fetch-site": "same-origin", origin: server.origin })],
    ["a script (neither Origin nor Sec-Fetch-Site)", () => ({ "content-type": "Application/JSON; charset=utf-8" })],
    [
      "a page behind a TLS-terminating proxy",
      () => ({ ...JSON_TYPE, "x-forwarded-host": "console.internal:8443", "x-forwarded-proto": "https", origin: "https://console.internal:8443" }),
    ],
    ["a page at PUBLIC_BASE_URL (a proxy that rewrites Host)", () => ({ ...JSON_TYPE, origin: "https://console.example.com" })],
  ];

  it.each(accepted)("%s is accepted (202)", async (_name, headers) => {
    const response = await post(headers());
    expect(response.status, response.body).toBe(202);
  });

  it("reads (GET) with any Origin: only changes are guarded", async () => {
    const response = await rawRequest(`${server.origin}/api/exports`, { headers: { "sec-fetch-site": "cross-site", origin: "https://attacker.example" } });
    expect(response.status).toBe(200);
  });
});
