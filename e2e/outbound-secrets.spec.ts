import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { startFakeInfobip, type FakeInfobip } from "../testing/fake-providers/infobip";
import { basicCredentials, type RecordedRequest } from "../testing/fake-providers/server";
import { startFakeTwilio } from "../testing/fake-providers/twilio";
import { readCsvRows } from "../testing/export-files";
import { fakeBotToken, startFakeBotApi } from "../testing/fake-telegram-bot-api";
import { TEST_CA_FILE } from "../testing/test-ca";
import { canaries, databaseRows, expectFree, record } from "./canary-helpers";
import { seedEachVariant, seedPrerequisites } from "./channel-helpers";
import { chooseVariant, fillBasic, label, next, openNewWizard, saveWizard, uniquePhone } from "./channel-wizard-helpers";
import { downloadFrom, expectTaskSucceeds, exportToolbar, startExport } from "./exports-helpers";
import { fillCloudApiStep, startFakeMetaFor, type MetaAccount } from "./fake-meta-helpers";
import { expect, newPage, signInAs, SUPPORT, SYSTEM_ADMIN, TENANT_ADMIN, test, waitForHydration } from "./fixtures";
import { checkConnection, sendTestMessage } from "./outbound-helpers";
import { startTelegramConsole } from "./provider-tools-helpers";
import { requestAndApprovePrefix } from "./trustlist-helpers";

/*
 * Issue 15's canary: the canary credentials of issue 4 are now USED. A console of its own (the
 * shared one calls the real Twilio and Bot API) points every provider at a fake on 127.0.0.1;
 * an administrator checks the connection of, and sends a test message on, a channel of every
 * variant, runs Meta's token check and subscribe, and Telegram's register and remove. Each fake
 * must have received its canary where the provider expects it; then no page, payload, log line,
 * database row (audit entries, stored checks, outbound messages, token status) or export holds
 * one — including after Meta echoed the token back in an error message.
 */

const root = path.join(import.meta.dirname, "..");
const NUMBER_ID = "106540352249901";
const WABA_ID = "102290129349901";
const APP_ID = "640000000009901";
const ACCOUNT_SID = `AC${"c4".repeat(16)}`;
const BSP_PATH = "/apiaccess/rest/ccmessaging";
const E164_RECIPIENT = "+4915112345678";
const TELEGRAM_CHAT = "424242";

const authOf = (request: RecordedRequest) => request.headers.authorization ?? "";

// A page that never finishes loading fails here, with a trace, instead of at the test timeout.
test.use({ navigationTimeout: 60_000, actionTimeout: 30_000 });

test("canary credentials travel through every outbound call and appear in no page, payload, log line, row or export", async ({ browser }) => {
  test.setTimeout(900_000);
  const tag = Date.now().toString(16);
  // Hex tag: the Meta app secret and Twilio auth token canaries must stay 32 hex characters.
  const c = canaries(`${tag}f`);
  const infobipPassword = `${c.password}ib`;
  const apiAppSecret = `CANARYapiAppSecret${tag}`;
  const botToken = fakeBotToken();
  const phones = { infobip: uniquePhone(), bsp: uniquePhone(), cloud: uniquePhone(), twilio: uniquePhone() };

  const metaAccount: MetaAccount = { appId: APP_ID, appSecret: c.appSecret, numberId: NUMBER_ID, wabaId: WABA_ID, token: c.accessToken };
  const meta = await startFakeMetaFor(metaAccount);
  const twilio = await startFakeTwilio({ accountSid: ACCOUNT_SID, authToken: c.authToken, senders: [phones.twilio] });
  const bots = await startFakeBotApi();
  bots.addBot(`cnry${tag}_bot`, botToken);
  let infobip: FakeInfobip | undefined;
  const console_ = await startTelegramConsole({
    telegramApiBaseUrl: bots.baseUrl,
    portOffset: 4,
    dataSuffix: "-outbound-canary",
    env: {
      META_GRAPH_BASE_URL: meta.graphBaseUrl,
      TWILIO_API_BASE_URL: twilio.origin,
      TWILIO_MESSAGING_BASE_URL: twilio.origin,
      CONSOLE_LOG_FILE: `${process.env.E2E_DATA_DIR ?? "data/e2e"}-outbound-canary/console.log`,
      // Every level is written, so the canary check covers what debug and trace would log too.
      LOG_LEVEL: "trace",
    },
  });

  try {
    const prereq = await console_.withSeedEnv(() => seedPrerequisites({ apiAppName: `Canary app ${tag}`, apiAppSecret }));
    infobip = await startFakeInfobip({
      apiKey: c.accountKey,
      basic: { user: "canary_bsp", password: c.password },
      oauth: { clientId: prereq.apiApp.appKey, clientSecret: prereq.apiApp.appSecret },
      senders: [phones.infobip, phones.bsp].map((phone) => phone.slice(1)),
      basePath: BSP_PATH,
    });

    const admin = await newPage(browser, console_.baseUrl);
    const adminBodies = record(admin.page);
    const sysadmin = await newPage(browser, console_.baseUrl);
    await Promise.all([signInAs(admin.page, TENANT_ADMIN), signInAs(sysadmin.page, SYSTEM_ADMIN)]);
    for (const prefix of [infobip.prefix, meta.prefix, twilio.prefix, bots.prefix]) await requestAndApprovePrefix(admin.page, sysadmin.page, prefix);
    await sysadmin.context.close();

    const telegram = await console_.withSeedEnv(async () => {
      // The seed script checks the bot token with getMe at the fake (https with the tests' CA).
      Object.assign(process.env, { TELEGRAM_API_BASE_URL: bots.baseUrl, OUTBOUND_EXTRA_CA_FILE: TEST_CA_FILE });
      try {
        const seeded = await seedEachVariant({ botToken }, { apiAppName: `Canary app ${tag}`, apiAppSecret });
        return seeded.channels.find((channel) => channel.variant === "telegram")!;
      } finally {
        delete process.env.TELEGRAM_API_BASE_URL;
        delete process.env.OUTBOUND_EXTRA_CA_FILE;
      }
    });

    // Typed in the wizard, pointing at the fakes.
    const page = admin.page;
    const create = async (name: string, fill: () => Promise<void>) => {
      await openNewWizard(page);
      await fill();
      await next(page, 2);
      await fillBasic(page, prereq, { name: `cnry${tag}_${name}` });
      await next(page, 3);
      return saveWizard(page);
    };
    const ids = {
      infobip: await create("infobip", async () => {
        await chooseVariant(page, "infobip");
        await label(page, "Phone number").fill(phones.infobip);
        await label(page, "UserName").fill("canary_infobip");
        await label(page, "Password").fill(infobipPassword);
        await label(page, "BaseUrl").fill(`${infobip!.origin}/`);
        await label(page, "AccountKey").fill(c.accountKey);
        await label(page, "Webhook password").fill(c.webhookPassword);
        await label(page, "Trust certificate").selectOption(prereq.trustCertificateId);
      }),
      bsp: await create("bsp", async () => {
        await chooseVariant(page, "other-basic");
        await label(page, "Phone number").fill(phones.bsp);
        await label(page, "UserName").fill("canary_bsp");
        await label(page, "Password").fill(c.password);
        await label(page, "BaseUrl").fill(`${infobip!.origin}/`);
        await label(page, "Authentication key").fill(c.authenticationKey);
        await label(page, "Webhook password").fill(`${c.webhookPassword}bsp`);
        await label(page, "Trust certificate").selectOption(prereq.trustCertificateId);
        await label(page, "Identity certificate").selectOption(prereq.identityCertificateId);
      }),
      oauth: await create("oauth", async () => {
        await chooseVariant(page, "other-oAuth");
        await label(page, "UserName").fill(prereq.apiApp.appKey);
        await label(page, "Password").fill(prereq.apiApp.appSecret);
        await label(page, "BaseUrl").fill(`${infobip!.origin}${BSP_PATH}`);
        await label(page, "Webhook password").fill(`${c.webhookPassword}oa`);
        await label(page, "Trust certificate").selectOption(prereq.trustCertificateId);
      }),
      cloud: await create("cloud", async () => {
        await fillCloudApiStep(page, meta, metaAccount, phones.cloud, prereq.trustCertificateId);
      }),
      twilio: await create("twilio", async () => {
        await chooseVariant(page, "twilio");
        await label(page, "Phone number").fill(phones.twilio);
        await label(page, "Confirmation phone number").fill(uniquePhone());
        await label(page, "Account SID").fill(ACCOUNT_SID);
        await label(page, "Auth Token").fill(c.authToken);
        await label(page, "Chat language").selectOption("de");
      }),
      telegram: telegram.id,
    };

    // Every channel: a check (the credentials accepted) and a test message the provider accepted.
    for (const [variant, id] of Object.entries(ids)) {
      await checkConnection(page, id);
      await expect(page.getByTestId("check-step-credentials"), `${variant}: credentials step`).toHaveAttribute("data-outcome", "passed");
      if (variant === "telegram") await sendTestMessage(page, id, TELEGRAM_CHAT, "Accepted", "Chat id");
      else await sendTestMessage(page, id, E164_RECIPIENT, "Accepted");
    }

    // Meta's tools: subscribe the WABA, check the token (debug_token with the app secret).
    await page.goto(`/channels/${ids.cloud}?tab=provider`);
    const section = page.getByTestId("provider-section");
    const subscribe = section.getByRole("button", { name: "Subscribe", exact: true });
    await waitForHydration(subscribe);
    await subscribe.click();
    await expect(section.getByTestId("meta-subscription-state")).toContainText("Subscribed: Meta sends", { timeout: 30_000 });
    await section.getByRole("button", { name: "Check token", exact: true }).click();
    await expect(section.getByTestId("meta-token-validity")).toHaveText("Valid", { timeout: 30_000 });

    // Telegram's webhook: register, then remove.
    await page.goto(`/channels/${ids.telegram}?tab=integration`);
    const register = page.getByRole("button", { name: "Register webhook", exact: true });
    await waitForHydration(register);
    await register.click();
    await expect(page.getByText(/Webhook registered: Telegram now delivers/)).toBeVisible({ timeout: 30_000 });
    expect(bots.webhookOf(botToken)).not.toBeNull();
    await page.goto(`/channels/${ids.telegram}?tab=provider`);
    await waitForHydration(page.getByRole("button", { name: "Remove webhook", exact: true }));
    page.once("dialog", (dialog) => void dialog.accept());
    await page.getByRole("button", { name: "Remove webhook", exact: true }).click();
    await expect(page.getByText("Webhook removed.")).toBeVisible({ timeout: 30_000 });
    expect(bots.webhookOf(botToken)).toBeNull();

    // Meta echoes the (now revoked) token in its error: what the console stores and shows is cut.
    meta.revoke(c.accessToken);
    await checkConnection(page, ids.cloud);
    const credentials = page.getByTestId("check-step-credentials");
    await expect(credentials).toHaveAttribute("data-outcome", "failed");
    await expect(credentials).toContainText("Provider code 190");
    await expect(credentials).toContainText("has been invalidated");
    await sendTestMessage(page, ids.cloud, "+4915199999999", "Failed");

    // The canaries TRAVELLED, each where its provider expects it.
    const ibRequests = infobip.requests;
    expect(ibRequests.filter((r) => authOf(r) === `App ${c.accountKey}`).map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining(["GET /whatsapp/1/senders/quality", "POST /whatsapp/1/message/text"]),
    );
    expect(ibRequests.some((r) => basicCredentials(authOf(r))?.user === "canary_bsp" && basicCredentials(authOf(r))?.password === c.password && r.path.endsWith("/whatsapp/1/message/text"))).toBe(true);
    const tokenRequests = ibRequests.filter((r) => r.path.endsWith("/oauth/token"));
    expect(tokenRequests.length, "the oAuth channel asked for a token").toBeGreaterThan(0);
    expect(
      tokenRequests.every((r) => basicCredentials(authOf(r))?.password === prereq.apiApp.appSecret || new URLSearchParams(r.body).get("client_secret") === prereq.apiApp.appSecret),
    ).toBe(true);
    expect(ibRequests.some((r) => infobip!.issuedTokens.some((t) => authOf(r) === `Bearer ${t}`) && r.path.endsWith("/whatsapp/1/message/text"))).toBe(true);
    const metaBearer = meta.requests.filter((r) => authOf(r) === `Bearer ${c.accessToken}`).map((r) => `${r.method} ${r.path}`);
    expect(metaBearer).toEqual(
      expect.arrayContaining([`GET /v21.0/${NUMBER_ID}`, `POST /v21.0/${NUMBER_ID}/messages`, `POST /v21.0/${WABA_ID}/subscribed_apps`]),
    );
    expect(meta.requests.some((r) => r.path.endsWith("/debug_token") && r.query.get("access_token") === `${APP_ID}|${c.appSecret}` && r.query.get("input_token") === c.accessToken)).toBe(true);
    const twilioCalls = twilio.requests.filter((r) => basicCredentials(authOf(r))?.user === ACCOUNT_SID && basicCredentials(authOf(r))?.password === c.authToken);
    expect(twilioCalls.map((r) => `${r.method} ${r.path}`)).toEqual(expect.arrayContaining([`POST /2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`]));
    expect(twilioCalls.some((r) => r.method === "GET")).toBe(true);
    const botMethods = new Set(bots.calls.filter((call) => call.token === botToken).map((call) => call.method));
    for (const method of ["getMe", "sendMessage", "setWebhook", "deleteWebhook", "getWebhookInfo"]) expect(botMethods.has(method), `Telegram ${method} with the bot token in its path`).toBe(true);

    // …and appear NOWHERE else.
    const values: Record<string, string> = {
      ...c,
      "infobip password": infobipPassword,
      "bsp webhook password": `${c.webhookPassword}bsp`,
      "oAuth webhook password": `${c.webhookPassword}oa`,
      "API app secret": prereq.apiApp.appSecret,
      botToken,
      "bot token secret half": botToken.split(":")[1]!,
      ...Object.fromEntries(infobip.issuedTokens.map((t, i) => [`issued oAuth token ${i}`, t])),
    };

    await page.goto("/settings/audit");
    await page.goto("/channels");
    const toolbar = exportToolbar(page);
    const scope = await toolbar.getByTestId("export-scope").innerText();
    const count = Number(/\((\d+)\)/.exec(scope)?.[1]);
    expect(count).toBeGreaterThanOrEqual(6);
    const taskId = await startExport(page, "CSV", count);
    await page.goto(`/exports#task-${taskId}`);
    const file = await downloadFrom(page, await expectTaskSucceeds(page, taskId));
    const csv = file.bytes.toString("utf8");
    expect(readCsvRows(file.bytes).flat().join("\n")).toContain(`cnry${tag}_cloud`);
    expectFree(csv, "the CSV export", values);

    const support = await newPage(browser, console_.baseUrl);
    const supportBodies = record(support.page);
    await signInAs(support.page, SUPPORT);
    for (const id of Object.values(ids)) {
      await support.page.goto(`/channels/${id}?tab=integration`);
      await expect(support.page.getByTestId("connection-check-outcome")).toBeVisible();
    }
    await support.page.goto("/channels");

    const recorded = [...(await adminBodies()), ...(await supportBodies())];
    expect(recorded.some((entry) => entry.body.includes("has been invalidated")), "the recording holds Meta's echoed error").toBe(true);
    expect(recorded.some((entry) => /(<|&lt;|\\u003c)redacted/.test(entry.body)), "the token was cut, not the message dropped").toBe(true);
    for (const { url, body } of recorded) expectFree(body, url, values);
    await admin.context.close();
    await support.context.close();

    const rows = await databaseRows(console_.dataDir, console_.pgPort);
    expect(rows.some((row) => row.table === "public.audit_log"), "the audit log has entries").toBe(true);
    for (const table of ["public.channel_connection_checks", "public.outbound_messages", "public.channel_token_status"]) {
      expect(rows.some((row) => row.table === table), `${table} has rows`).toBe(true);
    }
    expect(rows.some((row) => row.table === "public.channel_connection_checks" && row.text.includes("has been invalidated") && row.text.includes("<redacted>"))).toBe(true);
    expect(rows.some((row) => row.table === "public.outbound_messages" && row.text.includes("<redacted>"))).toBe(true);
    for (const row of rows) expectFree(row.text, `a row of ${row.table}`, values);

    const logFile = path.join(root, console_.dataDir, "console.log");
    expect(existsSync(logFile), "the server log file should exist").toBe(true);
    const log = readFileSync(logFile, "utf8");
    expectFree(log, "the server log", values);
    // Structured lines (lib/log), one per route handler answer with its request id.
    expect(log, "route handler lines with their request id").toMatch(/"reqId":"[^"]+","method":"GET","route":"\/api\/exports\/:id\/download"/);
    // The workers (sends, exports) log from the start script, not the web processes: not in the file above.
    expect(console_.output(), "the start script's own lines are in the output").toContain("[start] embedded PostgreSQL");
    // The send and export jobs' lines, down to debug (LOG_LEVEL above).
    expect(console_.output(), "the workers' debug lines are in the output").toMatch(/"level":"debug"[^\n]*Completed task [^\n]*outbound-send/);
    expectFree(console_.output(), "the console's output", values);
  } finally {
    await console_.stop();
    await Promise.all([meta.close(), twilio.close(), bots.close(), infobip?.close()]);
  }
});
