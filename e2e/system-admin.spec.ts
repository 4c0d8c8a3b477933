import type { Page } from "@playwright/test";
import {
  createTenant,
  createUser,
  expect,
  fillCreateUserForm,
  MESSAGES,
  newPage,
  expectSignInRefused,
  signInAs,
  submitForm,
  test,
  uniqueSuffix,
  waitForHydration,
} from "./fixtures";

test.describe("system administration", () => {
  test("creates a tenant and refuses a duplicate name in any case", async ({ systemAdminPage: page }) => {
    const name = `Acme ${uniqueSuffix()}`;
    await createTenant(page, name);
    await expect(page.getByTestId("tenant-row").filter({ hasText: name })).toHaveCount(1);

    const form = page.locator("form").filter({ has: page.getByLabel("Name", { exact: true }) });
    await form.getByLabel("Name", { exact: true }).fill(name.toUpperCase());
    await submitForm(page, form, "Create");
    await expect(page.locator("#field-name-error")).toHaveText("A tenant with this name already exists.");
    await expect(form.getByLabel("Name", { exact: true })).toHaveAttribute("aria-invalid", "true");
    // Nothing typed is lost, and no second tenant appeared.
    await expect(form.getByLabel("Name", { exact: true })).toHaveValue(name.toUpperCase());
    await page.reload();
    await expect(page.getByTestId("tenant-row").filter({ hasText: new RegExp(name, "i") })).toHaveCount(1);
  });

  test("validates a new user before creating it", async ({ systemAdminPage: page }) => {
    const suffix = uniqueSuffix();
    const tenantName = `Gamma ${suffix}`;
    await createTenant(page, tenantName);
    const email = `invalid-${suffix}@gamma.example`;

    await page.goto("/system/users");
    const form = await fillCreateUserForm(page, {
      email,
      name: `Gamma Admin ${suffix}`,
      role: "tenant_admin",
      password: `good-password-${suffix}`,
    });
    await form.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.locator("#field-tenantId-error")).toHaveText("Choose the tenant this user belongs to.");

    await fillCreateUserForm(page, { tenantName, password: "short-pw" });
    await form.getByRole("button", { name: "Create", exact: true }).click();
    await expect(page.locator("#field-password-error")).toHaveText("Use at least 12 characters.");
    await expect(page.locator("#field-tenantId-error")).toHaveCount(0);

    await page.reload();
    await expect(page.getByText(email)).toHaveCount(0);
  });

  test("disables, resets and re-enables an account, cutting off its session", async ({ systemAdminPage: admin, browser, baseURL }) => {
    const suffix = uniqueSuffix();
    const tenantName = `Delta ${suffix}`;
    const user = {
      email: `support-${suffix}@delta.example`,
      name: `Delta Support ${suffix}`,
      role: "support" as const,
      tenantName,
      password: `first-password-${suffix}`,
    };
    await createTenant(admin, tenantName);
    const userId = await createUser(admin, user);

    // The new user signs in in their own browser and works in their tenant.
    const { context, page: member } = await newPage(browser, baseURL);
    try {
      await signInAs(member, user);
      await expect(member).toHaveURL(/\/overview$/);
      await expect(member.getByTestId("user-role")).toHaveText("Support staff");
      await expect(member.getByTestId("user-tenant")).toHaveText(tenantName);

      // The system administrator disables the account.
      await admin.goto(`/system/users/${userId}`);
      await expect(admin.getByText("This account can sign in.")).toBeVisible();
      await disableOrEnable(admin, "Disable account");
      await expect(admin.getByText(/^This account has been disabled since .+ and cannot sign in\.$/)).toBeVisible();
      await expect(admin.getByRole("button", { name: "Enable account" })).toBeVisible();

      // The session already open is cut off at the next request.
      await member.reload();
      await expect(member).toHaveURL(/\/sign-in/);
      const me = await member.request.get("/api/me");
      expect(me.status()).toBe(401);

      // Signing in again is refused with an explanation (the password is right).
      await expectSignInRefused(member, user.email, user.password, MESSAGES.accountDisabled);

      // New password, then enable.
      const newPassword = `second-password-${suffix}`;
      await admin.goto(`/system/users/${userId}`);
      const resetForm = admin.locator("form").filter({ has: admin.getByLabel("New password", { exact: true }) });
      await waitForHydration(resetForm);
      await resetForm.getByLabel("New password", { exact: true }).fill(newPassword);
      await submitForm(admin, resetForm, "Set new password");
      await expect(resetForm.getByRole("status")).toHaveText(
        "Password changed. A sign-in lockout for this account, if any, was lifted.",
      );
      await disableOrEnable(admin, "Enable account");
      await expect(admin.getByText("This account can sign in.")).toBeVisible();

      // In a fresh browser: the old password no longer works; the new one does.
      const fresh = await newPage(browser, baseURL);
      try {
        await expectSignInRefused(fresh.page, user.email, user.password, MESSAGES.invalidCredentials);
        await signInAs(fresh.page, { ...user, password: newPassword });
        await expect(fresh.page).toHaveURL(/\/overview$/);
        await expect(fresh.page.getByTestId("user-tenant")).toHaveText(tenantName);
      } finally {
        await fresh.context.close();
      }
    } finally {
      await context.close();
    }
  });

  test("after repeated failures even the right password waits, until an administrator resets the password", async ({
    systemAdminPage: admin,
    browser,
    baseURL,
  }) => {
    const suffix = uniqueSuffix();
    const tenantName = `Epsilon ${suffix}`;
    const user = {
      email: `admin-${suffix}@epsilon.example`,
      name: `Epsilon Admin ${suffix}`,
      role: "tenant_admin" as const,
      tenantName,
      password: `first-password-${suffix}`,
    };
    await createTenant(admin, tenantName);
    const userId = await createUser(admin, user);

    const { context, page: member } = await newPage(browser, baseURL);
    try {
      for (let attempt = 1; attempt <= 5; attempt++) {
        await expectSignInRefused(member, user.email, `wrong-password-${attempt}`, MESSAGES.invalidCredentials);
      }
      // Even the right password waits its turn after five failures (10 s from the fifth).
      await expectSignInRefused(member, user.email, user.password, MESSAGES.tooManyAttempts);

      const newPassword = `second-password-${suffix}`;
      await admin.goto(`/system/users/${userId}`);
      const resetForm = admin.locator("form").filter({ has: admin.getByLabel("New password", { exact: true }) });
      await waitForHydration(resetForm);
      await resetForm.getByLabel("New password", { exact: true }).fill(newPassword);
      await submitForm(admin, resetForm, "Set new password");
      await expect(resetForm.getByRole("status")).toContainText("Password changed.");

      await signInAs(member, { ...user, password: newPassword });
      await expect(member).toHaveURL(/\/overview$/);
    } finally {
      await context.close();
    }
  });
});

async function disableOrEnable(page: Page, label: "Disable account" | "Enable account") {
  const button = page.getByRole("button", { name: label, exact: true });
  await waitForHydration(button);
  await submitForm(page, page.locator("main"), label);
}
