import type { APIRequestContext, Locator, Page } from "@playwright/test";
import { expect, MESSAGES, submitForm, TENANT_ADMIN, test, uniqueSuffix, UUID_PATTERN, waitForHydration } from "./fixtures";

const WARNING = "You will not see this secret again";

function createForm(page: Page): Locator {
  return page.getByRole("form", { name: "Create an API app" });
}

/** As a signed-in system administrator: creates an app of the Demo tenant; answers what the page revealed. */
async function createDemoApp(page: Page, name: string, apis: string[]) {
  await page.goto("/system/api-apps");
  const form = createForm(page);
  await waitForHydration(form);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await form.getByLabel("Tenant", { exact: true }).selectOption({ label: "Demo" });
  for (const api of apis) await form.getByRole("checkbox", { name: new RegExp(`^${api}\\b`) }).check();
  await submitForm(page, form, "Create");
  const reveal = page.getByTestId("secret-reveal");
  await expect(reveal.getByRole("heading")).toHaveText(`API app ${name} created`);
  await expect(reveal).toContainText(WARNING);
  const appKey = await reveal.getByLabel("App key", { exact: true }).inputValue();
  const appSecret = await reveal.getByLabel("App secret", { exact: true }).inputValue();
  expect(appKey).toMatch(/^ak_[a-z2-7]{20}$/);
  expect(appSecret).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
  return { reveal, appKey, appSecret };
}

function requestToken(request: APIRequestContext, form: Record<string, string>, headers: Record<string, string> = {}) {
  return request.post("/api/oauth/token", { form: { grant_type: "client_credentials", ...form }, headers, failOnStatusCode: false });
}

const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;

async function expectInvalidClient(request: APIRequestContext, appKey: string, appSecret: string) {
  const response = await requestToken(request, { client_id: appKey, client_secret: appSecret });
  expect(response.status()).toBe(401);
  expect(await response.json()).toMatchObject({ error: "invalid_client" });
  expect(response.headers()["www-authenticate"]).toBe('Basic realm="channel-console"');
}

test.describe("API apps", () => {
  test("a system administrator creates an app, copies its secret once, and the app gets bearer tokens", async ({ systemAdminPage: page, signedInPage }) => {
    await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
    const name = `BSP bridge ${uniqueSuffix()}`;
    const { reveal, appKey, appSecret } = await createDemoApp(page, name, ["sendWhatsappMessage", "telegram_north"]);

    await reveal.getByRole("button", { name: "Copy App secret" }).click();
    await expect(reveal.getByRole("status").filter({ hasText: "Copied" })).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(appSecret);

    // The list shows the app and its key, never the secret.
    const row = page.getByTestId("api-app-row").filter({ hasText: name });
    await expect(row).toContainText(appKey);
    await expect(row).toContainText("Demo");

    // The credentials work over real HTTP: body parameters and HTTP Basic.
    const viaBody = await requestToken(page.request, { client_id: appKey, client_secret: appSecret });
    expect(viaBody.status()).toBe(200);
    expect(viaBody.headers()["cache-control"]).toBe("no-store");
    expect(viaBody.headers()["pragma"]).toBe("no-cache");
    const token = await viaBody.json();
    expect(token).toEqual({ access_token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/), token_type: "Bearer", expires_in: 900, scope: "sendWhatsappMessage telegram_north" });
    const viaBasic = await requestToken(page.request, { scope: "telegram_north" }, { Authorization: basic(appKey, appSecret) });
    expect(viaBasic.status()).toBe(200);
    expect((await viaBasic.json()).scope).toBe("telegram_north");
    await expectInvalidClient(page.request, appKey, `${appSecret.slice(0, -1)}x`);

    // Once dismissed or reloaded, the secret is gone for good.
    await reveal.getByRole("button", { name: "I have stored the secret" }).click();
    await expect(page.getByTestId("secret-reveal")).toHaveCount(0);
    await page.reload();
    expect(await page.content()).not.toContain(appSecret);

    // The tenant's administrator sees the change in the audit log, without the secret.
    const tenantAdmin = await signedInPage(TENANT_ADMIN);
    await tenantAdmin.goto("/settings/audit");
    await expect(tenantAdmin.getByTestId("audit-row").filter({ hasText: appKey }).filter({ hasText: "apiApp.create" })).toHaveCount(1);
    expect(await tenantAdmin.content()).not.toContain(appSecret);
  });

  test("rotating the secret stops the old one at once; a disabled app gets no tokens", async ({ systemAdminPage: page, request }) => {
    const name = `Telegram north ${uniqueSuffix()}`;
    const { appKey, appSecret } = await createDemoApp(page, name, ["telegram_north"]);
    // `request` has no session cookie: the endpoint authenticates the client, not a user.
    expect((await requestToken(request, { client_id: appKey, client_secret: appSecret })).status()).toBe(200);
    expect((await request.get("/api/oauth/token", { failOnStatusCode: false })).status()).toBe(405);

    await page.getByTestId("api-app-row").getByRole("link", { name, exact: true }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`API app ${name}`);
    const appId = new URL(page.url()).pathname.split("/").at(-1);
    expect(appId).toMatch(UUID_PATTERN);
    await expect(page.getByTestId("app-key")).toHaveText(appKey);
    expect(await page.content()).not.toContain(appSecret);

    // Rotation asks for confirmation first.
    const start = page.getByRole("button", { name: "Rotate secret…" });
    await waitForHydration(start);
    await start.click();
    await expect(page.getByText(`Rotate the secret of ${name} now?`)).toBeVisible();
    await page.getByRole("button", { name: "Rotate now" }).click();
    const reveal = page.getByTestId("secret-reveal");
    await expect(reveal.getByRole("heading")).toHaveText(`New secret for ${name}`);
    await expect(reveal).toContainText(WARNING);
    expect(await reveal.getByLabel("App key", { exact: true }).inputValue()).toBe(appKey);
    const newSecret = await reveal.getByLabel("App secret", { exact: true }).inputValue();
    expect(newSecret).not.toBe(appSecret);

    await expectInvalidClient(request, appKey, appSecret);
    expect((await requestToken(request, { client_id: appKey, client_secret: newSecret })).status()).toBe(200);

    await page.getByRole("button", { name: "Disable app" }).click();
    await expect(page.getByRole("button", { name: "Enable app" })).toBeVisible();
    await expectInvalidClient(request, appKey, newSecret);
    await page.getByRole("button", { name: "Enable app" }).click();
    await expect(page.getByRole("button", { name: "Disable app" })).toBeVisible();
    expect((await requestToken(request, { client_id: appKey, client_secret: newSecret })).status()).toBe(200);
  });

  test("the create form explains what is missing", async ({ systemAdminPage: page }) => {
    await page.goto("/system/api-apps");
    const form = createForm(page);
    await waitForHydration(form);
    await form.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.locator("#field-name-error")).toHaveText(MESSAGES.required);
    await expect(page.locator("#field-tenantId-error")).toHaveText("Choose the tenant this app belongs to.");
    await expect(page.locator("#field-apis-error")).toHaveText("Choose at least one API.");
    await expect(page.getByTestId("secret-reveal")).toHaveCount(0);
  });

  test("tenant users cannot open API app management", async ({ signedInPage }) => {
    const admin = await signedInPage(TENANT_ADMIN);
    await admin.goto("/system/api-apps");
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(MESSAGES.forbiddenTitle);
    await expect(admin.getByRole("form", { name: "Create an API app" })).toHaveCount(0);
  });
});
