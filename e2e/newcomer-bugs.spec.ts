import { readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";
import pg from "pg";
import { seedPrerequisites, type ChannelPrerequisites } from "./channel-helpers";
import {
  addKeyword,
  createTenantAdmin,
  fieldError,
  fillBasic,
  fillInformation,
  label,
  message,
  next,
  openNewWizard,
  saveWizard,
  uniqueChannelName,
  wizardStep,
} from "./channel-wizard-helpers";
import {
  createTenant,
  createUser,
  DEMO_PASSWORD,
  E2E_DATA_DIR,
  expect,
  signInForm,
  test,
  TENANT_ADMIN,
  uniqueSuffix,
  waitForHydration,
  type Account,
} from "./fixtures";

/*
 * Issue 17, what a newcomer hit: bug 1 (a tenant's user count), 6 (a past token expiry date),
 * 10 (a repeated transfer keyword) and 12 (a blank page between sign-in and the home page).
 */

let prereq: ChannelPrerequisites;
let admin: Account;

test.beforeAll(async ({ browser }, testInfo) => {
  prereq = await seedPrerequisites();
  admin = await createTenantAdmin(browser, testInfo.project.use.baseURL, "newcomer");
});

/** A UTC calendar day `offset` days from today: the token expiry date means a UTC day. */
const utcDay = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** Runs one statement on the e2e server's embedded database (to let time pass for a stored date). */
async function sql(text: string, values: unknown[]): Promise<void> {
  const password = readFileSync(path.join(import.meta.dirname, "..", E2E_DATA_DIR, "pg-password"), "utf8").trim();
  const port = process.env.E2E_PG_PORT ?? "54330";
  const client = new pg.Client({ connectionString: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/console` });
  await client.connect();
  try {
    await client.query(text, values);
  } finally {
    await client.end();
  }
}

async function setTokenExpiry(page: Page, date: string): Promise<void> {
  await page.getByRole("radio", { name: "Expires on", exact: true }).check();
  await label(page, "Token expiry date").fill(date);
}

test.describe("at 1440 px", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("bug 1: System → Tenants counts a tenant's users, the same people the list behind the number shows", async ({ systemAdminPage: page }) => {
    const name = `Newcomer ${uniqueSuffix()}`;
    await createTenant(page, name);
    for (const role of ["tenant_admin", "support"] as const) {
      const suffix = uniqueSuffix();
      await createUser(page, { email: `count-${suffix}@newcomer.example`, name: `Count ${suffix}`, role, tenantName: name, password: DEMO_PASSWORD });
    }

    await page.goto("/system/tenants");
    const count = page.getByRole("link", { name: `Show users of ${name}: 2`, exact: true });
    await expect(count).toHaveText("2");
    await count.click();
    await expect(page).toHaveURL(/\/system\/users\?tenantId=/);
    await expect(page.getByTestId("user-row")).toHaveCount(2);
  });

  test("bug 6: a past token expiry date is a field error; a stored date that has since passed keeps the channel editable", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await openNewWizard(page);
    await fillInformation(page, "cloud-api", prereq);
    await setTokenExpiry(page, utcDay(-1));
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "tokenValidity")).toHaveText(message("channels.validation.tokenValidityPast"));
    await expect(label(page, "Token expiry date")).toHaveAttribute("aria-invalid", "true");
    await expect(wizardStep(page, 1)).toBeVisible();

    await setTokenExpiry(page, utcDay(30));
    await next(page, 2);
    const name = uniqueChannelName("expiry");
    await fillBasic(page, prereq, { name });
    await next(page, 3);
    const id = await saveWizard(page);

    // Time passes: the stored date is now behind us. Editing something else still works.
    const lapsed = utcDay(-10);
    await sql(`UPDATE channels SET settings = jsonb_set(settings, '{tokenValidity}', to_jsonb($1::text)) WHERE id = $2`, [lapsed, id]);
    await page.goto(`/channels/${id}/edit`);
    await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
    await expect(label(page, "Token expiry date")).toHaveValue(lapsed);
    await next(page, 2);
    await label(page, "Non-working time notification").fill(`Closed ${uniqueSuffix()}`);
    await next(page, 3);
    await saveWizard(page);

    // But a newly entered past date is refused on the edit too.
    await page.goto(`/channels/${id}/edit`);
    await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
    await setTokenExpiry(page, utcDay(-3));
    await page.getByRole("button", { name: "Next", exact: true }).click();
    await expect(fieldError(page, "tokenValidity")).toHaveText(message("channels.validation.tokenValidityPast"));
    await expect(wizardStep(page, 1)).toBeVisible();
  });

  test("bug 10: a repeated transfer keyword (any case, spaces around) is a field error naming it, never dropped", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await expectKeywordRepeatNamed(page);
  });

  test("bug 12: after sign-in, / answers with a server redirect to the home page, never a blank page", async ({ page }) => {
    // A visitor opens /, is sent to sign in, and comes back to / once signed in.
    await page.goto("/");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2F$/);
    const form = signInForm(page);
    await waitForHydration(form);
    await form.getByLabel("Email", { exact: true }).fill(TENANT_ADMIN.email);
    await form.getByLabel("Password", { exact: true }).fill(TENANT_ADMIN.password);
    // Every frame from the click on: no error flashed, never / itself, never an empty page.
    await page.evaluate(() => {
      const win = window as unknown as { badFrames: string[] };
      win.badFrames = [];
      const sample = () => {
        const main = document.querySelector("main")?.innerText.trim() ?? "";
        const alert = document.querySelector('[role="alert"]')?.textContent?.trim();
        if (alert) win.badFrames.push(`error shown: ${alert}`);
        else if (location.pathname === "/" || main === "") win.badFrames.push(`blank at ${location.pathname}`);
        if (!(location.pathname === "/overview" && main !== "")) requestAnimationFrame(sample);
      };
      requestAnimationFrame(sample);
    });
    const [answer] = await Promise.all([
      page.waitForResponse((response) => response.request().method() === "POST" && new URL(response.url()).pathname === "/sign-in"),
      form.getByRole("button", { name: "Sign in", exact: true }).click(),
    ]);
    await expect(page).toHaveURL(/\/overview$/);
    await expect(page.getByTestId("user-name")).toHaveText(TENANT_ADMIN.name);
    const badFrames = await page.evaluate(() => (window as unknown as { badFrames: string[] }).badFrames);
    expect([...new Set(badFrames)], "what showed between Sign in and the home page").toEqual([]);
    // The action sends the browser straight to the home page, not to / (which would redirect again).
    expect(new URL(answer.headers()["x-action-redirect"]!.split(";")[0]!, "http://x").pathname).toBe("/overview");

    // Opening / while signed in: the first answer is a redirect, never a 200 blank document.
    const first = await page.request.get("/", { maxRedirects: 0 });
    expect(first.status()).toBe(307);
    expect(first.headers()["location"]).toBe("/overview");
    const documents: number[] = [];
    page.on("response", (response) => {
      if (response.request().resourceType() === "document") documents.push(response.status());
    });
    await page.goto("/");
    await expect(page).toHaveURL(/\/overview$/);
    expect(documents).toEqual([307, 200]);
  });
});

test.describe("at 390 px", () => {
  test.use({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });

  test("bug 10: the repeated-keyword error fits a phone", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await expectKeywordRepeatNamed(page, async () => {
      // The error wraps inside the screen, beside a field and button that fit it too.
      for (const part of [fieldError(page, "transferKeywords"), label(page, "Keyword for transfer to agent"), page.getByRole("button", { name: "Add keyword" })]) {
        const box = await part.boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      }
      expect(await fieldError(page, "transferKeywords").evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    });
  });
});

/** Step 2 of a new channel: "agent" is added, " AGENT " is refused by name (with Add and with Enter) and stays to be corrected. */
async function expectKeywordRepeatNamed(page: Page, whileShown?: () => Promise<void>): Promise<void> {
  await openNewWizard(page);
  await fillInformation(page, "twilio", prereq);
  await next(page, 2);
  await fillBasic(page, prereq, { name: uniqueChannelName("keywords"), keywords: ["agent"] });
  const input = label(page, "Keyword for transfer to agent");
  const chips = page.getByTestId("transfer-keywords").getByRole("listitem");
  const named = message("channels.validation.keywordDuplicate").replace("{keyword}", "AGENT").replace("{existing}", "agent");

  await input.fill(" AGENT ");
  await page.getByRole("button", { name: "Add keyword", exact: true }).click();
  await expect(fieldError(page, "transferKeywords")).toHaveText(named);
  await expect(input).toHaveAttribute("aria-invalid", "true");
  await expect(input).toHaveValue(" AGENT ");
  await expect(chips).toHaveCount(1);
  // The notice outlives a check of the step (a resolver run must not wipe it).
  await input.press("Enter");
  await expect(fieldError(page, "transferKeywords")).toHaveText(named);
  await whileShown?.();

  // Correcting the typed word clears the error and adds it.
  await input.fill("human");
  await expect(fieldError(page, "transferKeywords")).toHaveCount(0);
  await addKeyword(page, "human");
  await expect(chips).toHaveCount(2);
  await expect(input).toHaveValue("");
}
