import {
  createTenant,
  createUser,
  expect,
  newPage,
  signInAs,
  submitForm,
  SUPPORT,
  SYSTEM_ADMIN,
  test,
  uniqueSuffix,
  waitForHydration,
} from "./fixtures";

/*
 * Sessions end when they should: a sign-out ends the session on the server, so a copy of its
 * cookie stops working, and is not undone by a request still in flight (the proxy only reads the
 * cookie); a password reset ends the sessions opened with the old password (sessions carry the
 * user's session version).
 */

test("after signing out, a copy of the session cookie no longer signs anyone in", async ({ page, browser, baseURL }) => {
  await signInAs(page, SUPPORT);
  const sessionCookies = (await page.context().cookies()).filter((cookie) => cookie.name.includes("session-token"));
  expect(sessionCookies).toHaveLength(1);

  // Someone copies the cookie (a shared computer, a stolen backup): it works while the session lasts.
  const { context, page: copy } = await newPage(browser, baseURL);
  try {
    await context.addCookies(sessionCookies);
    expect((await copy.request.get("/api/me")).status()).toBe(200);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in$/);

    expect((await copy.request.get("/api/me")).status()).toBe(401);
    await copy.goto("/channels");
    await expect(copy).toHaveURL(/\/sign-in/);
    await expect(copy.getByTestId("user-name")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("signing out stays signed out even while a request is in flight", async ({ page }) => {
  await signInAs(page, SUPPORT);
  await page.waitForLoadState("networkidle");

  // Hold one request's answer until the sign-out has finished. In real use this is a link prefetch:
  // Next re-prefetches the visible links as soon as the sign-out action answers, and in about
  // half of the runs one of them still carries the old cookie and comes back with a fresh one.
  let release!: () => void;
  const signedOut = new Promise<void>((resolve) => (release = resolve));
  let reachedServer!: () => void;
  const inFlight = new Promise<void>((resolve) => (reachedServer = resolve));
  await page.route("**/settings?slow=1", async (route) => {
    const response = await route.fetch();
    reachedServer();
    await signedOut;
    await route.fulfill({ response });
  });
  const slowRequest = page.evaluate(() => fetch("/settings?slow=1", { headers: { RSC: "1" } }).then((r) => r.status));
  await inFlight;

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in$/);
  release();
  expect(await slowRequest).toBe(200);

  await page.goto("/channels");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
});

test("a password reset ends the sessions opened with the old password", async ({ signedInPage, browser, baseURL }) => {
  const suffix = uniqueSuffix();
  const tenantName = `Zeta ${suffix}`;
  const user = {
    email: `support-${suffix}@zeta.example`,
    name: `Zeta Support ${suffix}`,
    role: "support" as const,
    tenantName,
    password: `first-password-${suffix}`,
  };
  const admin = await signedInPage(SYSTEM_ADMIN);
  await createTenant(admin, tenantName);
  const userId = await createUser(admin, user);

  const { context, page: member } = await newPage(browser, baseURL);
  try {
    await signInAs(member, user);

    await admin.goto(`/system/users/${userId}`);
    const resetForm = admin.locator("form").filter({ has: admin.getByLabel("New password", { exact: true }) });
    await waitForHydration(resetForm);
    await resetForm.getByLabel("New password", { exact: true }).fill(`second-password-${suffix}`);
    await submitForm(admin, resetForm, "Set new password");
    await expect(resetForm.getByRole("status")).toContainText("Password changed.");

    await member.goto("/channels");
    await expect(member).toHaveURL(/\/sign-in/);
  } finally {
    await context.close();
  }
});
