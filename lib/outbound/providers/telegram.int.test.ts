import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { fakeBotToken, startFakeBotApi, type FakeBotApi } from "@/testing/fake-telegram-bot-api";
import { failureOf, openProviderTestbed, OTHER_TRUST_CA, TEST_TIMEOUT_MS, TEST_TRUST_CA, valueOf, type ProviderTestbed } from "@/testing/fake-providers/testbed";
import { probeTelegram, sendTelegramText, type TelegramSettings } from "./telegram";

/*
 * Telegram through the existing Bot API client and its fake (testing/fake-telegram-bot-api.ts),
 * over real HTTPS on 127.0.0.1 with the channel's trust certificate, through the guarded connector
 * and the trustlist in PostgreSQL. The bot token is a canary. (That fake cannot demand a client
 * certificate; mutual TLS is covered by the other providers' fakes over the same connector.)
 */

let testbed: ProviderTestbed;
let fake: FakeBotApi;
let unapproved: FakeBotApi;
let token: string;

beforeAll(async () => {
  testbed = await openProviderTestbed();
  [fake, unapproved] = await Promise.all([startFakeBotApi(), startFakeBotApi()]);
  await testbed.approve(fake.prefix);
  token = fake.addBot("acme_support_bot").token;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  fake.reset();
  unapproved.reset();
});
afterAll(async () => {
  await Promise.all([fake.close(), unapproved.close()]);
  await testbed.close();
});

const settings = (overrides: Partial<TelegramSettings> = {}): TelegramSettings => ({ botToken: token, apiBaseUrl: fake.baseUrl, trustCaPem: TEST_TRUST_CA, ...overrides });
const context = () => ({ scope: testbed.scope(), timeoutMs: TEST_TIMEOUT_MS });
const secrets = () => [token, token.slice(token.indexOf(":") + 1)];

describe("probe (getMe)", () => {
  it("answers the bot", async () => {
    expect(valueOf(await probeTelegram(settings(), context()), secrets())).toMatchObject({ is_bot: true, username: "acme_support_bot" });
  });

  it("answers unauthorized for a token Telegram does not know", async () => {
    const failure = failureOf(await probeTelegram(settings({ botToken: fakeBotToken() }), context()), secrets());
    expect(failure).toMatchObject({ kind: "unauthorized", retryable: false, code: "401" });
  });

  it("cannot connect with another CA as the trust certificate; nothing reached the fake", async () => {
    expect(failureOf(await probeTelegram(settings({ trustCaPem: OTHER_TRUST_CA }), context()), secrets()).kind).toBe("connect");
    expect(fake.calls).toHaveLength(0);
  });

  it("refuses an API base not on the trustlist before connecting", async () => {
    expect(failureOf(await probeTelegram(settings({ apiBaseUrl: unapproved.baseUrl }), context()), secrets()).kind).toBe("connect");
    expect(unapproved.calls).toHaveLength(0);
  });
});

describe("sendText", () => {
  it("answers Telegram's message id", async () => {
    const sent = valueOf(await sendTelegramText(settings(), "4242", "hello", context()), secrets());
    expect(fake.sentMessages).toEqual([expect.objectContaining({ chatId: "4242", text: "hello", messageId: Number(sent.messageId) })]);
  });

  it("classifies flood control (429) as retryable with retry_after's seconds", async () => {
    fake.queueReply("sendMessage", {
      status: 429,
      body: JSON.stringify({ ok: false, error_code: 429, description: "Too Many Requests: retry after 17", parameters: { retry_after: 17 } }),
    });
    expect(failureOf(await sendTelegramText(settings(), "4242", "hello", context()), secrets())).toMatchObject({
      kind: "rate-limited",
      retryable: true,
      retryAfterSeconds: 17,
      code: "429",
    });
  });

  it("classifies a blocked bot as permanent with Telegram's code and words, and a 5xx as retryable", async () => {
    fake.queueReply("sendMessage", { status: 403, body: JSON.stringify({ ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" }) });
    expect(failureOf(await sendTelegramText(settings(), "4242", "hello", context()), secrets())).toEqual({
      kind: "provider-error",
      retryable: false,
      status: 403,
      code: "403",
      message: "Forbidden: bot was blocked by the user",
    });
    fake.queueReply("sendMessage", { status: 502, body: "Bad Gateway" });
    expect(failureOf(await sendTelegramText(settings(), "4242", "hello", context()), secrets())).toMatchObject({ kind: "provider-error", retryable: true, status: 502 });
    expect(fake.sentMessages).toHaveLength(0);
  });
});
