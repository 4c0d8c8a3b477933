import type { Page } from "@playwright/test";
import { expectNoSeriousA11yViolations } from "./axe";
import { CHANNEL_PAGE_TABS, seedEachVariant, type SeededChannel } from "./channel-helpers";
import { expect, SUPPORT, TENANT_ADMIN, test, waitForHydration } from "./fixtures";

/*
 * Issue 17, improvement 2: the channel page is a header (name, status, actions) and tabs —
 * Activity first, then Configuration, Integration and Provider (only for providers with provider
 * tools) — chosen by `?tab=`, rendered on the server. Disable asks first and can be undone from
 * its toast; Delete asks first. Support staff get the header without the actions.
 */

let channels: Record<SeededChannel["variant"], SeededChannel>;

test.beforeAll(async () => {
  const seeded = await seedEachVariant();
  channels = Object.fromEntries(seeded.channels.map((channel) => [channel.variant, channel])) as typeof channels;
});

const tabs = (page: Page) => page.getByRole("navigation", { name: "Channel sections" });
const toasts = (page: Page) => page.locator('section[aria-live="polite"]');

/** What only each tab renders: a test id of its content. */
const TAB_CONTENT = {
  Activity: "channel-activity",
  Configuration: "channel-schedule",
  Integration: "channel-integration",
  Provider: "provider-section",
} as const;

async function expectTab(page: Page, name: keyof typeof TAB_CONTENT) {
  await expect(tabs(page).getByRole("link", { name, exact: true })).toHaveAttribute("aria-current", "page");
  await expect(tabs(page).locator('[aria-current="page"]')).toHaveCount(1);
  for (const [tab, testId] of Object.entries(TAB_CONTENT)) {
    // Only the selected tab is on the page (the others' data is not even loaded).
    await expect(page.getByTestId(testId)).toHaveCount(tab === name ? 1 : 0);
  }
}

async function expectNoHorizontalOverflow(page: Page, where: string) {
  const { scrollWidth, clientWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    clientWidth: document.documentElement.clientWidth,
  }));
  expect(scrollWidth, `${where}: the page scrolls sideways`).toBeLessThanOrEqual(clientWidth);
}

test("the tabs: Activity first, each a link of its own with aria-current, each scanned by axe", async ({ signedInPage }) => {
  const page = await signedInPage(TENANT_ADMIN);
  const cloud = channels["cloud-api"];
  await page.goto(`/channels/${cloud.id}`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(cloud.name);
  await expect(page.getByTestId("channel-status")).toHaveText("Enabled");
  await expect(tabs(page).getByRole("link")).toHaveText(["Activity", "Configuration", "Integration", "Provider"]);
  await expectTab(page, "Activity");
  await expectNoSeriousA11yViolations(page, "channel page, Activity");

  for (const [name, query] of [["Configuration", "configuration"], ["Integration", "integration"], ["Provider", "provider"]] as const) {
    await tabs(page).getByRole("link", { name, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`/channels/${cloud.id}\\?tab=${query}$`));
    await expectTab(page, name);
    await expectNoSeriousA11yViolations(page, `channel page, ${name}`);
  }
  await expect(page.getByRole("link", { name: "Download configuration", exact: true })).toHaveCount(0);

  // A tab is a URL: it opens directly, and an unknown tab falls back to Activity.
  await page.goto(`/channels/${cloud.id}?tab=configuration`);
  await expectTab(page, "Configuration");
  await expect(page.getByRole("link", { name: "Download configuration", exact: true })).toHaveAttribute("href", `/api/channels/${cloud.id}/configuration`);
  await page.goto(`/channels/${cloud.id}?tab=nonsense`);
  await expectTab(page, "Activity");

  // Infobip has no provider tools: no Provider tab, and its URL shows Activity.
  const infobip = channels.infobip;
  await page.goto(`/channels/${infobip.id}?tab=provider`);
  await expect(tabs(page).getByRole("link")).toHaveText(["Activity", "Configuration", "Integration"]);
  await expect(tabs(page).getByRole("link", { name: "Activity", exact: true })).toHaveAttribute("aria-current", "page");
  await expect(page.getByTestId("channel-activity")).toBeVisible();
});

test("the tabs work without JavaScript: the server renders the selected one", async ({ browser, baseURL, signedInPage }) => {
  const signedIn = await signedInPage(TENANT_ADMIN);
  const context = await browser.newContext({ baseURL, storageState: await signedIn.context().storageState(), javaScriptEnabled: false });
  try {
    const page = await context.newPage();
    const twilio = channels.twilio;
    await page.goto(`/channels/${twilio.id}`);
    await tabs(page).getByRole("link", { name: "Integration", exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`\\?tab=integration$`));
    await expect(page.getByTestId("channel-integration")).toBeVisible();
    await expect(page.getByTestId("connection-check")).toBeVisible();
    await expect(page.getByTestId("channel-activity")).toHaveCount(0);
  } finally {
    await context.close();
  }
});

test("header: Check connection confirms its outcome in a toast that leads to the steps", async ({ signedInPage }) => {
  const page = await signedInPage(TENANT_ADMIN);
  const twilio = channels.twilio;
  await page.goto(`/channels/${twilio.id}`);
  const check = page.getByRole("group", { name: "Channel actions" }).getByRole("button", { name: "Check connection", exact: true });
  await waitForHydration(check);
  await check.click();
  // The seeded channel's provider address is not reachable from the test machine: any outcome will do, in words.
  const toast = toasts(page).getByRole("listitem").filter({ hasText: `Connection check of ${twilio.name}` });
  await expect(toast).toContainText(/passed|failed/, { timeout: 30_000 });
  await toast.getByRole("button", { name: "Show steps", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/channels/${twilio.id}\\?tab=integration$`));
  await expect(page.getByTestId("connection-check-outcome")).toHaveAttribute("data-outcome", /passed|warning|failed/);
  // On the Integration tab the panel's own button stands beside the steps: one button, not two.
  await expect(page.getByRole("button", { name: "Check connection", exact: true })).toHaveCount(1);
});

test("header: Disable asks first (Escape cancels, focus returns), then can be undone from its toast", async ({ signedInPage }) => {
  const page = await signedInPage(TENANT_ADMIN);
  const channel = channels.telegram;
  await page.goto(`/channels/${channel.id}?tab=configuration`);
  const actions = page.getByRole("group", { name: "Channel actions" });
  const disable = actions.getByRole("button", { name: "Disable", exact: true });
  await waitForHydration(disable);

  await disable.click();
  const dialog = page.getByRole("dialog", { name: `Disable channel ${channel.name}?` });
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText("its webhooks answer 404");
  await expect(dialog.getByRole("button", { name: "Cancel", exact: true })).toBeFocused();
  await expectNoSeriousA11yViolations(page, "channel page, disable confirmation");
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(disable).toBeFocused();
  await expect(page.getByTestId("channel-status")).toHaveText("Enabled");

  await disable.click();
  await dialog.getByRole("button", { name: "Disable channel", exact: true }).click();
  const notice = toasts(page).getByRole("listitem").filter({ hasText: `Channel ${channel.name} disabled` });
  await expect(notice).toBeVisible();
  await expect(page.getByTestId("channel-status")).toHaveText("Disabled");
  await expect(actions.getByRole("button", { name: "Enable", exact: true })).toBeVisible();
  // Still on the tab it was disabled from.
  await expect(page).toHaveURL(/\?tab=configuration$/);

  await notice.getByRole("button", { name: "Undo", exact: true }).click();
  await expect(toasts(page)).toContainText(`Channel ${channel.name} enabled.`);
  await expect(page.getByTestId("channel-status")).toHaveText("Enabled");
  await expect(actions.getByRole("button", { name: "Disable", exact: true })).toBeVisible();
});

test("header: Delete asks first; Cancel keeps the channel, confirming deletes it and returns to the list", async ({ signedInPage }) => {
  const page = await signedInPage(TENANT_ADMIN);
  const channel = channels["other-basic"];
  await page.goto(`/channels/${channel.id}`);
  const remove = page.getByRole("group", { name: "Channel actions" }).getByRole("button", { name: "Delete", exact: true });
  await waitForHydration(remove);

  await remove.click();
  const dialog = page.getByRole("dialog", { name: `Delete channel ${channel.name}?` });
  await expect(dialog).toContainText("This cannot be undone.");
  await expect(dialog.getByRole("button", { name: "Cancel", exact: true })).toBeFocused();
  await expectNoSeriousA11yViolations(page, "channel page, delete confirmation");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toBeHidden();
  await expect(remove).toBeFocused();

  await remove.click();
  await dialog.getByRole("button", { name: "Delete channel", exact: true }).click();
  await expect(page).toHaveURL(/\/channels$/);
  await expect(toasts(page)).toContainText(`Channel ${channel.name} deleted.`);
  const response = await page.goto(`/channels/${channel.id}`);
  expect(response?.status()).toBe(404);
});

test("support staff see the header and tabs without the actions", async ({ signedInPage }) => {
  const page = await signedInPage(SUPPORT);
  const cloud = channels["cloud-api"];
  for (const tab of CHANNEL_PAGE_TABS) {
    await page.goto(`/channels/${cloud.id}${tab}`);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(cloud.name);
    await expect(page.getByTestId("channel-status")).toHaveText("Enabled");
    await expect(tabs(page).getByRole("link")).toHaveCount(4);
    await expect(page.getByRole("group", { name: "Channel actions" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^(Check connection|Disable|Enable|Delete)$/ })).toHaveCount(0);
    await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
    await expectNoSeriousA11yViolations(page, `support, channel page${tab}`);
  }
});

for (const width of [390, 1440]) {
  test(`every tab fits ${width} px without sideways scrolling`, async ({ signedInPage }) => {
    const page = await signedInPage(TENANT_ADMIN);
    await page.setViewportSize({ width, height: 844 });
    for (const channel of [channels["cloud-api"], channels["other-oAuth"]]) {
      for (const tab of CHANNEL_PAGE_TABS) {
        await page.goto(`/channels/${channel.id}${tab}`);
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(channel.name);
        await expectNoHorizontalOverflow(page, `${channel.variant}${tab} at ${width} px`);
        const nav = await tabs(page).boundingBox();
        expect(nav!.x + nav!.width, "the tabs stay within the viewport").toBeLessThanOrEqual(width);
      }
    }
    await page.goto(`/channels/${channels["cloud-api"].id}?tab=integration`);
    if (width === 390) await expectNoSeriousA11yViolations(page, "channel page at 390 px");
  });
}
