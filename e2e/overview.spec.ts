import { createHmac, randomBytes } from "node:crypto";
import type { Page } from "@playwright/test";
import { fixtureJson } from "../testing/fixtures/webhooks";
import { expectNoSeriousA11yViolations } from "./axe";
import { seedEachVariant, type SeededChannel } from "./channel-helpers";
import { pathOf } from "./channel-integration-helpers";
import { createTenant, createUser, DEMO_PASSWORD, expect, MESSAGES, newPage, signInAs, SYSTEM_ADMIN, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";

/*
 * Issue 17, improvement 1: the Overview is the home of tenant administrators and support staff.
 * A tenant of this spec's own starts empty (the empty state leads to Create channel), then gets one
 * channel of each variant, a signed Meta delivery and a refused Infobip call: the Overview then
 * counts one receiving and one failing channel, names the refusal's reason and links to the channel.
 */

test.describe.configure({ mode: "serial" });

const suffix = uniqueSuffix();
const tenantName = `Overview ${suffix}`;
const admin: Account = { email: `overview-admin-${suffix}@overview.example`, name: `Overview Admin ${suffix}`, password: DEMO_PASSWORD, roleLabel: "Tenant administrator", tenantLabel: tenantName };
const support: Account = { email: `overview-support-${suffix}@overview.example`, name: `Overview Support ${suffix}`, password: DEMO_PASSWORD, roleLabel: "Support staff", tenantLabel: tenantName };
const APP_SECRET = randomBytes(16).toString("hex");

test.beforeAll(async ({ browser, baseURL }) => {
  const { context, page } = await newPage(browser, baseURL);
  try {
    await signInAs(page, SYSTEM_ADMIN);
    await createTenant(page, tenantName);
    await createUser(page, { email: admin.email, name: admin.name, role: "tenant_admin", tenantName, password: admin.password });
    await createUser(page, { email: support.email, name: support.name, role: "support", tenantName, password: support.password });
  } finally {
    await context.close();
  }
});

async function expectNoHorizontalOverflow(page: Page, where: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({ scrollWidth: document.documentElement.scrollWidth, clientWidth: document.documentElement.clientWidth }));
  expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

/** At 1440 and 390 px: no sideways scrolling, and no serious accessibility violation. */
async function expectLaidOut(page: Page, what: string) {
  for (const width of [1440, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await expectNoHorizontalOverflow(page, `${what} at ${width} px`);
    await expectNoSeriousA11yViolations(page, `${what} at ${width} px`);
  }
  await page.setViewportSize({ width: 1440, height: 900 });
}

const count = (page: Page, state: string) => page.getByTestId(`overview-count-${state}`).getByTestId("count");

test("an empty tenant's Overview is the home page and leads administrators to Create channel, support staff to Channels", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  await expect(page).toHaveURL(/\/overview$/);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link").first()).toHaveText("Overview");
  await expect(page.getByRole("heading", { level: 1, name: "Overview" })).toBeVisible();
  const empty = page.getByTestId("overview-empty");
  await expect(empty).toContainText("No channels yet");
  await expect(page.getByTestId("overview-count-failing")).toHaveCount(0);
  await expectLaidOut(page, "the empty Overview");
  await empty.getByRole("link", { name: "Create channel", exact: true }).click();
  await expect(page).toHaveURL(/\/channels\/new$/);

  const supportPage = await signedInPage(support);
  await expect(supportPage).toHaveURL(/\/overview$/);
  const supportEmpty = supportPage.getByTestId("overview-empty");
  await expect(supportEmpty).toContainText("A tenant administrator creates them");
  await expect(supportEmpty.getByRole("link", { name: "Create channel" })).toHaveCount(0);
  await supportEmpty.getByRole("link", { name: "Go to Channels", exact: true }).click();
  await expect(supportPage).toHaveURL(/\/channels$/);
});

interface MetaTextFixture {
  entry: { changes: { value: { metadata: { phone_number_id: string }; messages: { id: string; timestamp: string; text: { body: string } }[] } }[] }[];
}

/** meta-text.json addressed to `phoneNumberId`, as a new message sent now. */
function metaDelivery(phoneNumberId: string): Buffer {
  const body = fixtureJson<MetaTextFixture>("meta-text.json");
  const value = body.entry[0]!.changes[0]!.value;
  value.metadata.phone_number_id = phoneNumberId;
  value.messages[0]!.id = `wamid.overview.${uniqueSuffix()}`;
  value.messages[0]!.timestamp = String(Math.floor(Date.now() / 1000));
  return Buffer.from(JSON.stringify(body));
}

const webhookPath = (channel: SeededChannel, name: string) => pathOf(channel.webhookUrls.find((url) => url.name === name)!.url);

test.describe("with traffic", () => {
  let cloud: SeededChannel;
  let infobip: SeededChannel;

  test.beforeAll(async () => {
    const { channels } = await seedEachVariant({ appSecret: APP_SECRET }, { tenant: tenantName });
    cloud = channels.find((channel) => channel.variant === "cloud-api")!;
    infobip = channels.find((channel) => channel.variant === "infobip")!;
  });

  test("a signed delivery makes its channel receiving, a refused call makes its channel failing with the reason, each linking to the channel", async ({ signedInPage }) => {
    const page = await signedInPage(admin);
    await expect(page).toHaveURL(/\/overview$/);
    await expect(count(page, "silent")).toHaveText("6");
    await expect(page.getByTestId("overview-failing")).toContainText("No channel is failing.");
    await expect(page.getByTestId("overview-rejections")).toContainText("No webhook call has been refused.");

    await page.goto(`/channels/${cloud.id}?tab=configuration`);
    const phoneNumberId = (await page.getByTestId("channel-field-phoneNumberId").textContent())!.trim();
    const body = metaDelivery(phoneNumberId);
    const signature = `sha256=${createHmac("sha256", APP_SECRET).update(body).digest("hex")}`;
    const delivered = await page.request.post(webhookPath(cloud, "webhook"), { data: body, headers: { "content-type": "application/json", "x-hub-signature-256": signature } });
    expect(delivered.status()).toBe(200);
    // An Infobip call without its AccountKey: refused, and logged on the channel.
    const refused = await page.request.post(webhookPath(infobip, "message"), { data: { results: [] }, headers: { "content-type": "application/json" } });
    expect(refused.status()).toBe(401);

    // A URL's status, which the Overview reads, is written about once a second after the call
    // (lib/webhooks/ingest/call-writer.ts): reload until it is in.
    await expect(async () => {
      await page.goto("/overview");
      await expect(count(page, "failing")).toHaveText("1", { timeout: 1_000 });
    }).toPass({ timeout: 30_000 });
    await expect(count(page, "receiving")).toHaveText("1");
    await expect(count(page, "silent")).toHaveText("4");
    await expect(count(page, "disabled")).toHaveText("0");
    const failing = page.getByTestId("overview-failing-channel");
    await expect(failing).toHaveCount(1);
    await expect(failing).toContainText(infobip.name);
    await expect(failing).toContainText("1 call refused in the last hour: Credentials missing");
    await expect(page.getByTestId("overview-silent-channel").filter({ hasText: cloud.name })).toHaveCount(0);
    await expect(page.getByTestId("overview-silent-channel")).toHaveCount(4);
    const rejection = page.getByTestId("overview-rejection");
    await expect(rejection).toHaveCount(1);
    await expect(rejection).toContainText(infobip.name);
    await expect(rejection).toContainText("Credentials missing");
    await expect(rejection).toContainText("401");
    await expect(page.getByTestId("overview-expiring")).toContainText("No token or certificate expires within the next 30 days.");
    await expectLaidOut(page, "the Overview with traffic");

    // The counters lead on: failing to its list, receiving to the channel list.
    await expect(page.getByTestId("overview-count-failing")).toHaveAttribute("href", "#failing-channels");
    await expect(page.getByTestId("overview-count-receiving")).toHaveAttribute("href", "/channels?status=enabled");
    await failing.getByRole("link", { name: infobip.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/channels/${infobip.id}$`));
    await expect(page.getByRole("heading", { level: 1, name: infobip.name })).toBeVisible();

    await page.goto("/overview");
    await rejection.getByRole("link", { name: infobip.name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/channels/${infobip.id}$`));
  });

  test("support staff land on the same Overview, read-only", async ({ signedInPage }) => {
    const page = await signedInPage(support);
    await expect(page).toHaveURL(/\/overview$/);
    await expect(count(page, "receiving")).toHaveText("1");
    await expect(count(page, "failing")).toHaveText("1");
    await expect(page.getByTestId("overview-failing-channel")).toContainText(infobip.name);
    await expect(page.getByTestId("overview-rejection")).toContainText("Credentials missing");
    await expect(page.getByRole("main").getByRole("button")).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, "the Overview as support staff");
  });

  test("in every language the Overview names itself and fits 1440 and 390 px", async ({ signedInPage }) => {
    const page = await signedInPage(support);
    const titles = { de: "Übersicht", ru: "Обзор", zh: "概览", en: "Overview" } as const;
    for (const [locale, title] of Object.entries(titles)) {
      await page.goto("/settings");
      const select = page.locator("#language");
      await waitForHydration(select);
      await select.selectOption(locale);
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await page.goto("/overview");
      await expect(page.getByRole("heading", { level: 1, name: title, exact: true })).toBeVisible();
      await expect(page.getByTestId("overview-failing-channel")).toContainText(infobip.name);
      for (const width of [1440, 390]) {
        await page.setViewportSize({ width, height: 900 });
        await expectNoHorizontalOverflow(page, `${locale} at ${width} px`);
      }
      await page.setViewportSize({ width: 1440, height: 900 });
    }
  });
});

test("system administrators keep their home, and the Overview is not theirs", async ({ page }) => {
  await signInAs(page, SYSTEM_ADMIN);
  await expect(page).toHaveURL(/\/system\/tenants$/);
  await expect(page.getByRole("navigation", { name: "Main navigation" }).getByRole("link", { name: "Overview" })).toHaveCount(0);
  const response = await page.goto("/overview");
  expect(response?.status()).toBe(403);
  await expect(page.getByRole("heading", { name: MESSAGES.forbiddenTitle })).toBeVisible();
});
