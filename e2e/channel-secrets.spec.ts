import { existsSync, readFileSync } from "node:fs";
import { fakeBotToken, startFakeBotApi } from "../testing/fake-telegram-bot-api";
import { TEST_CA_FILE } from "../testing/test-ca";
import { canaries, expectFree, record } from "./canary-helpers";
import { CHANNEL_PAGE_TABS, seedEachVariant, seedPrerequisites } from "./channel-helpers";
import { chooseVariant, fillBasic, label, next, openNewWizard, saveWizard, uniqueChannelName, uniquePhone } from "./channel-wizard-helpers";
import { dataFile, expect, newPage, signInAs, SUPPORT, test, TENANT_ADMIN } from "./fixtures";
import { approvePrefix } from "./trustlist-helpers";

// The Provider tab waits on the provider (OUTBOUND_TIMEOUT_MS a channel here); outbound-secrets.spec.ts puts canaries through it.
const TABS = CHANNEL_PAGE_TABS.filter((tab) => tab !== "?tab=provider");

/*
 * A canary in every secret field of every variant — typed into the wizard, and given to the seed
 * script — must appear in no page (HTML or RSC payload), no action or API answer, no download of
 * a channel's configuration, and no line of the server's log, for administrators and support staff.
 */

test("no page, answer, download or log line reveals a channel secret", async ({ browser, baseURL }) => {
  test.setTimeout(300_000);
  const tag = Date.now().toString(16);
  const seeded = canaries(tag);
  const bot = await startFakeBotApi();
  const botToken = fakeBotToken();
  bot.addBot("canary_bot", botToken);
  // The seed script checks the bot token with this fake: on 127.0.0.1, so approved, and over https with the tests' CA.
  process.env.TELEGRAM_API_BASE_URL = bot.baseUrl;
  process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
  const typed = { ...canaries(`${tag}t`) };
  const values: Record<string, string> = { ...seeded, botToken, ...Object.fromEntries(Object.entries(typed).map(([k, v]) => [`typed ${k}`, v])) };

  try {
    await approvePrefix(browser, baseURL, bot.prefix);
    const { channels, prerequisites } = await seedEachVariant({ ...seeded, botToken });
    expect(channels).toHaveLength(6);
    // The oAuth and Telegram channels hold the API app's secret as their password / App secret.
    values["API app secret"] = prerequisites.apiApp.appSecret;

    const admin = await newPage(browser, baseURL);
    const adminBodies = record(admin.page);
    await signInAs(admin.page, TENANT_ADMIN);

    // Typed through the browser too: the wizard's answers must not echo what was typed.
    const prereq = await seedPrerequisites();
    await openNewWizard(admin.page);
    await chooseVariant(admin.page, "infobip");
    await label(admin.page, "Phone number").fill(uniquePhone());
    await label(admin.page, "UserName").fill("canary_user");
    await label(admin.page, "Password").fill(typed.password);
    await label(admin.page, "BaseUrl").fill("https://seed.api.infobip.com/");
    await label(admin.page, "AccountKey").fill(typed.accountKey);
    await label(admin.page, "Webhook password").fill(typed.webhookPassword);
    await label(admin.page, "Trust certificate").selectOption(prereq.trustCertificateId);
    await next(admin.page, 2);
    await fillBasic(admin.page, prereq, { name: uniqueChannelName("canary") });
    await next(admin.page, 3);
    const typedId = await saveWizard(admin.page);

    const ids = [...channels.map((channel) => channel.id), typedId];
    for (const id of ids) {
      // Every tab of the channel page: each renders only its own part of the channel.
      for (const tab of TABS) {
        await admin.page.goto(`/channels/${id}${tab}`);
        await expect(admin.page.getByRole("heading", { level: 1 })).toBeVisible();
      }
      await admin.page.goto(`/channels/${id}/edit`);
      await expect(admin.page.getByTestId("wizard-step-1")).toBeVisible();
      await admin.page.goto(`/channels/${id}/integration`);
      await expect(admin.page.getByTestId("integration-url-" + (id === typedId ? "message" : channels.find((c) => c.id === id)!.webhookUrls[0]!.name))).toBeVisible();
      const download = await admin.page.request.get(`/api/channels/${id}/configuration`);
      expect(download.status()).toBe(200);
      expectFree(await download.text(), `the configuration download of ${id}`, values);
    }
    await admin.page.goto(`/channels?q=${tag}`);
    await admin.page.goto("/channels");
    await admin.page.goto("/settings/audit");

    const support = await newPage(browser, baseURL);
    const supportBodies = record(support.page);
    await signInAs(support.page, SUPPORT);
    for (const id of ids) {
      for (const tab of TABS) {
        await support.page.goto(`/channels/${id}${tab}`);
        await expect(support.page.getByRole("heading", { level: 1 })).toBeVisible();
      }
      const download = await support.page.request.get(`/api/channels/${id}/configuration`);
      expectFree(await download.text(), `support's configuration download of ${id}`, values);
    }

    const recorded = [...(await adminBodies()), ...(await supportBodies())];
    expect(recorded.some((entry) => entry.body.includes(channels[0]!.name)), "the recording should hold the channel pages").toBe(true);
    for (const { url, body } of recorded) expectFree(body, url, values);
    await admin.context.close();
    await support.context.close();

    const logFile = dataFile("console.log");
    expect(existsSync(logFile), "the server log file should exist").toBe(true);
    expectFree(readFileSync(logFile, "utf8"), "the server log", values);
  } finally {
    delete process.env.TELEGRAM_API_BASE_URL;
    delete process.env.OUTBOUND_EXTRA_CA_FILE;
    await bot.close();
  }
});
