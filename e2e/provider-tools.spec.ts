import { randomBytes } from "node:crypto";
import type { FakeMeta } from "../testing/fake-providers/meta";
import { startFakeBotApi, type FakeBotApi } from "../testing/fake-telegram-bot-api";
import type { ChannelPrerequisites } from "./channel-helpers";
import { uniquePhone } from "./channel-wizard-helpers";
import { createCloudApiChannel, setUpFakeMeta, type MetaAccount } from "./fake-meta-helpers";
import { expect, newPage, signInAs, SUPPORT, TENANT_ADMIN, test, uniqueSuffix, waitForHydration, type Account } from "./fixtures";
import { startTelegramConsole, type TelegramConsole } from "./provider-tools-helpers";
import { approvePrefix } from "./trustlist-helpers";

/*
 * The channel page's Provider section in the browser. Meta: against a fake Graph API on 127.0.0.1
 * (reached through the channel's BaseUrl once its prefix is approved), an administrator subscribes
 * the WABA and registers the number with its PIN. Telegram: a console of its own (the shared one
 * has no https address and calls the real Bot API), where an administrator registers the webhook
 * and sees Telegram's view of it.
 */

test.describe.configure({ mode: "serial" });

const TOKEN = `EAAGtools${uniqueSuffix()}`;
const APP_ID = "640000000000777";
const APP_SECRET = randomBytes(16).toString("hex");
const NUMBER_ID = "106540352240777";
const WABA_ID = "102290129340777";
const ACCOUNT: MetaAccount = { token: TOKEN, appId: APP_ID, appSecret: APP_SECRET, numberId: NUMBER_ID, wabaId: WABA_ID };
const PIN = "135790";

let fake: FakeMeta;
let prereq: ChannelPrerequisites;
let admin: Account;
let channelId: string;

test.beforeAll(async ({ browser, baseURL }) => {
  ({ fake, prereq, admin } = await setUpFakeMeta(browser, baseURL, ACCOUNT, "tools", { pins: { [NUMBER_ID]: PIN } }));
});
test.afterAll(() => fake.close());

test("an administrator subscribes the WABA and registers the number with its PIN", async ({ signedInPage }) => {
  const page = await signedInPage(admin);
  channelId = await createCloudApiChannel(page, { fake, prereq }, ACCOUNT, { name: `tools_cloudapi_${uniqueSuffix()}`, phone: uniquePhone() });

  await page.goto(`/channels/${channelId}?tab=provider`);
  const section = page.getByTestId("provider-section");
  await expect(section.getByTestId("meta-number-status")).toHaveText("CONNECTED");
  await expect(section).toContainText("Acme Support");
  await expect(section.getByTestId("meta-subscription-state")).toContainText("Not subscribed");

  const subscribe = section.getByRole("button", { name: "Subscribe", exact: true });
  await waitForHydration(subscribe);
  await subscribe.click();
  await expect(section.getByTestId("meta-subscription-state")).toContainText("Subscribed: Meta sends", { timeout: 30_000 });
  await expect(section.getByRole("button", { name: "Unsubscribe", exact: true })).toBeVisible();
  expect([...(fake.admin.subscriptions.get(WABA_ID) ?? [])]).toEqual([APP_ID]);

  await expect(section.getByTestId("meta-register-budget")).toHaveText("10 of 10 tries left in the last 72 hours.");
  await section.getByLabel("Two-step verification PIN", { exact: true }).fill(PIN);
  const register = section.getByRole("button", { name: "Register number", exact: true });
  await register.click();
  // Nothing is sent before the administrator confirms the cost of a try.
  await expect(section.getByText("Confirm that this uses one of the register tries.")).toBeVisible();
  expect(fake.admin.registerCalls).toHaveLength(0);
  await section.getByLabel("I understand that this uses one of the 10 tries left.").check();
  await register.click();
  await expect(section.getByRole("status").filter({ hasText: "Meta registered the number. 9 tries left" })).toBeVisible({ timeout: 30_000 });
  await expect(section.getByTestId("meta-register-budget")).toHaveText("9 of 10 tries left in the last 72 hours.");
  expect(fake.admin.registerCalls).toEqual([{ phoneNumberId: NUMBER_ID, pin: PIN }]);

  await section.getByRole("button", { name: "Check token", exact: true }).click();
  await expect(section.getByTestId("meta-token-validity")).toHaveText("Valid", { timeout: 30_000 });
  expect(await page.content()).not.toContain(TOKEN);
  expect(await page.content()).not.toContain(APP_SECRET);
});

test("support staff read the Provider section without its buttons", async ({ signedInPage }) => {
  const page = await signedInPage(SUPPORT);
  await page.goto(`/channels/${channelId}?tab=provider`);
  const section = page.getByTestId("provider-section");
  await expect(section.getByTestId("meta-subscription-state")).toContainText("Subscribed: Meta sends");
  await expect(section).toContainText("only tenant administrators can change it");
  await expect(section.getByRole("button")).toHaveCount(0);
});

test.describe("Telegram", () => {
  let bots: FakeBotApi;
  let console_: TelegramConsole;

  test.beforeAll(async () => {
    bots = await startFakeBotApi();
    console_ = await startTelegramConsole({ telegramApiBaseUrl: bots.baseUrl });
  });
  test.afterAll(async () => {
    await console_?.stop();
    await bots?.close();
  });

  test("an administrator registers the webhook and sees Telegram's view of it", async ({ browser }) => {
    await approvePrefix(browser, console_.baseUrl, bots.prefix);
    const bot = bots.addBot(`tools_${uniqueSuffix()}_bot`);
    const channel = await console_.seedTelegramChannel(bot.token);

    const { context, page } = await newPage(browser, console_.baseUrl);
    try {
      await signInAs(page, TENANT_ADMIN);
      await page.goto(`/channels/${channel.id}?tab=provider`);
      const section = page.getByTestId("provider-section");
      await expect(section.getByTestId("telegram-webhook-url")).toHaveText("No webhook is set.");
      // The console listens on a port Telegram never calls: the page says so.
      await expect(section).toContainText(`uses port ${console_.port}, so Telegram will not deliver`);

      // Registering is part of the integration values; the Provider tab then shows Telegram's view.
      await page.goto(`/channels/${channel.id}?tab=integration`);
      const register = page.getByRole("button", { name: "Register webhook", exact: true });
      await waitForHydration(register);
      await register.click();
      await expect(page.getByText(/Webhook registered: Telegram now delivers this bot's messages to/)).toBeVisible({ timeout: 30_000 });
      await page.goto(`/channels/${channel.id}?tab=provider`);
      await expect(section.getByTestId("telegram-webhook-url")).toContainText(`/api/webhooks/telegram/`);
      await expect(section.getByTestId("telegram-pending-updates")).toHaveText("0");
      await expect(section.getByTestId("telegram-allowed-updates")).toHaveText("message, edited_message");
      expect(bots.webhookOf(bot.token)).toMatchObject({ url: expect.stringContaining("/api/webhooks/telegram/"), allowedUpdates: ["message", "edited_message"] });
      expect(await page.content()).not.toContain(bot.token.split(":")[1]);
    } finally {
      await context.close();
    }
  });
});
