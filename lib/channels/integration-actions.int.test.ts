import { randomUUID } from "node:crypto";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, onTestFinished, vi } from "vitest";
import { setChannelStatus } from "@/db/queries/channels";
import { auditLog, channels } from "@/db/schema";
import { createTestChannel, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import type { CurrentUser } from "@/lib/auth/current-user";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import { createActionClient } from "@/lib/guard/actions";
import { startFakeBotApi, type FakeBotApi } from "@/testing/fake-telegram-bot-api";
import { approvePrefix } from "@/testing/outbound";
import { closedPort } from "@/testing/outbound-listeners";
import { TEST_CA_FILE } from "@/testing/test-ca";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { telegramSetWebhookRequest } from "./integration";
import { channelIntegrationActions } from "./actions";
import { TELEGRAM_ALLOWED_UPDATES } from "./integration-setup";
import { channelSecretContext } from "./secrets";
import { captureLog } from "@/testing/log-capture";

let t: TestDatabase;
let fake: FakeBotApi;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;

const as = (user: CurrentUser | null) => channelIntegrationActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));
const e = (key: string) => `channelIntegration.errors.${key}`;
const PUBLIC_BASE = "http://127.0.0.1:3999";

const ENV_KEYS = ["TELEGRAM_API_BASE_URL", "PUBLIC_BASE_URL", "TELEGRAM_ALLOW_INSECURE_WEBHOOK", "OUTBOUND_EXTRA_CA_FILE", "OUTBOUND_TIMEOUT_MS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));

/*
 * The fake Bot API is on 127.0.0.1 over https with the tests' certificate: the console reaches it as
 * an operator would configure it, its CA in OUTBOUND_EXTRA_CA_FILE and its prefix approved.
 */
beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeBotApi();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  await approvePrefix(t.db, fake.prefix);
  process.env.OUTBOUND_EXTRA_CA_FILE = TEST_CA_FILE;
  // Failures to connect are answered at this deadline.
  process.env.OUTBOUND_TIMEOUT_MS = "1000";
  process.env.TELEGRAM_API_BASE_URL = fake.baseUrl;
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
  process.env.TELEGRAM_ALLOW_INSECURE_WEBHOOK = "1";
});
afterEach(() => {
  fake.reset();
  process.env.TELEGRAM_API_BASE_URL = fake.baseUrl;
  process.env.PUBLIC_BASE_URL = PUBLIC_BASE;
  process.env.TELEGRAM_ALLOW_INSECURE_WEBHOOK = "1";
  vi.restoreAllMocks();
});
afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await fake.close();
  await t.close();
});

const prerequisites = new Map<string, ChannelPrerequisites>();

/** A channel saved through saveChannel, as the wizard saves it; a bot token is checked against the fake. */
async function makeChannel(
  owner: CurrentUser,
  variant: ChannelVariant,
  options: { botToken?: string; status?: "enabled" | "disabled" } = {},
): Promise<string> {
  const channel = await createTestChannel(t.db, owner, variant, {
    prerequisites: prerequisites.get(owner.tenantId!),
    secrets: options.botToken ? { botToken: options.botToken } : undefined,
  });
  prerequisites.set(owner.tenantId!, channel.prerequisites);
  if (options.status === "disabled") await setChannelStatus(t.db, { tenantId: owner.tenantId! }, channel.id, "disabled");
  return channel.id;
}

/** Saving a channel with a bot token calls getMe; only setWebhook calls matter here. */
const setWebhookCalls = () => fake.calls.filter((call) => call.method === "setWebhook");
const row = async (id: string) => (await t.db.select().from(channels).where(eq(channels.id, id)))[0]!;
/** The audit entries this feature writes (saving the channel wrote its own). */
const auditOf = (id: string) =>
  t.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.targetId, id), inArray(auditLog.action, ["channel.scenarioKey", "channel.telegramWebhook"])))
    .orderBy(auditLog.id);
const storedScenarioKey = async (id: string) => {
  const { scenarioKey } = await row(id);
  return scenarioKey === null ? null : decryptSecret(getKeyring(), scenarioKey, channelSecretContext(id, "scenarioKey"));
};

describe("generateScenarioKey", () => {
  it("stores a new key encrypted, answers it once, and audits without it", async () => {
    const id = await makeChannel(a.admin, "infobip");
    const result = await as(a.admin).generateScenarioKey({ channelId: id });
    expect(result).toEqual({ ok: true, data: { scenarioKey: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/) } });
    const key = result.ok ? result.data.scenarioKey : "";
    const stored = await row(id);
    expect(stored.scenarioKey).not.toContain(key);
    expect(stored.scenarioKeyGeneratedAt).toBeInstanceOf(Date);
    expect(await storedScenarioKey(id)).toBe(key);
    const audit = await auditOf(id);
    expect(audit).toEqual([
      expect.objectContaining({
        tenantId: a.tenant.id,
        actorUserId: a.admin.id,
        action: "channel.scenarioKey",
        targetType: "channel",
        before: { scenarioKey: "none" },
        after: { scenarioKey: "generated" },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(key);
  });

  it("regenerates only when confirmed, and the old key is gone", async () => {
    const id = await makeChannel(a.admin, "twilio");
    const first = await as(a.admin).generateScenarioKey({ channelId: id });
    const oldKey = first.ok ? first.data.scenarioKey : "";

    expect(await as(a.admin).generateScenarioKey({ channelId: id })).toEqual({ ok: false, error: e("confirmRegenerate") });
    expect(await as(a.admin).generateScenarioKey({ channelId: id, confirmRegenerate: false })).toEqual({
      ok: false,
      error: e("confirmRegenerate"),
    });
    expect(await storedScenarioKey(id)).toBe(oldKey);

    const second = await as(a.admin).generateScenarioKey({ channelId: id, confirmRegenerate: true });
    const newKey = second.ok ? second.data.scenarioKey : "";
    expect(newKey).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newKey).not.toBe(oldKey);
    expect(await storedScenarioKey(id)).toBe(newKey);
    expect((await auditOf(id)).map((entry) => entry.after)).toEqual([{ scenarioKey: "generated" }, { scenarioKey: "regenerated" }]);
  });

  it("gives two simultaneous first clicks one key: the second is asked to confirm", async () => {
    const id = await makeChannel(a.admin, "other-basic");
    const results = await Promise.all([as(a.admin).generateScenarioKey({ channelId: id }), as(a.admin).generateScenarioKey({ channelId: id })]);
    const won = results.filter((result) => result.ok);
    expect(won).toHaveLength(1);
    expect(results.filter((result) => !result.ok)).toEqual([{ ok: false, error: e("confirmRegenerate") }]);
    expect(await storedScenarioKey(id)).toBe(won[0]!.ok ? won[0]!.data.scenarioKey : "");
  });

  it("refuses cloud-api channels, which have no scenario key", async () => {
    const id = await makeChannel(a.admin, "cloud-api");
    expect(await as(a.admin).generateScenarioKey({ channelId: id, confirmRegenerate: true })).toEqual({
      ok: false,
      error: e("noScenarioKey"),
    });
    expect((await row(id)).scenarioKey).toBeNull();
    expect(await auditOf(id)).toEqual([]);
  });

  it("treats another tenant's channel like a missing one and changes nothing", async () => {
    const theirs = await makeChannel(b.admin, "telegram");
    expect(await as(a.admin).generateScenarioKey({ channelId: theirs, confirmRegenerate: true })).toEqual({
      ok: false,
      error: e("notFound"),
    });
    expect(await as(a.admin).generateScenarioKey({ channelId: randomUUID() })).toEqual({ ok: false, error: e("notFound") });
    expect((await row(theirs)).scenarioKey).toBeNull();
    expect(await auditOf(theirs)).toEqual([]);
  });

  it("is for tenant administrators only, and checks its input", async () => {
    const id = await makeChannel(a.admin, "infobip");
    expect(await as(null).generateScenarioKey({ channelId: id })).toEqual({ ok: false, error: "unauthenticated" });
    expect(await as(a.support).generateScenarioKey({ channelId: id })).toEqual({ ok: false, error: "forbidden" });
    expect(await as(a.admin).generateScenarioKey({ channelId: "not-a-uuid" })).toEqual({
      ok: false,
      error: "validation",
      fieldErrors: { channelId: ["invalidId"] },
    });
    expect(await as(a.admin).generateScenarioKey({ channelId: id, confirmRegenerate: "yes" })).toMatchObject({ ok: false, error: "validation" });
    expect((await row(id)).scenarioKey).toBeNull();
  });
});

describe("registerTelegramWebhook", () => {
  it("registers the channel's URL and secret token with the stored bot token", async () => {
    const bot = fake.addBot("desk_bot");
    const id = await makeChannel(a.admin, "telegram", { botToken: bot.token });
    const stored = await row(id);
    const secretToken = decryptSecret(getKeyring(), stored.integrationToken!, channelSecretContext(id, "integrationToken"));
    const url = `${PUBLIC_BASE}/api/webhooks/telegram/${stored.webhookKey}`;

    expect(await as(a.admin).registerTelegramWebhook({ channelId: id })).toEqual({ ok: true, data: { url } });
    expect(fake.webhookOf(bot.token)).toMatchObject({ url, secretToken, allowedUpdates: [...TELEGRAM_ALLOWED_UPDATES] });
    // The request the page shows for doing it by hand asks for the same updates.
    expect(JSON.parse(telegramSetWebhookRequest(url, secretToken).body).allowed_updates).toEqual([...TELEGRAM_ALLOWED_UPDATES]);
    const audit = await auditOf(id);
    expect(audit).toEqual([
      expect.objectContaining({ action: "channel.telegramWebhook", actorUserId: a.admin.id, after: { registered: true, publicBaseUrl: PUBLIC_BASE } }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(bot.token.split(":")[1]!);
    expect(JSON.stringify(audit)).not.toContain(secretToken);
  });

  it("refuses a public address that is not https unless insecure webhooks are allowed", async () => {
    const bot = fake.addBot("https_bot");
    const id = await makeChannel(a.admin, "telegram", { botToken: bot.token });
    delete process.env.TELEGRAM_ALLOW_INSECURE_WEBHOOK;
    expect(await as(a.admin).registerTelegramWebhook({ channelId: id })).toEqual({ ok: false, error: e("telegram.publicUrlNotHttps") });
    expect(setWebhookCalls()).toEqual([]);

    process.env.PUBLIC_BASE_URL = "https://203.0.113.10:8443/";
    const result = await as(a.admin).registerTelegramWebhook({ channelId: id });
    expect(result).toMatchObject({ ok: true, data: { url: expect.stringMatching(/^https:\/\/203\.0\.113\.10:8443\/api\/webhooks\/telegram\//) } });
  });

  it("needs an enabled telegram channel with a stored bot token", async () => {
    const noToken = await makeChannel(a.admin, "telegram");
    const whatsapp = await makeChannel(a.admin, "cloud-api");
    const bot = fake.addBot("paused_bot");
    const disabled = await makeChannel(a.admin, "telegram", { botToken: bot.token, status: "disabled" });
    expect(await as(a.admin).registerTelegramWebhook({ channelId: noToken })).toEqual({ ok: false, error: e("telegram.noBotToken") });
    expect(await as(a.admin).registerTelegramWebhook({ channelId: whatsapp })).toEqual({ ok: false, error: e("telegram.notTelegram") });
    expect(await as(a.admin).registerTelegramWebhook({ channelId: disabled })).toEqual({ ok: false, error: e("telegram.channelDisabled") });
    expect(setWebhookCalls()).toEqual([]);
  });

  it("treats another tenant's channel like a missing one and calls nobody", async () => {
    const bot = fake.addBot("other_tenant_bot");
    const theirs = await makeChannel(b.admin, "telegram", { botToken: bot.token });
    expect(await as(a.admin).registerTelegramWebhook({ channelId: theirs })).toEqual({ ok: false, error: e("notFound") });
    expect(setWebhookCalls()).toEqual([]);
    expect(fake.webhookOf(bot.token)).toBeNull();
    expect(await auditOf(theirs)).toEqual([]);
  });

  it("is for tenant administrators only", async () => {
    const bot = fake.addBot("support_bot");
    const id = await makeChannel(a.admin, "telegram", { botToken: bot.token });
    expect(await as(a.support).registerTelegramWebhook({ channelId: id })).toEqual({ ok: false, error: "forbidden" });
    expect(await as(null).registerTelegramWebhook({ channelId: id })).toEqual({ ok: false, error: "unauthenticated" });
    expect(await as(a.admin).registerTelegramWebhook({ channelId: "x" })).toMatchObject({ ok: false, error: "validation" });
    expect(setWebhookCalls()).toEqual([]);
  });

  it("explains Telegram's failures without ever naming the bot token", async () => {
    const known = fake.addBot("failing_bot");
    const revoked = fake.addBot("revoked_bot");
    const refusedId = await makeChannel(a.admin, "telegram", { botToken: revoked.token });
    fake.revokeBot(revoked.token);
    const id = await makeChannel(a.admin, "telegram", { botToken: known.token });
    const log = captureLog();
    onTestFinished(() => log.restore());

    const refused = await as(a.admin).registerTelegramWebhook({ channelId: refusedId });
    expect(refused).toEqual({ ok: false, error: e("telegram.tokenRefused") });

    fake.queueReply("setWebhook", {
      status: 400,
      body: JSON.stringify({ ok: false, error_code: 400, description: `Bad Request: bad webhook for bot${known.token}` }),
    });
    const rejected = await as(a.admin).registerTelegramWebhook({ channelId: id });
    expect(rejected).toEqual({ ok: false, error: e("telegram.webhookRejected") });

    fake.queueReply("setWebhook", { status: 200, body: "<html>captive portal</html>" });
    const garbled = await as(a.admin).registerTelegramWebhook({ channelId: id });
    expect(garbled).toEqual({ ok: false, error: e("telegram.badResponse") });

    const closed = `https://127.0.0.1:${await closedPort()}`;
    await approvePrefix(t.db, `${closed}/`);
    process.env.TELEGRAM_API_BASE_URL = closed;
    const unreachable = await as(a.admin).registerTelegramWebhook({ channelId: id });
    expect(unreachable).toEqual({ ok: false, error: e("telegram.unreachable") });

    const everything = JSON.stringify([refused, rejected, garbled, unreachable]) + log.text();
    for (const token of [known.token, revoked.token]) expect(everything).not.toContain(token.split(":")[1]!);
    expect(log.at("warn").length).toBeGreaterThan(0);
    expect(fake.webhookOf(known.token)).toBeNull();
    expect((await auditOf(id)).length + (await auditOf(refusedId)).length).toBe(0);
  });

  it("does not reach a Bot API on a private address whose prefix is not approved: the token check and the registration say 'unreachable'", async () => {
    const bot = fake.addBot("unapproved_bot");
    const id = await makeChannel(a.admin, "telegram", { botToken: bot.token });
    fake.reset();
    vi.spyOn(console, "warn").mockImplementation(() => {});
    // The same fake under a spelling no prefix admits: localhost resolves to 127.0.0.1.
    process.env.TELEGRAM_API_BASE_URL = fake.baseUrl.replace("127.0.0.1", "localhost");
    expect(await as(a.admin).registerTelegramWebhook({ channelId: id })).toEqual({ ok: false, error: e("telegram.unreachable") });
    await expect(createTestChannel(t.db, a.admin, "telegram", { prerequisites: prerequisites.get(a.tenant.id), secrets: { botToken: bot.token } })).rejects.toMatchObject({
      fieldErrors: { "information.botToken": ["channels.errors.botApiUnreachable"] },
    });
    expect(fake.calls).toEqual([]);
  });
});
