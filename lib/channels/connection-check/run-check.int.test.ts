import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { setWebhook } from "@/lib/telegram/bot-api";
import { startFakeInfobip, type FakeInfobip } from "@/testing/fake-providers/infobip";
import { startFakeMeta, type FakeMeta, type FakeMetaOptions } from "@/testing/fake-providers/meta";
import { OTHER_TRUST_CA, TEST_CLIENT_CERT, TEST_TIMEOUT_MS, TEST_TRUST_CA, expectNoSecret, openProviderTestbed, type ProviderTestbed } from "@/testing/fake-providers/testbed";
import { startFakeTwilio, type FakeTwilio } from "@/testing/fake-providers/twilio";
import { startFakeBotApi, type FakeBotApi } from "@/testing/fake-telegram-bot-api";
import { runConnectionCheck, type CheckResult } from "./run-check";
import type { CheckTarget } from "./target";

/*
 * The whole check against the fake providers over real HTTPS on 127.0.0.1, through the connector
 * and the trustlist in PostgreSQL: every provider green, then each way it can fail, at its step.
 */

const TOKEN = `EAAcanary${Date.now()}ZZmetaZZ`;
const NUMBER_ID = "106540352242922";
const WABA_ID = "102290129340398";
const APP_ID = "640000000000001";
const SID = `AC${"c".repeat(32)}`;
const AUTH_TOKEN = `twcanary${"d".repeat(24)}`;
const SENDER = "+15550783881";
const API_KEY = `ibcanary-${Date.now()}-key`;
const BSP_SECRET = `bspcanary-${Date.now()}-secret`;
const HOOK = "https://console.example/api/webhooks/x/key";

let testbed: ProviderTestbed;
let meta: FakeMeta;
let metaMtls: FakeMeta;
let metaUnapproved: FakeMeta;
let twilio: FakeTwilio;
let telegram: FakeBotApi;
let infobip: FakeInfobip;
let infobipMtls: FakeInfobip;

const metaOptions: FakeMetaOptions = {
  tokens: { [TOKEN]: [NUMBER_ID] },
  wabas: { [WABA_ID]: [TOKEN] },
  tokenInfo: { [TOKEN]: { appId: APP_ID, expiresAt: 0, scopes: ["whatsapp_business_messaging"] } },
};
const infobipOptions = { apiKey: API_KEY, basic: { user: "bsp", password: BSP_SECRET }, oauth: { clientId: "bsp", clientSecret: BSP_SECRET }, senders: ["15550783881"] };

beforeAll(async () => {
  testbed = await openProviderTestbed();
  [meta, metaMtls, metaUnapproved, twilio, telegram, infobip, infobipMtls] = await Promise.all([
    startFakeMeta(metaOptions),
    startFakeMeta({ ...metaOptions, requireClientCert: true }),
    startFakeMeta(metaOptions),
    startFakeTwilio({ accountSid: SID, authToken: AUTH_TOKEN, senders: [SENDER], senderWebhooks: { [SENDER]: { callbackUrl: HOOK } } }),
    startFakeBotApi(),
    startFakeInfobip(infobipOptions),
    startFakeInfobip({ ...infobipOptions, requireClientCert: true }),
  ]);
  for (const fake of [meta, metaMtls, twilio, infobip, infobipMtls]) await testbed.approve(fake.prefix);
  await testbed.approve(telegram.prefix);
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  [meta, metaMtls, metaUnapproved, twilio, infobip, infobipMtls].forEach((fake) => fake.reset());
  telegram.reset();
});
afterAll(async () => {
  await Promise.all([meta, metaMtls, metaUnapproved, twilio, infobip, infobipMtls].map((fake) => fake.close()));
  await telegram.close();
  await testbed.close();
});

const context = () => ({ scope: testbed.scope(), timeoutMs: TEST_TIMEOUT_MS });
const tls = { trustCaPem: TEST_TRUST_CA };

function cloudApi(overrides: { graphBaseUrl?: string; accessToken?: string; trustCaPem?: string; clientCert?: typeof TEST_CLIENT_CERT } = {}): CheckTarget {
  const graphBaseUrl = overrides.graphBaseUrl ?? meta.graphBaseUrl;
  const channelTls = { trustCaPem: overrides.trustCaPem ?? TEST_TRUST_CA, ...(overrides.clientCert ? { clientCert: overrides.clientCert } : {}) };
  return {
    variant: "cloud-api",
    apiBaseUrl: graphBaseUrl,
    tls: channelTls,
    webhookUrl: HOOK,
    settings: { accessToken: overrides.accessToken ?? TOKEN, phoneNumberId: NUMBER_ID, graphBaseUrl, ...channelTls },
    appId: APP_ID,
    wabaId: WABA_ID,
    phoneNumber: SENDER,
  };
}

const outcomes = (result: CheckResult) => Object.fromEntries(result.steps.map((step) => [step.step, step.outcome]));
const stepOf = (result: CheckResult, name: string) => result.steps.find((step) => step.step === name)!;
const ALL_PASSED = { address: "passed", tcp: "passed", tls: "passed", credentials: "passed", identity: "passed", webhook: "passed" };
const SECRETS = [TOKEN, AUTH_TOKEN, API_KEY, BSP_SECRET];

async function check(target: CheckTarget): Promise<CheckResult> {
  const result = await runConnectionCheck(target, context());
  expectNoSecret(result, SECRETS);
  return result;
}

describe("Meta Cloud API", () => {
  it("passes every step when the token reads the number and the WABA is subscribed to the app; nothing is sent", async () => {
    meta.admin.subscriptions.set(WABA_ID, new Set([APP_ID]));
    const result = await check(cloudApi());
    expect(result.outcome).toBe("passed");
    expect(outcomes(result)).toEqual(ALL_PASSED);
    expect(stepOf(result, "identity").details).toMatchObject({ verifiedName: "Acme Support" });
    expect(meta.messages).toHaveLength(0);
  });

  it("fails the webhook step when the WABA is not subscribed to the app", async () => {
    meta.admin.subscriptions.set(WABA_ID, new Set(["999"]));
    const result = await check(cloudApi());
    expect(result.outcome).toBe("failed");
    expect(stepOf(result, "webhook")).toMatchObject({ outcome: "failed", adviceKey: "connectionCheck.advice.webhook.metaNotSubscribed" });
  });

  it("fails the credentials step with Meta's code and message for a wrong token, and skips the rest", async () => {
    const result = await check(cloudApi({ accessToken: `${TOKEN}x` }));
    expect(stepOf(result, "credentials")).toMatchObject({ outcome: "failed", providerCode: "190", message: "Invalid OAuth access token - Cannot parse access token" });
    expect(stepOf(result, "identity").outcome).toBe("skipped");
    expect(stepOf(result, "webhook").outcome).toBe("skipped");
  });

  it("fails the TLS step for a trust certificate the server chain does not verify against", async () => {
    const result = await check(cloudApi({ trustCaPem: OTHER_TRUST_CA }));
    expect(outcomes(result)).toMatchObject({ address: "passed", tcp: "passed", tls: "failed", credentials: "skipped" });
    expect(stepOf(result, "tls").adviceKey).toBe("connectionCheck.advice.tls.serverCertificate");
    expect(meta.requests).toHaveLength(0);
  });

  it("fails the TLS step without the client certificate the server demands, and passes with it", async () => {
    const without = await check(cloudApi({ graphBaseUrl: metaMtls.graphBaseUrl }));
    expect(stepOf(without, "tls")).toMatchObject({ outcome: "failed", adviceKey: "connectionCheck.advice.tls.clientCertificateMissing" });
    metaMtls.admin.subscriptions.set(WABA_ID, new Set([APP_ID]));
    const withCert = await check(cloudApi({ graphBaseUrl: metaMtls.graphBaseUrl, clientCert: TEST_CLIENT_CERT }));
    expect(outcomes(withCert)).toEqual(ALL_PASSED);
    expect(stepOf(withCert, "tls").details).toMatchObject({ clientCertificate: "presented" });
  });

  it("fails the address step for a Graph base off the trustlist: the fake saw no connection", async () => {
    const result = await check(cloudApi({ graphBaseUrl: metaUnapproved.graphBaseUrl }));
    expect(outcomes(result)).toMatchObject({ address: "failed", tcp: "skipped", tls: "skipped", credentials: "skipped" });
    expect(metaUnapproved.connections).toBe(0);
  });
});

describe("Twilio", () => {
  const target = (authToken = AUTH_TOKEN): CheckTarget => ({
    variant: "twilio",
    apiBaseUrl: twilio.origin,
    tls,
    webhookUrl: HOOK,
    settings: { accountSid: SID, authToken, from: SENDER, apiBaseUrl: twilio.origin, ...tls },
    messagingBaseUrl: twilio.origin,
  });

  it("passes every step when the sender's webhook is this channel's URL", async () => {
    const result = await check(target());
    expect(outcomes(result)).toEqual(ALL_PASSED);
    expect(stepOf(result, "identity").details).toMatchObject({ sender: `whatsapp:${SENDER}`, status: "ONLINE" });
  });

  it("fails the webhook step when the sender calls another URL", async () => {
    const result = await check({ ...target(), webhookUrl: "https://console.example/api/webhooks/twilio/other/message" });
    expect(stepOf(result, "webhook")).toMatchObject({ outcome: "failed", details: { url: HOOK }, adviceKey: "connectionCheck.advice.webhook.otherUrl" });
  });

  it("fails the credentials step with Twilio's 20003 for a wrong Auth Token", async () => {
    const result = await check(target(`${AUTH_TOKEN}x`));
    expect(stepOf(result, "credentials")).toMatchObject({ outcome: "failed", providerCode: "20003" });
  });
});

describe("Telegram", () => {
  const target = (botToken: string): CheckTarget => ({
    variant: "telegram",
    apiBaseUrl: telegram.baseUrl,
    tls,
    webhookUrl: HOOK,
    settings: { botToken, apiBaseUrl: telegram.baseUrl, ...tls },
  });

  it("passes when getWebhookInfo names this channel's URL, fails when it names none", async () => {
    const bot = telegram.addBot("acme_support_bot");
    const unset = await check(target(bot.token));
    expect(stepOf(unset, "identity")).toMatchObject({ outcome: "passed", details: { bot: "@acme_support_bot" } });
    expect(stepOf(unset, "webhook")).toMatchObject({ outcome: "failed", adviceKey: "connectionCheck.advice.webhook.noUrl" });
    await setWebhook(bot.token, { url: HOOK, secretToken: "s3cr3t", allowedUpdates: ["message"] }, { scope: testbed.scope(), baseUrl: telegram.baseUrl, ca: TEST_TRUST_CA });
    expect(outcomes(await check(target(bot.token)))).toEqual(ALL_PASSED);
  });

  it("fails the credentials step with Telegram's 401 for an unknown bot token", async () => {
    const result = await check(target("123456:AAunknownTokenunknownTokenunknown1"));
    expect(stepOf(result, "credentials")).toMatchObject({ outcome: "failed", providerCode: "401", adviceKey: "connectionCheck.advice.credentials.refused" });
  });
});

describe("Infobip and the customer-built BSP", () => {
  const infobipTarget = (apiKey = API_KEY, base = infobip.origin, clientCert?: typeof TEST_CLIENT_CERT): CheckTarget => {
    const channelTls = { ...tls, ...(clientCert ? { clientCert } : {}) };
    return { variant: "infobip", apiBaseUrl: base, tls: channelTls, webhookUrl: HOOK, settings: { baseUrl: base, apiKey, sender: SENDER, ...channelTls } };
  };

  it("passes credentials and sender, and says the webhook cannot be read (skipped, with a sentence)", async () => {
    const result = await check(infobipTarget());
    expect(result.outcome).toBe("passed");
    expect(outcomes(result)).toEqual({ ...ALL_PASSED, webhook: "skipped" });
    expect(stepOf(result, "webhook").adviceKey).toBe("connectionCheck.advice.webhook.noApi");
  });

  it("fails the credentials step for a wrong API key with Infobip's own code", async () => {
    const result = await check(infobipTarget("wrong-key"));
    expect(stepOf(result, "credentials")).toMatchObject({ outcome: "failed" });
    expect(stepOf(result, "credentials").providerCode).toBeTruthy();
  });

  it("needs the identity certificate where the BSP demands one", async () => {
    expect(stepOf(await check(infobipTarget(API_KEY, infobipMtls.origin)), "tls").outcome).toBe("failed");
    expect(outcomes(await check(infobipTarget(API_KEY, infobipMtls.origin, TEST_CLIENT_CERT)))).toMatchObject({ tls: "passed", credentials: "passed" });
  });

  it("checks a basic BSP's sender and an oAuth BSP's token grant", async () => {
    const basic: CheckTarget = {
      variant: "other-basic",
      apiBaseUrl: infobip.origin,
      tls,
      webhookUrl: HOOK,
      settings: { baseUrl: infobip.origin, auth: { kind: "basic", userName: "bsp", password: BSP_SECRET }, sender: SENDER, ...tls },
      hasSender: true,
    };
    expect(outcomes(await check(basic))).toEqual({ ...ALL_PASSED, webhook: "skipped" });
    const oauth: CheckTarget = {
      ...basic,
      variant: "other-oAuth",
      settings: { baseUrl: infobip.origin, auth: { kind: "oauth", clientId: "bsp", clientSecret: `${BSP_SECRET}x` }, sender: "", ...tls },
      hasSender: false,
    };
    expect(stepOf(await check(oauth), "credentials").outcome).toBe("failed");
  });
});
