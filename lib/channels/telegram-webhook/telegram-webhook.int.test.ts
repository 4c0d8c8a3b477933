import { X509Certificate } from "node:crypto";
import { and, eq, like } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { parseIdentityPem } from "@/lib/certificates/parse";
import { insertParsedCertificate, secretContext } from "@/lib/certificates/store";
import { getKeyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import { createActionClient } from "@/lib/guard/actions";
import { createTestChannel, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { fixture, fixtureText } from "@/testing/fixtures/certificates";
import { startFakeBotApi, type FakeBotApi } from "@/testing/fake-telegram-bot-api";
import { approvePrefix } from "@/testing/outbound";
import { TEST_CA_FILE } from "@/testing/test-ca";
import { channelIntegrationActions } from "../actions";
import { TELEGRAM_ALLOWED_UPDATES } from "../integration-setup";
import { telegramWebhookActions } from "./actions";
import { loadTelegramWebhookView } from "./manage";

/*
 * Telegram webhook management against the fake Bot API over HTTPS on 127.0.0.1: Register (with
 * the self-signed certificate uploaded as multipart only when the console's URL is an IPv4 address
 * and its identity certificate is self-signed), Remove, and Telegram's own view.
 */

let t: TestDatabase;
let fake: FakeBotApi;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let selfSignedId: string;
const ENV_KEYS = ["TELEGRAM_API_BASE_URL", "PUBLIC_BASE_URL", "TELEGRAM_ALLOW_INSECURE_WEBHOOK", "OUTBOUND_EXTRA_CA_FILE", "OUTBOUND_TIMEOUT_MS"] as const;
const savedEnv = Object.fromEntries(ENV_KEYS.map((key) => [key, process.env[key]]));
const prerequisites = new Map<string, ChannelPrerequisites>();

beforeAll(async () => {
  t = await createTestDatabase();
  fake = await startFakeBotApi();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  await approvePrefix(t.db, fake.prefix);
  Object.assign(process.env, { OUTBOUND_EXTRA_CA_FILE: TEST_CA_FILE, OUTBOUND_TIMEOUT_MS: "1000", TELEGRAM_API_BASE_URL: fake.baseUrl });
  // A self-signed identity certificate for 127.0.0.1 (SAN), stored as the certificate pages store one.
  const identity = parseIdentityPem({ certificate: fixture("self-signed.pem"), key: fixture("self-signed.key") });
  const { row } = await insertParsedCertificate(
    t.db,
    { tenantId: a.tenant.id },
    {
      name: "Console self-signed",
      kind: "identity",
      source: "upload",
      parsed: identity,
      encryptSecrets: (id) => ({ privateKeyEncrypted: encryptSecret(getKeyring(), identity.privateKeyPem, secretContext(id, "privateKey")) }),
    },
    a.admin.id,
  );
  selfSignedId = row.id;
  vi.spyOn(console, "warn").mockImplementation(() => {});
});
afterEach(() => {
  fake.reset();
  delete process.env.TELEGRAM_ALLOW_INSECURE_WEBHOOK;
});
afterAll(async () => {
  for (const key of ENV_KEYS) {
    if (savedEnv[key] === undefined) delete process.env[key];
    else process.env[key] = savedEnv[key];
  }
  await fake.close();
  await t.close();
});

const client = (user: CurrentUser) => createActionClient({ getUser: async () => user, getDb: () => t.db });
const register = (user: CurrentUser, channelId: string) => channelIntegrationActions(client(user)).registerTelegramWebhook({ channelId });
const remove = (user: CurrentUser, channelId: string) => telegramWebhookActions(client(user)).removeTelegramWebhook({ channelId });

async function telegramChannel(owner: CurrentUser, options: { identityCertificateId?: string } = {}) {
  const bot = fake.addBot(`console_test_${Math.random().toString(36).slice(2, 8)}_bot`);
  const channel = await createTestChannel(t.db, owner, "telegram", {
    prerequisites: prerequisites.get(owner.tenantId!),
    secrets: { botToken: bot.token },
    information: options.identityCertificateId ? { identityCertificateId: options.identityCertificateId } : {},
  });
  prerequisites.set(owner.tenantId!, channel.prerequisites);
  return { id: channel.id, token: bot.token };
}
const setWebhookCalls = () => fake.calls.filter((call) => call.method === "setWebhook");

describe("register", () => {
  it("uploads the self-signed certificate, public part only, as multipart when the console's URL is its IP", async () => {
    process.env.PUBLIC_BASE_URL = "https://127.0.0.1:8443";
    const { id, token } = await telegramChannel(a.admin, { identityCertificateId: selfSignedId });
    const result = await register(a.admin, id);
    expect(result).toMatchObject({ ok: true, data: { url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:8443\/api\/webhooks\/telegram\//) } });
    const [call] = setWebhookCalls();
    expect(call!.multipart).toBe(true);
    expect(call!.params.certificate).toBe(new X509Certificate(fixtureText("self-signed.pem")).toString());
    expect(String(call!.params.certificate)).not.toContain("PRIVATE KEY");
    expect(JSON.parse(String(call!.params.allowed_updates))).toEqual([...TELEGRAM_ALLOWED_UPDATES]);
    expect(fake.webhookOf(token)).toMatchObject({ secretToken: expect.stringMatching(/^[A-Za-z0-9_-]+$/), certificate: expect.any(String) });
    const [audit] = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), eq(auditLog.action, "channel.telegramWebhook")));
    expect(audit!.after).toEqual({ registered: true, publicBaseUrl: "https://127.0.0.1:8443", certificateUploaded: true });
  });

  it("sends JSON without a certificate for a CA-signed identity certificate or a domain name", async () => {
    process.env.PUBLIC_BASE_URL = "https://127.0.0.1:8443";
    const signed = await telegramChannel(a.admin);
    expect(await register(a.admin, signed.id)).toMatchObject({ ok: true });
    process.env.PUBLIC_BASE_URL = "https://console.example:8443";
    const named = await telegramChannel(a.admin, { identityCertificateId: selfSignedId });
    expect(await register(a.admin, named.id)).toMatchObject({ ok: true });
    expect(setWebhookCalls().map((call) => [call.multipart ?? false, call.params.certificate])).toEqual([
      [false, undefined],
      [false, undefined],
    ]);
    expect(fake.webhookOf(signed.token)).toMatchObject({ url: expect.stringContaining("https://127.0.0.1:8443/") });
    expect(fake.webhookOf(signed.token)!.certificate).toBeUndefined();
  });

  it("refuses before calling Telegram when the self-signed certificate does not name the URL's IP", async () => {
    process.env.PUBLIC_BASE_URL = "https://203.0.113.10:8443";
    const { id } = await telegramChannel(a.admin, { identityCertificateId: selfSignedId });
    expect(await register(a.admin, id)).toEqual({ ok: false, error: "providerTools.errors.certificate.hostMismatch" });
    expect(setWebhookCalls()).toHaveLength(0);
  });
});

describe("remove and Telegram's view", () => {
  it("shows Telegram's view of a registered webhook, then removes it", async () => {
    process.env.PUBLIC_BASE_URL = "https://127.0.0.1:8443";
    const { id, token } = await telegramChannel(a.admin, { identityCertificateId: selfSignedId });
    expect(await register(a.admin, id)).toMatchObject({ ok: true });
    fake.setDeliveryState(token, { pendingUpdateCount: 3, lastErrorDate: 1_760_000_000, lastErrorMessage: "Connection refused", ipAddress: "127.0.0.1" });

    const view = await loadTelegramWebhookView(t.db, a.tenant.id, id);
    expect(view).toEqual({
      ok: true,
      info: {
        url: expect.stringMatching(/^https:\/\/127\.0\.0\.1:8443\/api\/webhooks\/telegram\//),
        has_custom_certificate: true,
        pending_update_count: 3,
        ip_address: "127.0.0.1",
        last_error_date: 1_760_000_000,
        last_error_message: "Connection refused",
        max_connections: 40,
        allowed_updates: [...TELEGRAM_ALLOWED_UPDATES],
      },
    });
    expect(JSON.stringify(view)).not.toContain(token);

    expect(await remove(a.admin, id)).toEqual({ ok: true, data: { removed: true } });
    expect(fake.webhookOf(token)).toBeNull();
    expect(await loadTelegramWebhookView(t.db, a.tenant.id, id)).toMatchObject({ ok: true, info: { url: "", pending_update_count: 0 } });
    const audit = await t.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.targetId, id), like(auditLog.action, "channel.telegramWebhook%")))
      .orderBy(auditLog.id);
    expect(audit.map((entry) => [entry.action, entry.actorUserId])).toEqual([
      ["channel.telegramWebhook", a.admin.id],
      ["channel.telegramWebhookRemoved", a.admin.id],
    ]);
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("keeps every action and the view within the channel's tenant, and removing to tenant admins", async () => {
    process.env.PUBLIC_BASE_URL = "https://127.0.0.1:8443";
    const { id, token } = await telegramChannel(a.admin, { identityCertificateId: selfSignedId });
    expect(await register(a.admin, id)).toMatchObject({ ok: true });
    fake.calls.length = 0;
    expect(await register(b.admin, id)).toEqual({ ok: false, error: "channelIntegration.errors.notFound" });
    expect(await remove(b.admin, id)).toEqual({ ok: false, error: "providerTools.errors.notFound" });
    expect(await remove(a.support, id)).toMatchObject({ ok: false, error: "forbidden" });
    await expect(loadTelegramWebhookView(t.db, b.tenant.id, id)).rejects.toMatchObject({ code: "providerTools.errors.notFound" });
    expect(fake.calls).toHaveLength(0);
    expect(fake.webhookOf(token)).not.toBeNull();
  });

  it("answers Telegram's refusal of the token when it was revoked", async () => {
    process.env.PUBLIC_BASE_URL = "https://127.0.0.1:8443";
    const { id, token } = await telegramChannel(a.admin);
    fake.revokeBot(token);
    expect(await remove(a.admin, id)).toEqual({ ok: false, error: "providerTools.errors.telegramTokenRefused" });
    expect(await loadTelegramWebhookView(t.db, a.tenant.id, id)).toEqual({ ok: false, reason: "tokenRefused" });
  });
});
