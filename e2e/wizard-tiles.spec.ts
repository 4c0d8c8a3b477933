import type { Locator, Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { seedPrerequisites, type ChannelPrerequisites } from "./channel-helpers";
import { openCertificates, uploadTrust } from "./certificates-helpers";
import {
  BASE_URLS,
  chooseVariant,
  createTenantAdmin,
  draftSaved,
  fieldError,
  fillBasic,
  fillInformation,
  label,
  message,
  next,
  openNewWizard,
  providerTile,
  saveButton,
  saveWizard,
  uniqueChannelName,
  wizardStep,
  type Variant,
} from "./channel-wizard-helpers";
import { createTenant, createUser, DEMO_PASSWORD, expect, newPage, signInAs, SYSTEM_ADMIN, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";

/*
 * Issue 17, improvement 3 and the wizard half of improvement 6: the provider is chosen from tiles
 * (a radio group), every prerequisite field says where to get it and links there (also in an empty
 * tenant), step 3 says "Create channel" / "Save changes", saving is confirmed by a toast in the
 * aria-live region, Cancel asks whether to keep or discard the draft, the wizard fits a 390 px
 * phone on every step, and it can be completed with the keyboard alone.
 */

let prereq: ChannelPrerequisites;
let admin: Account;

test.beforeAll(async ({ browser }, testInfo) => {
  prereq = await seedPrerequisites();
  admin = await createTenantAdmin(browser, testInfo.project.use.baseURL, "tiles");
});

const VARIANTS: Variant[] = ["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"];

/** A toast, inside the aria-live region sonner renders. */
const toast = (page: Page, text: string) => page.locator("section[aria-live] [data-sonner-toaster]").getByText(text, { exact: true });

const tileLine = (variant: Variant) => message(`channelWizard.tiles.lines.${variant}`);

async function expectNoOverflow(page: Page, where: string): Promise<void> {
  const widths = await page.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
  expect(widths.scroll, `horizontal overflow ${where}`).toBeLessThanOrEqual(widths.client);
}

/** At 1440 and at 390 px: nothing wider than the page; axe finds nothing serious. */
async function checkLayout(page: Page, where: string): Promise<void> {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoOverflow(page, `${where} at ${width} px`);
  }
  await expectNoSeriousA11yViolations(page, where);
  await page.setViewportSize({ width: 1440, height: 900 });
}

/** A link to a prerequisite's page: the right href, opening in a new tab so nothing typed is lost. */
async function expectPrerequisiteLink(field: Locator, href: string): Promise<void> {
  const link = field.locator(`a[href="${href}"]`);
  await expect(link).toHaveCount(1);
  await expect(link).toHaveAttribute("target", "_blank");
  await expect(link).toContainText(message("channelWizard.prerequisites.newTab"));
}

/** A field's description (where the prerequisite hint is), by the field's stable id. */
const description = (page: Page, name: string) => page.locator(`#field-${name}-description`);

/** Presses Tab until `target` has focus (at most `limit` times): how a keyboard user gets there. */
async function tabTo(page: Page, target: Locator, limit = 60): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press("Tab");
  }
  await expect(target).toBeFocused();
}

/** Chooses a select's option with the arrow keys only. */
async function arrowToOption(page: Page, select: Locator, value: string): Promise<void> {
  await tabTo(page, select);
  for (let i = 0; i < 300 && (await select.inputValue()) !== value; i++) await page.keyboard.press("ArrowDown");
  await expect(select).toHaveValue(value);
}

test("the provider is chosen from tiles, each with its name and one line, and shows that provider's fields", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  const group = page.getByRole("group", { name: message("channelWizard.tiles.legend"), exact: true });
  await expect(group).toBeVisible();
  await expect(group.getByRole("radio")).toHaveCount(VARIANTS.length);
  for (const variant of VARIANTS) {
    await expect(providerTile(page, variant)).toHaveAccessibleDescription(new RegExp(tileLine(variant).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    await chooseVariant(page, variant);
    await expect(providerTile(page, variant)).toBeChecked();
    for (const other of VARIANTS.filter((v) => v !== variant)) await expect(page.getByTestId(`provider-fields-${other}`)).toHaveCount(0);
  }
  // The right fields per tile.
  await chooseVariant(page, "twilio");
  await expect(label(page, "Account SID")).toBeVisible();
  await chooseVariant(page, "other-oAuth");
  await expect(label(page, "UserName")).toBeVisible();
  await expect(label(page, "Phone number")).toHaveCount(0);
  await checkLayout(page, "step 1 with tiles");

  // Arrow keys move through the tiles and choose; Space chooses the focused one.
  await providerTile(page, "other-oAuth").focus();
  await page.keyboard.press("ArrowRight");
  await expect(providerTile(page, "cloud-api")).toBeFocused();
  await expect(providerTile(page, "cloud-api")).toBeChecked();
  await expect(page.getByTestId("provider-fields-cloud-api")).toBeVisible();
  await page.keyboard.press("ArrowLeft");
  await expect(providerTile(page, "other-oAuth")).toBeChecked();
  // The focused tile shows it (a ring around the tile).
  const ring = await page.getByTestId("provider-tile-other-oAuth").evaluate((tile) => getComputedStyle(tile).boxShadow);
  expect(ring).not.toBe("none");
});

test("Next without a provider says so on the tiles and focuses them; Space chooses one", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await page.getByRole("button", { name: "Next", exact: true }).click();
  await expect(wizardStep(page, 1)).toBeVisible();
  await expect(fieldError(page, "provider")).not.toBeEmpty();
  await expect(providerTile(page, "infobip")).toBeFocused();
  await page.keyboard.press("Space");
  await expect(providerTile(page, "infobip")).toBeChecked();
  await expect(fieldError(page, "provider")).toHaveCount(0);
});

test("every prerequisite field says where to get it and links there", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await chooseVariant(page, "infobip");
  await expectPrerequisiteLink(description(page, "trustCertificateId"), "/settings/certificates");
  await expectPrerequisiteLink(description(page, "identityCertificateId"), "/settings/certificates");
  await expectPrerequisiteLink(description(page, "baseUrl"), "/settings/trustlist");
  await expect(description(page, "trustCertificateId")).toContainText(message("channelWizard.prerequisites.certificates"));
  // The API app only a system administrator creates: said, and no link a tenant administrator cannot open.
  await chooseVariant(page, "other-oAuth");
  await expect(description(page, "userName")).toContainText(message("channelWizard.prerequisites.apiApp"));
  await expect(description(page, "userName").getByRole("link")).toHaveCount(0);
  await chooseVariant(page, "telegram");
  await expect(description(page, "appKey")).toContainText(message("channelWizard.prerequisites.apiApp"));
  await expectPrerequisiteLink(description(page, "baseUrl"), "/settings/trustlist");

  // Step 2: OU and skill queue say where they are managed.
  await fillInformation(page, "telegram", prereq);
  await next(page, 2);
  await expectPrerequisiteLink(description(page, "ouId"), "/settings/ous");
  await expectPrerequisiteLink(description(page, "skillQueueId"), "/settings/skill-queues");
  await expectPrerequisiteLink(page.getByTestId("wizard-step-2"), "/settings/service-time");

  // The linked page really is there for a tenant administrator.
  const href = await description(page, "ouId").getByRole("link").getAttribute("href");
  const opened = await page.context().newPage();
  await opened.goto(href!);
  await expect(opened.getByRole("heading", { level: 1 })).toBeVisible();
  await opened.close();
});

test("an empty tenant is not a dead end: the empty lists say so, link to where to create, and refresh without losing what was typed", async ({
  browser,
}, testInfo) => {
  const baseURL = testInfo.project.use.baseURL;
  const suffix = uniqueSuffix();
  const empty: Account = { email: `wizard-empty-${suffix}@empty.example`, name: `Empty ${suffix}`, password: DEMO_PASSWORD, roleLabel: "Tenant administrator", tenantLabel: `Empty ${suffix}` };
  {
    const { context, page } = await newPage(browser, baseURL);
    await signInAs(page, SYSTEM_ADMIN);
    await createTenant(page, `Empty ${suffix}`);
    await createUser(page, { email: empty.email, name: empty.name, role: "tenant_admin", tenantName: `Empty ${suffix}`, password: empty.password });
    await context.close();
  }
  const { context, page } = await newPage(browser, baseURL);
  try {
    await signInAs(page, empty);
    await openNewWizard(page);
    await chooseVariant(page, "infobip");
    const trust = description(page, "trustCertificateId");
    await expect(trust).toContainText(message("channelWizard.certificates.noTrust"));
    await expectPrerequisiteLink(trust, "/settings/certificates");
    await expect(trust.getByRole("link")).toContainText(message("channelWizard.certificates.upload"));
    await expect(description(page, "identityCertificateId")).toContainText(message("channelWizard.certificates.noIdentity"));
    await chooseVariant(page, "telegram");
    await expect(description(page, "appKey")).toContainText(message("channelWizard.prerequisites.noApiApp"));
    await checkLayout(page, "step 1 in an empty tenant");

    // Something typed stays while a certificate is uploaded in the other tab and the list refreshed.
    await label(page, "App key").fill("typed-before-refresh");
    const other = await context.newPage();
    await openCertificates(other);
    const certificate = `empty-trust-${suffix}`;
    await uploadTrust(other, certificate);
    await other.close();
    await description(page, "trustCertificateId").getByRole("button", { name: message("channelWizard.prerequisites.refresh"), exact: true }).click();
    await expect(label(page, "Trust certificate").getByRole("option", { name: certificate, exact: true })).toHaveCount(1);
    await expect(description(page, "trustCertificateId")).not.toContainText(message("channelWizard.certificates.noTrust"));
    await expect(label(page, "App key")).toHaveValue("typed-before-refresh");
  } finally {
    await context.close();
  }
});

test("step 3 says Create channel / Save changes, and a save is confirmed by a toast on the page it lands on", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  const name = uniqueChannelName("toast");
  await openNewWizard(page);
  await fillInformation(page, "twilio", prereq);
  await next(page, 2);
  await fillBasic(page, prereq, { name });
  await next(page, 3);
  await expect(page.getByRole("button", { name: "Create channel", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes", exact: true })).toHaveCount(0);
  const id = await saveWizard(page);
  await expect(toast(page, `Channel ${name} created.`)).toBeVisible();

  await page.goto(`/channels/${id}/edit`);
  await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
  await next(page, 2);
  await next(page, 3);
  await expect(page.getByRole("button", { name: "Save changes", exact: true })).toBeVisible();
  await expect(page.getByRole("button", { name: "Create channel", exact: true })).toHaveCount(0);
  await saveWizard(page);
  await expect(toast(page, `Changes to ${name} saved.`)).toBeVisible();
});

test("a refused save is shown in place: the errors on their fields and a toast", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await openNewWizard(page);
  await fillInformation(page, "twilio", prereq);
  await next(page, 2);
  await fillBasic(page, prereq, { name: uniqueChannelName("refused") });
  await next(page, 3);
  // The robot needs a transfer keyword (step 2 has none).
  await label(page, "Connecting to the intelligent robot").check();
  await saveButton(page).click();
  await expect(toast(page, message("channelWizard.toasts.failed"))).toBeVisible();
  await expect(page).toHaveURL(/\/channels\/new$/);
  await expect(page.locator('[aria-invalid="true"]').first()).toBeVisible();
  await expect(page.getByRole("alert").first()).toBeVisible();
});

test("Cancel asks whether to keep or discard the draft: keep restores it later, discard removes it", async ({ browser, signedInPage }, testInfo) => {
  const owner = await createTenantAdmin(browser, testInfo.project.use.baseURL, "cancel");
  const page = await signedInPage(owner);
  await openNewWizard(page);
  await chooseVariant(page, "infobip");
  const typed = `keep_${uniqueSuffix()}`;
  await label(page, "UserName").fill(typed);

  // The dialog: focus inside, Escape closes it, focus back on Cancel.
  const cancel = page.getByRole("button", { name: "Cancel", exact: true });
  await cancel.click();
  const dialog = page.getByRole("dialog", { name: message("channelWizard.cancel.title") });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole("button", { name: message("channelWizard.cancel.keep") })).toBeFocused();
  await expectNoSeriousA11yViolations(page, "the Cancel dialog");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(cancel).toBeFocused();
  await expect(page).toHaveURL(/\/channels\/new$/);

  // Keep: leaves to the list, and the wizard reopens with what was typed (written at once, not after the debounce).
  await cancel.click();
  await dialog.getByRole("button", { name: message("channelWizard.cancel.keep") }).click();
  await expect(page).toHaveURL(/\/channels$/);
  await expect(toast(page, message("channelWizard.toasts.draftKept"))).toBeVisible();
  await page.goto("/channels/new");
  await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
  await expect(page.getByTestId("draft-notice")).toBeVisible();
  await expect(providerTile(page, "infobip")).toBeChecked();
  await expect(label(page, "UserName")).toHaveValue(typed);

  // Discard: leaves, and the wizard opens empty.
  await cancel.click();
  await dialog.getByRole("button", { name: message("channelWizard.cancel.discard") }).click();
  await expect(page).toHaveURL(/\/channels$/);
  await expect(toast(page, message("channelWizard.toasts.draftDiscarded"))).toBeVisible();
  await page.goto("/channels/new");
  await waitForHydration(page.getByRole("button", { name: "Next", exact: true }));
  await expect(page.getByTestId("draft-notice")).toHaveCount(0);
  await expect(page.locator('input[name="provider"]:checked')).toHaveCount(0);
});

test("every step fits 390 px and 1440 px with no serious accessibility violation", async ({ browser, signedInPage }, testInfo) => {
  const owner = await createTenantAdmin(browser, testInfo.project.use.baseURL, "layout");
  const page = await signedInPage(owner);
  await page.setViewportSize({ width: 390, height: 900 });
  await openNewWizard(page);
  await checkLayout(page, "step 1, nothing chosen");
  await fillInformation(page, "cloud-api", prereq);
  // The draft status line (once longest at 390 px) is showing.
  const saved = draftSaved(page, "123456789");
  await label(page, "WhatsApp Business Account ID").fill("123456789");
  await saved;
  await expect(page.getByTestId("draft-status")).not.toBeEmpty();
  await checkLayout(page, "step 1, cloud-api");
  await next(page, 2);
  await fillBasic(page, prereq, { name: uniqueChannelName("layout"), keywords: ["agent"] });
  await page.getByRole("button", { name: "More", exact: true }).click();
  await checkLayout(page, "step 2");
  await next(page, 3);
  await checkLayout(page, "step 3");
  await page.setViewportSize({ width: 390, height: 900 });
  await page.getByRole("button", { name: "Cancel", exact: true }).click();
  await expectNoOverflow(page, "the Cancel dialog at 390 px");
  await page.keyboard.press("Escape");
});

test("keyboard only: a Telegram channel is created from the channel list without a click", async ({ browser, signedInPage }, testInfo) => {
  const owner = await createTenantAdmin(browser, testInfo.project.use.baseURL, "keyboard");
  const page = await signedInPage(owner);
  const name = uniqueChannelName("keys");
  await page.goto("/channels");
  const create = page.getByRole("link", { name: "New channel", exact: true });
  await waitForHydration(create);
  await tabTo(page, create);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/channels\/new$/);
  const nextButton = page.getByRole("button", { name: "Next", exact: true });
  await waitForHydration(nextButton);

  // Step 1: into the tiles, arrows to Telegram.
  await tabTo(page, providerTile(page, "infobip"));
  await page.keyboard.press("Space");
  for (let i = 0; i < 10 && !(await providerTile(page, "telegram").isChecked()); i++) await page.keyboard.press("ArrowRight");
  await expect(providerTile(page, "telegram")).toBeChecked();
  await expect(page.getByTestId("provider-fields-telegram")).toBeVisible();
  const type = async (field: string, value: string) => {
    await tabTo(page, label(page, field));
    await page.keyboard.type(value);
  };
  await type("App key", prereq.apiApp.appKey);
  await type("App secret", prereq.apiApp.appSecret);
  await type("BaseUrl", BASE_URLS.telegram);
  await arrowToOption(page, label(page, "Trust certificate"), prereq.trustCertificateId);
  await arrowToOption(page, label(page, "Identity certificate"), prereq.identityCertificateId);
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Step 2: focus is on its heading, and visible.
  await expect(wizardStep(page, 2)).toBeVisible();
  await expect(page.locator(":focus")).toHaveText(/^2\. /);
  expect(await page.locator(":focus").evaluate((element) => getComputedStyle(element).boxShadow)).not.toBe("none");
  await type("Channel name", name);
  await arrowToOption(page, label(page, "OU"), prereq.ouId);
  await arrowToOption(page, label(page, "Skill queue"), prereq.skillQueueId);
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Step 3: focus on its heading; Shift+Tab from Create channel reaches Back, Tab returns, Enter creates.
  await expect(wizardStep(page, 3)).toBeVisible();
  await expect(page.locator(":focus")).toHaveText(/^3\. /);
  await tabTo(page, page.getByRole("button", { name: "Create channel", exact: true }));
  await page.keyboard.press("Shift+Tab");
  await expect(page.getByRole("button", { name: "Back", exact: true })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/channels\/[0-9a-f-]{36}\/integration$/, { timeout: 30_000 });
  await expect(toast(page, `Channel ${name} created.`)).toBeVisible();
});
