import { randomBytes } from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { startFakeBotApi, type FakeBotApi } from "../testing/fake-telegram-bot-api";
import { pathOf, seedEachVariantWithBotApi, type SeededChannel, type SeedSecrets } from "./channel-integration-helpers";
import { MESSAGES, signInAs, SUPPORT, TENANT_ADMIN, uniqueSuffix, waitForHydration } from "./fixtures";
import { approvePrefix } from "./trustlist-helpers";

/*
 * Step 4 of the wizard (Channel Integration) and the channel page, for channels of every variant
 * saved by the seed script through the wizard's own save action.
 */

test.describe.configure({ mode: "serial" });

const hex32 = () => randomBytes(16).toString("hex");
const SECRETS = {
  webhookPassword: `canary-webhook-${uniqueSuffix()}`,
  password: `canary-password-${uniqueSuffix()}`,
  accountKey: `canary-account-key-${uniqueSuffix()}`,
  authenticationKey: `canary-auth-key-${uniqueSuffix()}`,
  appSecret: hex32(),
  accessToken: `canary-access-token-${uniqueSuffix()}`,
  authToken: hex32(),
} satisfies SeedSecrets;

let fake: FakeBotApi;
let botToken: string;
let channels: Record<SeededChannel["variant"], SeededChannel>;

test.beforeAll(async ({ browser, baseURL }) => {
  fake = await startFakeBotApi();
  // The fake is on 127.0.0.1: the seed's bot-token check reaches it only once its prefix is approved.
  await approvePrefix(browser, baseURL, fake.prefix);
  botToken = fake.addBot(`e2e_${uniqueSuffix()}_bot`).token;
  const seeded = await seedEachVariantWithBotApi({ ...SECRETS, botToken }, fake.baseUrl);
  channels = Object.fromEntries(seeded.map((channel) => [channel.variant, channel])) as typeof channels;
});
test.afterAll(() => fake.close());

const URL_LABELS: Record<SeededChannel["variant"], string[]> = {
  infobip: ["URL used to send message to agent", "URL used to send report to agent"],
  "other-basic": ["URL used to send message to agent", "URL used to send report to agent"],
  "other-oAuth": ["URL used to send message to agent", "URL used to send report to agent"],
  "cloud-api": ["Callback URL"],
  twilio: ["Webhook URL for incoming messages", "Status callback URL"],
  telegram: ["URL used to send message to agent"],
};

async function expectIntegrationValues(page: Page, channel: SeededChannel) {
  for (const [index, url] of channel.webhookUrls.entries()) {
    const value = page.getByTestId(`integration-url-${url.name}`);
    await expect(value).toHaveText(new RegExp(`${pathOf(url.url)}$`));
    await expect(page.getByTestId("channel-integration").getByText(URL_LABELS[channel.variant][index]!, { exact: true })).toBeVisible();
  }
  const token = channel.verifyToken ?? channel.secretToken;
  if (token) await expect(page.getByTestId("integration-token")).toHaveText(token);
  else await expect(page.getByTestId("integration-token")).toHaveCount(0);
  if (channel.variant === "cloud-api") await expect(page.getByTestId("scenario-key")).toHaveCount(0);
  else await expect(page.getByTestId("scenario-key")).toHaveText("NO");
}

test("an administrator sees each provider's integration values on step 4", async ({ page }) => {
  await signInAs(page, TENANT_ADMIN);
  for (const channel of Object.values(channels)) {
    await page.goto(`/channels/${channel.id}/integration`);
    await expect(page.getByText("Step 4 of 4 · Channel Integration")).toBeVisible();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Channel Integration: ${channel.name}`);
    await expectIntegrationValues(page, channel);
  }
});

test("copy buttons put the value on the clipboard and say so", async ({ page, context }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signInAs(page, TENANT_ADMIN);
  const channel = channels["cloud-api"];
  await page.goto(`/channels/${channel.id}/integration`);
  const copy = page.getByRole("button", { name: "Copy Verification Code (verify token)", exact: true });
  await waitForHydration(copy);
  await copy.click();
  await expect(page.getByText("Copied", { exact: true })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(channel.verifyToken);
});

test("the scenario key: Generate, then Regenerate only after confirming", async ({ page }) => {
  await signInAs(page, TENANT_ADMIN);
  const channel = channels.twilio;
  await page.goto(`/channels/${channel.id}/integration`);
  const key = page.getByTestId("scenario-key");
  await expect(key).toHaveText("NO");
  const generate = page.getByRole("button", { name: "Generate", exact: true });
  await waitForHydration(generate);
  await generate.click();
  await expect(key).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  const first = await key.textContent();

  await page.getByRole("button", { name: "Regenerate", exact: true }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText("The current key stops working at once");
  await dialog.getByRole("button", { name: "Cancel", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  await expect(key).toHaveText(first!);

  await page.getByRole("button", { name: "Regenerate", exact: true }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Yes, regenerate", exact: true }).click();
  await expect(page.getByText("New scenario key generated; the old one no longer works.", { exact: false })).toBeVisible();
  await expect(key).toHaveText(/^[A-Za-z0-9_-]{43}$/);
  await expect(key).not.toHaveText(first!);

  await page.getByRole("link", { name: "Done", exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`/channels/${channel.id}$`));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(channel.name);
});

test("telegram: the exact setWebhook request, and Register webhook explains a refusal", async ({ page }) => {
  await signInAs(page, TENANT_ADMIN);
  const channel = channels.telegram;
  await page.goto(`/channels/${channel.id}/integration`);
  const request = page.getByTestId("telegram-set-webhook-request");
  await expect(request).toContainText("POST https://api.telegram.org/bot<bot-token>/setWebhook");
  await expect(request).toContainText(`"secret_token":"${channel.secretToken}"`);
  await expect(request).toContainText(pathOf(channel.webhookUrls[0]!.url));

  // The e2e server has no https public address, so the console refuses before calling Telegram.
  const register = page.getByRole("button", { name: "Register webhook", exact: true });
  await waitForHydration(register);
  await register.click();
  await expect(page.getByRole("alert").filter({ hasText: "Telegram delivers only to https addresses" })).toBeVisible();
  expect(await page.content()).not.toContain(botToken.split(":")[1]);
});

test("the channel page shows the configuration with names and masked secrets", async ({ page }) => {
  await signInAs(page, TENANT_ADMIN);
  const channel = channels.infobip;
  const response = await page.goto(`/channels/${channel.id}?tab=configuration`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(channel.name);
  await expect(page.getByTestId("channel-status")).toHaveText("Enabled");
  await expect(page.getByText("Seed OU", { exact: true })).toBeVisible();
  await expect(page.getByText("Seed trust certificate", { exact: true })).toBeVisible();
  // Passwords never show a tail; generated keys of 20 characters or more show their last four.
  await expect(page.getByTestId("secret-mask-password")).toHaveText("Set");
  await expect(page.getByTestId("secret-mask-webhookPassword")).toHaveText("Set");
  await expect(page.getByTestId("secret-mask-accountKey")).toHaveText(`••••${SECRETS.accountKey.slice(-4)}`);
  expect(await page.content()).not.toContain(SECRETS.password.slice(-4));
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveAttribute("href", `/channels/${channel.id}/edit`);
  const download = page.getByRole("link", { name: "Download configuration", exact: true });
  await expect(download).toHaveAttribute("href", `/api/channels/${channel.id}/configuration`);
  const configuration = (await response!.text()) + (await page.content());
  const integration = await page.goto(`/channels/${channel.id}?tab=integration`);
  await expectIntegrationValues(page, channel);
  const document = await page.request.get(`/api/channels/${channel.id}/configuration`);
  expect(document.status()).toBe(200);
  const everything = configuration + (await integration!.text()) + (await page.content()) + (await document.text());
  for (const secret of Object.values(SECRETS)) expect(everything).not.toContain(secret);
});

test("support staff read channels without tokens, keys or edit controls", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInAs(page, SUPPORT);

  const cloud = channels["cloud-api"];
  await page.goto(`/channels/${cloud.id}?tab=integration`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(cloud.name);
  await expect(page.getByRole("link", { name: "Edit", exact: true })).toHaveCount(0);
  await expect(page.getByTestId("integration-token")).toHaveText("••••");
  await expect(page.getByRole("button", { name: /^Copy Verification Code/ })).toHaveCount(0);
  expect(await page.content()).not.toContain(cloud.verifyToken!);

  // The twilio channel got a scenario key from the administrator above.
  const twilio = channels.twilio;
  await page.goto(`/channels/${twilio.id}/integration`);
  await expect(page.getByTestId("scenario-key")).toHaveText("••••");
  await expect(page.getByRole("button", { name: /Generate|Regenerate/ })).toHaveCount(0);

  const telegram = channels.telegram;
  await page.goto(`/channels/${telegram.id}/integration`);
  await expect(page.getByRole("button", { name: "Register webhook" })).toHaveCount(0);
  await expect(page.getByTestId("telegram-set-webhook-request")).toContainText('"secret_token":"<secret-token>"');
  expect(await page.content()).not.toContain(telegram.secretToken!);
  await context.close();
});

test("a malformed or unknown channel id is not found", async ({ page }) => {
  await signInAs(page, TENANT_ADMIN);
  for (const path of ["/channels/not-a-uuid", "/channels/00000000-0000-4000-8000-000000000000/integration"]) {
    await page.goto(path);
    await expect(page.getByRole("heading", { name: MESSAGES.notFoundTitle })).toBeVisible();
  }
});
