import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { OutboundLimitError } from "@/lib/outbound/errors";
import { request } from "@/lib/outbound/request";
import { fakeBotToken, startFakeBotApi, type FakeBotApi } from "@/testing/fake-telegram-bot-api";
import { memoryScope } from "@/testing/outbound";
import { closedPort } from "@/testing/outbound-listeners";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { getMe, getWebhookInfo, setWebhook, TelegramApiError, telegramApiBaseUrl, verifyBotToken, type BotApiOptions } from "./bot-api";

/*
 * The client against the fake Bot API, through the real guarded connector: the fake is on
 * 127.0.0.1, so its prefix is approved in the (in-memory) scope, and its https certificate is
 * trusted through OUTBOUND_EXTRA_CA_FILE, as the console is configured in the e2e tests.
 */

let fake: FakeBotApi;
let options: BotApiOptions;

beforeAll(async () => {
  process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
  fake = await startFakeBotApi();
  // Failures to connect are answered at the deadline: keep it short.
  options = { baseUrl: fake.baseUrl, scope: memoryScope({ approvedPrefixes: [fake.prefix] }), timeoutMs: 1_000 };
  // The connector logs each failure's cause (host and port only); the tests below cause several.
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => fake.reset());
afterAll(async () => {
  delete process.env.OUTBOUND_EXTRA_CA_FILE;
  await fake.close();
});

/** The error thrown by `run`, after checking the token appears nowhere in it. */
async function failure(run: () => Promise<unknown>, token: string): Promise<TelegramApiError> {
  const error = await run().then(
    () => expect.unreachable("expected the call to fail"),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TelegramApiError);
  const secretPart = token.slice(token.indexOf(":") + 1).trim();
  const err = error as TelegramApiError;
  for (const text of [String(err), err.message, err.stack ?? "", JSON.stringify(err), JSON.stringify(err.description ?? "")]) {
    if (secretPart.length >= 8) expect(text).not.toContain(secretPart);
  }
  expect(err.cause).toBeUndefined();
  return err;
}

const hook = { url: "https://203.0.113.7:8443/api/webhooks/telegram/key", secretToken: "s3cret_token-1", allowedUpdates: ["message"] };

describe("getMe / verifyBotToken", () => {
  it("answers the bot of a token Telegram knows", async () => {
    const bot = fake.addBot("support_desk_bot");
    expect(await getMe(bot.token, options)).toMatchObject({ id: bot.id, is_bot: true, username: "support_desk_bot" });
    expect(await verifyBotToken(bot.token, options)).toEqual({ username: "support_desk_bot" });
    expect(fake.calls.map((call) => call.method)).toEqual(["getMe", "getMe"]);
  });

  it("says 'unauthorized' for a token Telegram does not know, without naming the token", async () => {
    const token = fakeBotToken();
    const error = await failure(() => verifyBotToken(token, options), token);
    expect(error).toMatchObject({ kind: "unauthorized", method: "getMe", errorCode: 401 });
  });

  it("never sends a malformed token, which could rewrite the request path", async () => {
    const bot = fake.addBot("path_bot");
    for (const token of [`${bot.token}/setWebhook?url=x#`, "", "no-colon", `${bot.token}\n`]) {
      expect((await failure(() => getMe(token, options), token)).kind).toBe("unauthorized");
    }
    expect(fake.calls).toEqual([]);
  });

  it("reads the base URL from TELEGRAM_API_BASE_URL, defaulting to Telegram's", async () => {
    expect(telegramApiBaseUrl({})).toBe("https://api.telegram.org");
    expect(telegramApiBaseUrl({ TELEGRAM_API_BASE_URL: "https://127.0.0.1:9/" })).toBe("https://127.0.0.1:9");
    const bot = fake.addBot("env_bot");
    const saved = process.env.TELEGRAM_API_BASE_URL;
    process.env.TELEGRAM_API_BASE_URL = fake.baseUrl;
    try {
      expect(await verifyBotToken(bot.token, { scope: options.scope })).toEqual({ username: "env_bot" });
    } finally {
      if (saved === undefined) delete process.env.TELEGRAM_API_BASE_URL;
      else process.env.TELEGRAM_API_BASE_URL = saved;
    }
  });
});

describe("setWebhook / getWebhookInfo", () => {
  it("registers the URL, the secret token and the update kinds", async () => {
    const bot = fake.addBot("hook_bot");
    await setWebhook(bot.token, { ...hook, allowedUpdates: ["message", "edited_message"], dropPendingUpdates: true }, options);
    expect(fake.webhookOf(bot.token)).toEqual({
      url: hook.url,
      secretToken: hook.secretToken,
      allowedUpdates: ["message", "edited_message"],
      maxConnections: 40,
      dropPendingUpdates: true,
    });
    expect(fake.calls[0]!.params).toEqual({
      url: hook.url,
      secret_token: hook.secretToken,
      allowed_updates: ["message", "edited_message"],
      drop_pending_updates: true,
    });
    expect(await getWebhookInfo(bot.token, options)).toEqual({
      url: hook.url,
      has_custom_certificate: false,
      pending_update_count: 0,
      max_connections: 40,
      allowed_updates: ["message", "edited_message"],
    });
  });

  it("passes on Telegram's refusal of a secret token it does not accept", async () => {
    const bot = fake.addBot("strict_bot");
    await setWebhook(bot.token, { ...hook, secretToken: "a".repeat(256) }, options);
    expect(fake.webhookOf(bot.token)?.secretToken).toHaveLength(256);

    const tooLong = await failure(() => setWebhook(bot.token, { ...hook, secretToken: "a".repeat(257) }, options), bot.token);
    expect(tooLong).toMatchObject({ kind: "rejected", errorCode: 400, description: "Bad Request: secret token is too long" });
    const badChars = await failure(() => setWebhook(bot.token, { ...hook, secretToken: "not allowed!" }, options), bot.token);
    expect(badChars).toMatchObject({ kind: "rejected", description: "Bad Request: secret token contains unallowed characters" });
    expect(fake.webhookOf(bot.token)?.secretToken).toHaveLength(256);
  });

  it("reports an empty webhook for a bot that has none", async () => {
    const bot = fake.addBot("fresh_bot");
    expect(await getWebhookInfo(bot.token, options)).toEqual({ url: "", has_custom_certificate: false, pending_update_count: 0 });
  });
});

describe("failures", () => {
  it("says 'unreachable' when nothing listens, and names neither URL nor token", async () => {
    const port = await closedPort();
    const baseUrl = `https://127.0.0.1:${port}`;
    const token = fakeBotToken();
    const scope = memoryScope({ approvedPrefixes: [`${baseUrl}/`] });
    const error = await failure(() => getMe(token, { baseUrl, scope, timeoutMs: 200 }), token);
    expect(error.kind).toBe("unreachable");
    expect(error.message).not.toContain(String(port));
  });

  it("does not reach a Bot API on a private address whose prefix is not approved, nor one over http", async () => {
    const bot = fake.addBot("private_bot");
    const unapproved = { baseUrl: fake.baseUrl, scope: memoryScope(), timeoutMs: 200 };
    expect((await failure(() => getMe(bot.token, unapproved), bot.token)).kind).toBe("unreachable");
    const http = { ...options, baseUrl: fake.baseUrl.replace("https:", "http:"), timeoutMs: 200 };
    expect((await failure(() => getMe(bot.token, http), bot.token)).kind).toBe("unreachable");
    expect(fake.calls).toEqual([]);
  });

  it("passes the tenant's outbound limit on as it is, not as 'unreachable'", async () => {
    const bot = fake.addBot("busy_bot");
    const scope = memoryScope({ approvedPrefixes: [fake.prefix], limits: { callsPerMinute: 1, concurrentCalls: 5 } });
    await getMe(bot.token, { baseUrl: fake.baseUrl, scope });
    await expect(getMe(bot.token, { baseUrl: fake.baseUrl, scope })).rejects.toBeInstanceOf(OutboundLimitError);
    expect(fake.calls).toHaveLength(1);
  });

  it("gives up after the timeout", async () => {
    const bot = fake.addBot("slow_bot");
    fake.queueReply("getMe", "hang");
    const started = Date.now();
    const error = await failure(() => getMe(bot.token, { ...options, timeoutMs: 200 }), bot.token);
    expect(error.kind).toBe("unreachable");
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it("says 'unreachable' for a cut connection and for Telegram's 5xx", async () => {
    const bot = fake.addBot("flaky_bot");
    fake.queueReply("getMe", "destroy");
    fake.queueReply("getMe", { status: 502, body: "<html>Bad Gateway</html>" });
    expect((await failure(() => getMe(bot.token, options), bot.token)).kind).toBe("unreachable");
    expect(await failure(() => getMe(bot.token, options), bot.token)).toMatchObject({ kind: "unreachable", errorCode: 502 });
  });

  it("says 'badResponse' for an answer that is not the Bot API's", async () => {
    const bot = fake.addBot("odd_bot");
    fake.queueReply("getMe", { status: 200, body: "<html>proxy login</html>" });
    fake.queueReply("getMe", { status: 200, body: JSON.stringify({ ok: true, result: { id: "not a number" } }) });
    fake.queueReply("setWebhook", { status: 200, body: JSON.stringify({ ok: true, result: false }) });
    expect((await failure(() => getMe(bot.token, options), bot.token)).kind).toBe("badResponse");
    expect((await failure(() => getMe(bot.token, options), bot.token)).kind).toBe("badResponse");
    expect((await failure(() => setWebhook(bot.token, hook, options), bot.token)).kind).toBe("badResponse");
  });

  it("treats ok:false with error_code 401 as 'unauthorized', and removes the token from a description", async () => {
    const bot = fake.addBot("echo_bot");
    fake.queueReply("getMe", { status: 200, body: JSON.stringify({ ok: false, error_code: 401, description: "Unauthorized" }) });
    fake.queueReply("setWebhook", {
      status: 400,
      body: JSON.stringify({ ok: false, error_code: 400, description: `Bad Request: bot${bot.token} is odd` }),
    });
    expect((await failure(() => getMe(bot.token, options), bot.token)).kind).toBe("unauthorized");
    const echoed = await failure(() => setWebhook(bot.token, hook, options), bot.token);
    expect(echoed).toMatchObject({ kind: "rejected", description: "Bad Request: bot<bot-token> is odd" });
  });
});

describe("the fake", () => {
  it("reads parameters from the query string and a urlencoded body, as Telegram does", async () => {
    const bot = fake.addBot("form_bot");
    const response = await request({
      method: "POST",
      url: `${fake.baseUrl}/bot${bot.token}/setWebhook?url=${encodeURIComponent(hook.url)}`,
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ secret_token: "abc", allowed_updates: '["message"]' }).toString(),
      scope: options.scope,
      maxResponseBytes: 10_000,
    });
    expect(JSON.parse(response.body.toString())).toEqual({ ok: true, result: true, description: "Webhook was set" });
    expect(fake.webhookOf(bot.token)).toMatchObject({ url: hook.url, secretToken: "abc", allowedUpdates: ["message"] });
  });

  it("answers 404 for an unknown method and refuses http webhooks when asked to", async () => {
    const strict = await startFakeBotApi({ requireHttps: true });
    try {
      const bot = strict.addBot("https_bot");
      const scope = memoryScope({ approvedPrefixes: [strict.prefix] });
      const unknown = await request({ method: "POST", url: `${strict.baseUrl}/bot${bot.token}/noSuchMethod`, scope, maxResponseBytes: 10_000 });
      expect(unknown.status).toBe(404);
      const error = await failure(() => setWebhook(bot.token, { ...hook, url: "http://203.0.113.7/hook" }, { baseUrl: strict.baseUrl, scope }), bot.token);
      expect(error.description).toBe("Bad Request: bad webhook: An HTTPS URL must be provided for webhook");
    } finally {
      await strict.close();
    }
  });
});
