import { expect, signInAs, SUPPORT, SYSTEM_ADMIN, test } from "./fixtures";

test.describe("API", () => {
  test("GET /api/health reports the database", async ({ request }) => {
    const response = await request.get("/api/health");
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("application/json");
    expect(await response.json()).toEqual({ status: "ok", db: "ok" });
  });

  test("GET /api/me refuses a signed-out caller with a JSON error", async ({ request }) => {
    const response = await request.get("/api/me");
    expect(response.status()).toBe(401);
    expect(response.headers()["content-type"]).toContain("application/json");
    const body = await response.json();
    expect(body.error.code).toBe("unauthenticated");
    expect(typeof body.error.message).toBe("string");
  });

  test("GET /api/me answers the signed-in user's profile without secrets", async ({ page }) => {
    await signInAs(page, SUPPORT);
    const response = await page.request.get("/api/me");
    expect(response.status()).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ email: SUPPORT.email, name: SUPPORT.name, role: "support", tenantName: "Demo" });
    expect(body.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    const keys = Object.keys(body).map((key) => key.toLowerCase());
    expect(keys.filter((key) => key.includes("password") || key.includes("hash"))).toEqual([]);
    expect(await response.text()).not.toContain("$argon2");
  });

  test("GET /api/me for the system administrator has no tenant", async ({ page }) => {
    await signInAs(page, SYSTEM_ADMIN);
    const response = await page.request.get("/api/me");
    expect(response.status()).toBe(200);
    expect(await response.json()).toMatchObject({ email: SYSTEM_ADMIN.email, role: "system_admin", tenantId: null, tenantName: null });
  });
});
