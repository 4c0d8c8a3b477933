import {
  DEMO_PASSWORD,
  expect,
  expectSignInRefused,
  MESSAGES,
  signIn,
  signInAs,
  signInForm,
  SUPPORT,
  SYSTEM_ADMIN,
  TENANT_ADMIN,
  test,
  uniqueSuffix,
  waitForHydration,
  type Account,
} from "./fixtures";

const roles: { account: Account; home: string; nav: string[]; notInNav: string[] }[] = [
  { account: SYSTEM_ADMIN, home: "/system/tenants", nav: ["System", "Settings"], notInNav: ["Overview", "Channels", "Exports"] },
  { account: TENANT_ADMIN, home: "/overview", nav: ["Overview", "Channels", "Exports", "Settings"], notInNav: ["System"] },
  { account: SUPPORT, home: "/overview", nav: ["Overview", "Channels", "Exports", "Settings"], notInNav: ["System"] },
];

test.describe("signing in", () => {
  for (const { account, home, nav, notInNav } of roles) {
    test(`${account.roleLabel} sees their navigation and identity`, async ({ page }) => {
      await signInAs(page, account);
      await expect(page).toHaveURL(new RegExp(`${home}$`));

      const mainNav = page.getByRole("navigation", { name: "Main navigation" });
      await expect(mainNav.getByRole("link")).toHaveText(nav);
      for (const label of notInNav) {
        await expect(page.getByRole("link", { name: label, exact: true })).toHaveCount(0);
      }

      await expect(page.getByTestId("user-name")).toHaveText(account.name);
      await expect(page.getByTestId("user-role")).toHaveText(account.roleLabel);
      await expect(page.getByTestId("user-tenant")).toHaveText(account.tenantLabel);
    });
  }

  test("signing out returns to the sign-in page and ends the session", async ({ page }) => {
    await signInAs(page, SUPPORT);
    // A request in flight while signing out (a link prefetch) can come back with a re-issued
    // cookie; since sign-out deletes the server-side session, that cookie authenticates nobody
    // (e2e/session-revocation.spec.ts). This test checks the sign-out answer itself, so prefetches
    // are dropped here.
    await page.waitForLoadState("networkidle");
    await page.route("**/*", (route) =>
      route.request().headers()["next-router-prefetch"] ? route.abort() : route.continue(),
    );
    const [signOut] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST" && response.request().headers()["next-action"] !== undefined),
      page.getByRole("button", { name: "Sign out" }).click(),
    ]);
    const cookies = (await signOut.headersArray()).filter((header) => header.name.toLowerCase() === "set-cookie");
    expect(cookies.some((cookie) => /^authjs\.session-token=;.*Max-Age=0/i.test(cookie.value))).toBe(true);
    await expect(page).toHaveURL(/\/sign-in$/);
    await expect(page.getByRole("heading", { name: "Sign in" })).toBeVisible();

    await page.goto("/channels");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
    await expect(page.getByTestId("user-name")).toHaveCount(0);
    const me = await page.request.get("/api/me");
    expect(me.status()).toBe(401);
  });

  test("a wrong password and an unknown email get the same answer", async ({ page }) => {
    await expectSignInRefused(page, TENANT_ADMIN.email, "not-the-right-password", MESSAGES.invalidCredentials);
    // The form keeps what was typed.
    await expect(signInForm(page).getByLabel("Email")).toHaveValue(TENANT_ADMIN.email);

    await page.goto("/sign-in");
    await expectSignInRefused(page, `nobody-${uniqueSuffix()}@example.com`, DEMO_PASSWORD, MESSAGES.invalidCredentials);
  });

  test("an empty form is refused in the browser with field errors", async ({ page }) => {
    const actionPosts: string[] = [];
    page.on("request", (request) => {
      if (request.method() === "POST") actionPosts.push(request.url());
    });
    await page.goto("/sign-in");
    const form = signInForm(page);
    await waitForHydration(form);
    await form.getByRole("button", { name: "Sign in" }).click();

    await expect(page.locator("#field-email-error")).toHaveText(MESSAGES.required);
    await expect(page.locator("#field-password-error")).toHaveText(MESSAGES.required);
    await expect(form.getByLabel("Email")).toHaveAttribute("aria-invalid", "true");
    expect(actionPosts).toEqual([]);
    await expect(page).toHaveURL(/\/sign-in$/);
  });

  test("a signed-out visit to a page signs in and comes back to it", async ({ page }) => {
    await page.goto("/settings/users");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=.*%2Fsettings%2Fusers/);
    const { signedIn } = await signIn(page, TENANT_ADMIN.email, TENANT_ADMIN.password);
    expect(signedIn).toBe(true);
    await expect(page).toHaveURL(/\/settings\/users$/);
    await expect(page.getByRole("heading", { name: "Users", level: 1 })).toBeVisible();
    await expect(page.getByTestId("user-name")).toHaveText(TENANT_ADMIN.name);
  });

  test("repeated failures for one email make the next attempts wait", async ({ page }) => {
    const email = `nobody-${uniqueSuffix()}@example.com`;
    for (let attempt = 1; attempt <= 5; attempt++) {
      await expectSignInRefused(page, email, `wrong-password-${attempt}`, MESSAGES.invalidCredentials);
    }
    // Five attempts are free; the next one within 10 s of the fifth has to wait.
    await expectSignInRefused(page, email, "wrong-password-6", MESSAGES.tooManyAttempts);
    await expectSignInRefused(page, email, "wrong-password-7", MESSAGES.tooManyAttempts);

    // Only that email: others still get the ordinary answer.
    await expectSignInRefused(page, `nobody-${uniqueSuffix()}@example.com`, "wrong-password", MESSAGES.invalidCredentials);
  });
});
