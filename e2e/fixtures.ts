import { randomBytes } from "node:crypto";
import path from "node:path";
import { test as base, expect, type Browser, type BrowserContext, type Locator, type Page } from "@playwright/test";

/** The server's data folder (see playwright.config.ts): wiped before every run. */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? "data/e2e";

/** A file in the server's data folder, such as the key files it generated on first start. */
export function dataFile(name: string): string {
  return path.join(import.meta.dirname, "..", E2E_DATA_DIR, name);
}

/** Documented demo accounts, created on the first start of the embedded database. */
export const DEMO_PASSWORD = "channel-console-demo";

export interface Account {
  email: string;
  password: string;
  name: string;
  roleLabel: string;
  tenantLabel: string;
}

export const SYSTEM_ADMIN: Account = {
  email: "sysadmin@console.example",
  password: DEMO_PASSWORD,
  name: "System Administrator",
  roleLabel: "System administrator",
  tenantLabel: "All tenants",
};
export const TENANT_ADMIN: Account = {
  email: "admin@demo.example",
  password: DEMO_PASSWORD,
  name: "Demo Administrator",
  roleLabel: "Tenant administrator",
  tenantLabel: "Demo",
};
export const SUPPORT: Account = {
  email: "support@demo.example",
  password: DEMO_PASSWORD,
  name: "Demo Support",
  roleLabel: "Support staff",
  tenantLabel: "Demo",
};

export const MESSAGES = {
  invalidCredentials: "The email or password is not correct.",
  // The wait depends on the attempts so far (lib/auth/throttle-policy.ts).
  tooManyAttempts: /^Too many attempts; try again in \d+ seconds?\.$/,
  accountDisabled: "This account is disabled. Ask your administrator to enable it.",
  required: "This field is required.",
  forbiddenTitle: "You do not have access to this page",
  notFoundTitle: "Page not found",
} as const;

/** Unique across runs and across parallel workers: lowercase letters and digits only. */
export function uniqueSuffix(): string {
  return `${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
}

export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Waits until React has hydrated the element (it then carries React's private props), so a
 * click reaches the form's handler instead of the browser's native GET submission.
 */
export async function waitForHydration(locator: Locator): Promise<void> {
  await expect(locator).toBeVisible();
  await expect
    .poll(() => locator.evaluate((element) => Object.keys(element).some((key) => key.startsWith("__reactProps$"))), {
      message: "the form should be hydrated by React",
    })
    .toBe(true);
}

/** The POST a server action sends to the page it was called from. */
function isActionResponse(page: Page, pathname: string) {
  return page.waitForResponse(
    (response) =>
      response.request().method() === "POST" &&
      new URL(response.url()).pathname === pathname &&
      response.request().headers()["next-action"] !== undefined,
  );
}

/**
 * Fills the sign-in form and submits it; resolves once the server answered the attempt, with
 * whether it signed the person in (the action answers a success with a redirect).
 */
export async function signIn(page: Page, email: string, password: string): Promise<{ signedIn: boolean }> {
  if (new URL(page.url(), "http://x").pathname !== "/sign-in") await page.goto("/sign-in");
  const form = signInForm(page);
  await waitForHydration(form);
  await form.getByLabel("Email", { exact: true }).fill(email);
  await form.getByLabel("Password", { exact: true }).fill(password);
  const [response] = await Promise.all([
    isActionResponse(page, "/sign-in"),
    form.getByRole("button", { name: "Sign in", exact: true }).click(),
  ]);
  return { signedIn: response.headers()["x-action-redirect"] !== undefined };
}

/** Submits the sign-in form and expects a refusal with `message`. */
export async function expectSignInRefused(page: Page, email: string, password: string, message: string | RegExp): Promise<void> {
  const { signedIn } = await signIn(page, email, password);
  expect(signedIn, `signing in as ${email} should be refused`).toBe(false);
  await expect(signInAlert(page)).toHaveText(message);
  await expect(page).toHaveURL(/\/sign-in/);
}

/** Signs in and waits for the console to show the account in its header. */
export async function signInAs(page: Page, account: Pick<Account, "email" | "password" | "name">): Promise<void> {
  const { signedIn } = await signIn(page, account.email, account.password);
  expect(signedIn, `signing in as ${account.email} should succeed`).toBe(true);
  await expect(page).not.toHaveURL(/\/sign-in/);
  await expect(page.getByTestId("user-name")).toHaveText(account.name);
}

export function signInForm(page: Page): Locator {
  return page.locator("form").filter({ has: page.getByLabel("Password", { exact: true }) });
}

/** The form-level alert of the sign-in form (a refused attempt), not a field's error. */
export function signInAlert(page: Page): Locator {
  return signInForm(page).locator('div[role="alert"]');
}

/** The create form on /system/tenants or /system/users, found by a field only it has. */
function createForm(page: Page, field: "Name" | "Initial password"): Locator {
  return page.locator("form").filter({ has: page.getByLabel(field, { exact: true }) });
}

export async function submitForm(page: Page, form: Locator, buttonName: string | RegExp): Promise<void> {
  const pathname = new URL(page.url()).pathname;
  await Promise.all([isActionResponse(page, pathname), form.getByRole("button", { name: buttonName, exact: true }).click()]);
}

/** As a signed-in system administrator: creates a tenant and returns its id. */
export async function createTenant(page: Page, name: string): Promise<string> {
  await page.goto("/system/tenants");
  const form = createForm(page, "Name");
  await waitForHydration(form);
  await form.getByLabel("Name", { exact: true }).fill(name);
  await submitForm(page, form, "Create");
  await expect(form.getByRole("status")).toHaveText(`Tenant ${name} created.`);
  const link = page.getByRole("link", { name: `Show users of ${name}: 0`, exact: true });
  const href = await link.getAttribute("href");
  const tenantId = new URL(href!, "http://x").searchParams.get("tenantId") ?? "";
  expect(tenantId).toMatch(UUID_PATTERN);
  return tenantId;
}

export interface NewUser {
  email: string;
  name: string;
  role: "system_admin" | "tenant_admin" | "support";
  tenantName?: string;
  password: string;
}

const ROLE_LABELS: Record<NewUser["role"], string> = {
  system_admin: "System administrator",
  tenant_admin: "Tenant administrator",
  support: "Support staff",
};

/** The create-user form on /system/users, filled but not submitted. */
export async function fillCreateUserForm(page: Page, user: Partial<NewUser>): Promise<Locator> {
  if (new URL(page.url(), "http://x").pathname !== "/system/users") await page.goto("/system/users");
  const form = createForm(page, "Initial password");
  await waitForHydration(form);
  if (user.email !== undefined) await form.getByLabel("Email", { exact: true }).fill(user.email);
  if (user.name !== undefined) await form.getByLabel("Name", { exact: true }).fill(user.name);
  if (user.role !== undefined) await form.getByLabel("Role", { exact: true }).selectOption({ label: ROLE_LABELS[user.role] });
  if (user.tenantName !== undefined) await form.getByLabel("Tenant", { exact: true }).selectOption({ label: user.tenantName });
  if (user.password !== undefined) await form.getByLabel("Initial password", { exact: true }).fill(user.password);
  return form;
}

/** As a signed-in system administrator: creates a user and returns their id (read from the users table). */
export async function createUser(page: Page, user: NewUser): Promise<string> {
  await page.goto("/system/users");
  const form = await fillCreateUserForm(page, user);
  await submitForm(page, form, "Create");
  await expect(form.getByRole("status")).toHaveText(
    `User ${user.email} created. Give them their initial password through a safe channel.`,
  );
  return userIdFromTable(page, user.email, "/system/users");
}

/**
 * Reads a user's id from the link on their email address in a users table. The tables are paged
 * by email, and the suite creates many users, so the user may be on a later page: it looks there.
 */
export async function userIdFromTable(page: Page, email: string, basePath: "/system/users" | "/settings/users"): Promise<string> {
  const link = page.getByTestId("user-row").getByRole("link", { name: email, exact: true });
  // The table on screen first (a form's refresh may still be on its way), then page by page.
  const shown = await link.waitFor({ timeout: 5_000 }).then(() => true, () => false);
  let previousFirst: string | null = null;
  for (let pageNumber = 1; !shown && pageNumber <= 50; pageNumber++) {
    await page.goto(`${basePath}?page=${pageNumber}`);
    if ((await link.count()) > 0) break;
    // Past the last page: no rows, or (where the list clamps) the same page again.
    const first = (await page.getByTestId("user-row").count()) === 0 ? null : await page.getByTestId("user-row").first().textContent();
    if (first === null || first === previousFirst) break;
    previousFirst = first;
  }
  await expect(link).toBeVisible();
  const href = (await link.getAttribute("href")) ?? "";
  expect(href.startsWith(`${basePath}/`)).toBe(true);
  const id = href.slice(basePath.length + 1);
  expect(id).toMatch(UUID_PATTERN);
  return id;
}

/** A second browser, with its own cookies, for another person. */
export async function newPage(browser: Browser, baseURL: string | undefined): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL });
  return { context, page: await context.newPage() };
}

/**
 * Collects what Chromium reports about the console's Content-Security-Policy and Permissions-Policy
 * in every page of a context: the browser's own console message, and a `securitypolicyviolation`
 * event for each blocked script, style, image or connection.
 */
const watchedContexts = new WeakSet<BrowserContext>();
async function watchSecurityPolicies(context: BrowserContext, seen: string[]): Promise<void> {
  if (watchedContexts.has(context)) return;
  watchedContexts.add(context);
  context.on("console", (message) => {
    const text = message.text();
    if (/csp-violation|Content Security Policy|Permissions-Policy/i.test(text)) seen.push(`${message.location().url}: ${text}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      console.error(`[csp-violation] ${event.effectiveDirective} blocked ${event.blockedURI || "inline code"} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
}

export interface PolicyViolations {
  /** The violations reported so far, which then no longer fail the test (for tests that cause one on purpose). */
  take(): string[];
  /** Watches a context (every context the test's browser opens is watched already). */
  watch(context: BrowserContext): Promise<void>;
}

interface Fixtures {
  /** Opens a fresh browser context signed in as `account`; closed after the test. */
  signedInPage: (account: Pick<Account, "email" | "password" | "name">) => Promise<Page>;
  /** The test's default page, signed in as the system administrator. */
  systemAdminPage: Page;
  /** Every test, on every page it opens, fails when the browser reports a CSP or Permissions-Policy violation. */
  policyViolations: PolicyViolations;
}

export const test = base.extend<Fixtures>({
  policyViolations: [
    async ({ browser }, provide) => {
      const seen: string[] = [];
      // Tests open contexts of their own too (a second user, another locale): watch them all.
      const newContext = browser.newContext;
      browser.newContext = async (options) => {
        const context = await newContext.call(browser, options);
        await watchSecurityPolicies(context, seen);
        return context;
      };
      await provide({ take: () => seen.splice(0), watch: (context) => watchSecurityPolicies(context, seen) });
      browser.newContext = newContext;
      expect(seen, "the browser reported Content-Security-Policy / Permissions-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
  context: async ({ context, policyViolations }, provide) => {
    await policyViolations.watch(context);
    await provide(context);
  },
  signedInPage: async ({ browser, baseURL }, provide) => {
    const contexts: BrowserContext[] = [];
    await provide(async (account) => {
      const { context, page } = await newPage(browser, baseURL);
      contexts.push(context);
      await signInAs(page, account);
      return page;
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
  systemAdminPage: async ({ page }, provide) => {
    await signInAs(page, SYSTEM_ADMIN);
    await provide(page);
  },
});

export { expect };
