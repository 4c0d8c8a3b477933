import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChannelDetail } from "@/db/queries/channel-detail";
import { getChannelIntegration } from "@/db/queries/channel-integration";
import { createTestChannel, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { getKeyring } from "@/lib/crypto/keyring";
import { createKeyring, generateKey } from "@/lib/crypto/secrets";
import { createActionClient } from "@/lib/guard/actions";
import { channelIntegrationActions } from "./actions";
import { integrationViewOf, MASKED_VALUE } from "./integration-view";

/*
 * What the channel page and the Channel Integration step load: tenant-scoped, names resolved, and
 * nothing secret in what reaches the components (tokens only for administrators, never the
 * channel's own secrets).
 */

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;
let b: Awaited<ReturnType<typeof createTestTenant>>;
let prerequisites: ChannelPrerequisites;

const CANARY = {
  password: "canary-password-7f3a",
  accountKey: "canary-account-key-9c1e",
  webhookPassword: "canary-webhook-pw-4d2b",
  authenticationKey: "canary-auth-key-5e6f",
};

beforeAll(async () => {
  t = await createTestDatabase();
  [a, b] = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
});
afterAll(() => t.close());

async function channelOf(variant: Parameters<typeof createTestChannel>[2], secrets = {}) {
  const channel = await createTestChannel(t.db, a.admin, variant, { prerequisites, secrets });
  prerequisites = channel.prerequisites;
  return channel;
}

describe("getChannelDetail", () => {
  it("resolves the names of the OU, queues, certificates and API app within the tenant", async () => {
    const channel = await channelOf("other-oAuth");
    const detail = await getChannelDetail(t.db, { tenantId: a.tenant.id }, channel.id);
    expect(detail?.integration).toMatchObject({ id: channel.id, provider: "other", verificationMethod: "oAuth" });
    expect(detail?.channel).toMatchObject({ id: channel.id, name: channel.name, provider: "other", verificationMethod: "oAuth" });
    expect(detail?.names.ou).toEqual(expect.any(String));
    expect(detail?.names.queues[prerequisites.skillQueueId]).toEqual(expect.any(String));
    expect(detail?.names.certificates[prerequisites.trustCertificateId]).toEqual(expect.any(String));
    expect(detail?.names.apiApp).toEqual({ name: expect.any(String), appKey: prerequisites.apiApp.appKey });
  });

  it("answers null for another tenant's channel, as for a missing one", async () => {
    const channel = await channelOf("twilio");
    expect(await getChannelDetail(t.db, { tenantId: b.tenant.id }, channel.id)).toBeNull();
    expect(await getChannelIntegration(t.db, { tenantId: b.tenant.id }, channel.id)).toBeNull();
    expect(await getChannelDetail(t.db, { tenantId: a.tenant.id }, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});

describe("what reaches the page's components", () => {
  it("holds masks of the channel's secrets, never the secrets or their ciphertexts", async () => {
    const channel = await channelOf("infobip", CANARY);
    const detail = (await getChannelDetail(t.db, { tenantId: a.tenant.id }, channel.id))!;
    const view = detail.channel;
    const shown = JSON.stringify({ view, names: detail.names });
    for (const value of Object.values(CANARY)) expect(shown).not.toContain(value);
    expect(Object.keys(detail.integration.secrets).sort()).toEqual(["accountKey", "password", "webhookPassword"]);
    for (const ciphertext of Object.values(detail.integration.secrets)) expect(shown).not.toContain(ciphertext);
    expect(view).not.toHaveProperty("secrets");
    expect(view).not.toHaveProperty("integrationToken");
    expect(view).not.toHaveProperty("scenarioKey");
    // Passwords keep no tail even at rest; a generated key of 20+ characters keeps its last four.
    expect(view.settings.secretMasks).toEqual({ password: "••••", accountKey: "••••9c1e", webhookPassword: "••••" });
  });

  it("gives administrators the verify token and the scenario key, and support staff masks without decrypting", async () => {
    const channel = await channelOf("cloud-api");
    const other = await channelOf("other-basic", CANARY);
    const generated = await channelIntegrationActions(createActionClient({ getUser: async () => a.admin, getDb: () => t.db })).generateScenarioKey({
      channelId: other.id,
    });
    const scenarioKey = generated.ok ? generated.data.scenarioKey : "";
    const env = { PUBLIC_BASE_URL: "https://console.example:8443" } as unknown as NodeJS.ProcessEnv;

    const cloud = (await getChannelIntegration(t.db, { tenantId: a.tenant.id }, channel.id))!;
    const admin = integrationViewOf(cloud, { reveal: true, keyring: getKeyring(), env });
    expect(admin).toEqual({
      variant: "cloud-api",
      urls: [{ name: "webhook", url: `https://console.example:8443/api/webhooks/whatsapp-cloud/${cloud.webhookKey}` }],
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      scenarioKey: null,
      hasBotToken: false,
      insecureBaseUrl: null,
    });

    // A keyring that cannot decrypt anything proves support staff's view decrypts nothing.
    const useless = createKeyring({ active: generateKey() });
    const bsp = (await getChannelIntegration(t.db, { tenantId: a.tenant.id }, other.id))!;
    const support = integrationViewOf(bsp, { reveal: false, keyring: useless, env: { PUBLIC_BASE_URL: "http://localhost:3000" } as unknown as NodeJS.ProcessEnv });
    expect(support).toMatchObject({ variant: "other-basic", token: null, scenarioKey: MASKED_VALUE, insecureBaseUrl: "http://localhost:3000" });
    expect(support.urls.map((url) => url.name)).toEqual(["message", "report"]);
    expect(JSON.stringify(support)).not.toContain(scenarioKey);
    expect(integrationViewOf(bsp, { reveal: true, keyring: getKeyring(), env }).scenarioKey).toBe(scenarioKey);

    for (const view of [admin, support]) {
      for (const value of Object.values(CANARY)) expect(JSON.stringify(view)).not.toContain(value);
    }
  });
});
