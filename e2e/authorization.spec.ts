import type { Page } from "@playwright/test";
import {
  createTenant,
  createUser,
  expect,
  MESSAGES,
  SUPPORT,
  SYSTEM_ADMIN,
  TENANT_ADMIN,
  test,
  uniqueSuffix,
  userIdFromTable,
} from "./fixtures";

async function expectForbidden(page: Page, path: string, roleLabel: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 403`).toBe(403);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MESSAGES.forbiddenTitle);
  await expect(page.getByText(`Your role (${roleLabel}) does not include this page.`)).toBeVisible();
  // Still signed in, on the same address: the 403 page is not a redirect.
  await expect(page).toHaveURL(new RegExp(`${path}$`));
}

async function expectNotFound(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), `${path} should answer 404`).toBe(404);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(MESSAGES.notFoundTitle);
}

test.describe("roles", () => {
  test("support staff cannot open system or user administration", async ({ signedInPage }) => {
    const page = await signedInPage(SUPPORT);
    await expectForbidden(page, "/system/tenants", SUPPORT.roleLabel);
    await expectForbidden(page, "/system/users", SUPPORT.roleLabel);
    await expectForbidden(page, "/settings/users", SUPPORT.roleLabel);
    // Their own pages still work.
    const channels = await page.goto("/channels");
    expect(channels?.status()).toBe(200);
    await expect(page.getByRole("heading", { name: "Channels", level: 1 })).toBeVisible();
  });

  test("a tenant administrator cannot open system administration", async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await expectForbidden(page, "/system/users", TENANT_ADMIN.roleLabel);
    await expectForbidden(page, "/system/tenants", TENANT_ADMIN.roleLabel);
  });

  test("the system administrator cannot open tenant pages", async ({ signedInPage }) => {
    const page = await signedInPage(SYSTEM_ADMIN);
    await expectForbidden(page, "/channels", SYSTEM_ADMIN.roleLabel);
    await expectForbidden(page, "/exports", SYSTEM_ADMIN.roleLabel);
    await expectForbidden(page, "/settings/users", SYSTEM_ADMIN.roleLabel);
  });
});

test.describe("tenant isolation", () => {
  test("a tenant administrator sees their own users and nobody else's", async ({ signedInPage }) => {
    const suffix = uniqueSuffix();
    const tenantName = `Beta ${suffix}`;
    const betaEmail = `beta-admin-${suffix}@beta.example`;

    const system = await signedInPage(SYSTEM_ADMIN);
    await createTenant(system, tenantName);
    const betaUserId = await createUser(system, {
      email: betaEmail,
      name: `Beta Admin ${suffix}`,
      role: "tenant_admin",
      tenantName,
      password: `beta-password-${suffix}`,
    });
    // The system administrator can open that user.
    const systemView = await system.goto(`/system/users/${betaUserId}`);
    expect(systemView?.status()).toBe(200);
    await expect(system.getByText(betaEmail)).toBeVisible();

    const admin = await signedInPage(TENANT_ADMIN);

    // Positive control: their own tenant's users are listed and open.
    const list = await admin.goto("/settings/users");
    expect(list?.status()).toBe(200);
    await expect(admin.getByTestId("user-row").getByRole("link", { name: SUPPORT.email, exact: true })).toBeVisible();
    await expect(admin.getByText(betaEmail)).toHaveCount(0);
    const supportId = await userIdFromTable(admin, SUPPORT.email, "/settings/users");
    const own = await admin.goto(`/settings/users/${supportId}`);
    expect(own?.status()).toBe(200);
    await expect(admin.getByRole("heading", { level: 1 })).toHaveText(`User ${SUPPORT.name}`);
    await expect(admin.getByText(SUPPORT.email)).toBeVisible();

    // Another tenant's user answers exactly like a missing one.
    await expectNotFound(admin, `/settings/users/${betaUserId}`);
    expect(await admin.content()).not.toContain(betaEmail);
    expect(await admin.content()).not.toContain(`Beta Admin ${suffix}`);
    await expectNotFound(admin, "/settings/users/00000000-0000-4000-8000-000000000000");
  });

  test("a malformed user id is a 404", async ({ signedInPage }) => {
    const admin = await signedInPage(TENANT_ADMIN);
    await expectNotFound(admin, "/settings/users/not-a-uuid");
  });
});
