import { and, count, eq, inArray, like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChannel } from "@/db/queries/channels";
import { apiApps, auditLog, certificates, channels, channelTransferQueues, ous, skillQueues, trustlistEntries } from "@/db/schema";
import { createTestChannel, tenantContext } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { credentialMatches } from "@/lib/api-apps/credentials";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, SecretDecryptionError } from "@/lib/crypto/secrets";
import { saveChannelEnvelopeSchema } from "@/lib/validations/channels/channel";
import { CHANNEL_VARIANTS, secretFieldsOf } from "@/lib/validations/channels/information";
import { WEBHOOK_KEY_PATTERN } from "@/lib/channels/integration";
import { basicFromRow, informationFromRow, robotFromRow, variantOfRow } from "@/lib/channels/record";
import { saveChannel } from "@/lib/channels/channels";
import { channelSecretContext, decryptChannelSecret } from "@/lib/channels/secrets";
import { seedBulkChannels } from "./bulk";
import { ensureChannelPrerequisites, SEED_NAMES, SEED_TRUSTLIST_PREFIXES } from "./prerequisites";
import { seedEachVariant, variantInput, type SeedSecrets } from "./variants";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(async () => {
  await t.close();
});

const CANARY: Required<Omit<SeedSecrets, "botToken">> = {
  webhookPassword: "canary-webhook-password-7f3e",
  password: "canary-password-91ab",
  accountKey: "canary-account-key-5c2d",
  authenticationKey: "canary-authentication-key-0e4f",
  appSecret: "0123456789abcdef0123456789abcdef",
  accessToken: "EAAGcanaryaccesstoken8d1c",
  authToken: "fedcba9876543210fedcba9876543210",
};

describe("ensureChannelPrerequisites", () => {
  it("creates everything once and answers the same rows again, with a working app secret each time", async () => {
    const { tenant, admin } = await createTestTenant(t.db);
    const first = await ensureChannelPrerequisites(t.db, tenant.id, { actorUserId: admin.id });
    const second = await ensureChannelPrerequisites(t.db, tenant.id);
    expect({ ...second, apiApp: { ...second.apiApp, appSecret: "" } }).toEqual({ ...first, apiApp: { ...first.apiApp, appSecret: "" } });
    expect(second.apiApp.appSecret).not.toBe(first.apiApp.appSecret);

    const [app] = await t.db.select().from(apiApps).where(eq(apiApps.id, second.apiApp.id));
    expect(app!.tenantId).toBe(tenant.id);
    expect(app!.apis).toEqual(expect.arrayContaining(["sendWhatsappMessage", "ccmessage_telegram_north", "telegram_north"]));
    expect(credentialMatches(second.apiApp.appSecret, app!.secretHash)).toBe(true);
    expect(credentialMatches(first.apiApp.appSecret, app!.secretHash)).toBe(false);

    const counts = await Promise.all([
      t.db.select({ n: count() }).from(ous).where(eq(ous.tenantId, tenant.id)),
      t.db.select({ n: count() }).from(skillQueues).where(eq(skillQueues.tenantId, tenant.id)),
      t.db.select({ n: count() }).from(certificates).where(eq(certificates.tenantId, tenant.id)),
      t.db.select({ n: count() }).from(apiApps).where(eq(apiApps.tenantId, tenant.id)),
    ]);
    expect(counts.map(([row]) => row!.n)).toEqual([1, 2, 2, 1]);

    const [identity] = await t.db.select().from(certificates).where(eq(certificates.id, first.identityCertificateId));
    expect(identity!.kind).toBe("identity");
    expect(identity!.name).toBe(SEED_NAMES.identityCertificate);
    expect(identity!.privateKeyEncrypted).not.toContain("PRIVATE KEY");
    expect(decryptSecret(getKeyring(), identity!.privateKeyEncrypted!, `certificate:${identity!.id}:privateKey`)).toContain("BEGIN PRIVATE KEY");

    const approved = await t.db
      .select({ prefix: trustlistEntries.prefix })
      .from(trustlistEntries)
      .where(and(eq(trustlistEntries.status, "approved"), inArray(trustlistEntries.prefix, SEED_TRUSTLIST_PREFIXES)));
    expect(approved.map((row) => row.prefix).sort()).toEqual([...SEED_TRUSTLIST_PREFIXES].sort());
  });

  it("keeps a named app secret that already matches, and runs safely in parallel", async () => {
    const { tenant } = await createTestTenant(t.db);
    const secret = "sk_seed-secret-of-the-caller-0000000000000000";
    const results = await Promise.all([1, 2, 3].map(() => ensureChannelPrerequisites(t.db, tenant.id, { apiAppSecret: secret })));
    expect(new Set(results.map((r) => r.ouId)).size).toBe(1);
    expect(results.every((r) => r.apiApp.appSecret === secret)).toBe(true);
    const audits = await t.db.select().from(auditLog).where(and(eq(auditLog.tenantId, tenant.id), eq(auditLog.action, "channel.seedPrerequisites")));
    expect(audits).toHaveLength(1); // the two later runs changed nothing
    expect(JSON.stringify(audits)).not.toContain(secret);
  });

  it("gives each tenant its own prerequisites", async () => {
    const a = await createTestTenant(t.db);
    const b = await createTestTenant(t.db);
    const [pa, pb] = [await ensureChannelPrerequisites(t.db, a.tenant.id), await ensureChannelPrerequisites(t.db, b.tenant.id)];
    expect(pa.ouId).not.toBe(pb.ouId);
    expect(pa.trustCertificateId).not.toBe(pb.trustCertificateId);
    expect(pa.apiApp.appKey).not.toBe(pb.apiApp.appKey);
  });
});

describe("variantInput and createTestChannel", () => {
  it("produces an envelope every step schema accepts, for each variant", async () => {
    const { tenant } = await createTestTenant(t.db);
    const prereq = await ensureChannelPrerequisites(t.db, tenant.id);
    for (const variant of CHANNEL_VARIANTS) {
      const parsed = saveChannelEnvelopeSchema.safeParse(variantInput(variant, prereq, { name: `ok_${variant.replace("-", "_")}` }));
      expect(parsed.success, variant).toBe(true);
    }
  });

  it("saves one channel of each variant through saveChannel, secrets encrypted under their context", async () => {
    const { admin } = await createTestTenant(t.db);
    const prerequisites = await ensureChannelPrerequisites(t.db, admin.tenantId!);
    for (const variant of CHANNEL_VARIANTS) {
      const channel = await createTestChannel(t.db, admin, variant, { prerequisites, secrets: CANARY });
      const row = await getChannel(t.db, { tenantId: admin.tenantId! }, channel.id);
      expect(row, variant).not.toBeNull();
      expect(variantOfRow(row!)).toBe(variant);
      expect(row!.version).toBe(1);
      expect(row!.phoneNumber).toBe(channel.phoneNumber);
      expect(Object.keys(row!.secrets).sort()).toEqual(secretFieldsOf(variant).filter((f) => f !== "botToken").sort());
      const text = JSON.stringify(row);
      for (const value of Object.values(CANARY)) expect(text).not.toContain(value);
      if (variant === "infobip") expect(decryptChannelSecret(getKeyring(), row!, "accountKey")).toBe(CANARY.accountKey);
      if (variant === "telegram") expect(decryptChannelSecret(getKeyring(), row!, "appSecret")).toBe(prerequisites.apiApp.appSecret);
    }
  });

  it("refuses a second channel with the same WhatsApp number, as saveChannel does", async () => {
    const { admin } = await createTestTenant(t.db);
    const first = await createTestChannel(t.db, admin, "twilio");
    await expect(createTestChannel(t.db, admin, "infobip", { phoneNumber: first.phoneNumber! })).rejects.toMatchObject({
      code: "channels.errors.numberInUse",
    });
  });
});

describe("seedEachVariant", () => {
  it("answers each channel's integration values, the tokens decrypted from the row", async () => {
    const { admin } = await createTestTenant(t.db);
    const ctx = tenantContext(t.db, admin);
    const { channels: seeded, prerequisites } = await seedEachVariant(t.db, ctx.user, CANARY);
    expect(seeded.map((c) => c.variant)).toEqual([...CHANNEL_VARIANTS]);
    for (const channel of seeded) {
      const [row] = await t.db.select().from(channels).where(eq(channels.id, channel.id));
      expect(row!.tenantId).toBe(admin.tenantId);
      expect(row!.webhookKey).toMatch(WEBHOOK_KEY_PATTERN);
      for (const { url } of channel.webhookUrls) {
        expect(url).toContain(`/api/webhooks/`);
        expect(url).toContain(row!.webhookKey);
        expect(url).not.toContain(row!.id);
      }
      if (channel.variant === "cloud-api") {
        expect(channel.verifyToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(decryptSecret(getKeyring(), row!.integrationToken!, channelSecretContext(row!.id, "integrationToken"))).toBe(channel.verifyToken);
        expect(channel.webhookUrls).toEqual([{ name: "webhook", url: expect.stringMatching(/\/api\/webhooks\/whatsapp-cloud\/[A-Za-z0-9_-]{32}$/) }]);
        expect(decryptChannelSecret(getKeyring(), row!, "appSecret")).toBe(CANARY.appSecret);
      } else if (channel.variant === "telegram") {
        expect(channel.secretToken).toMatch(/^[A-Za-z0-9_-]{43}$/);
        expect(channel.verifyToken).toBeUndefined();
        expect(row!.apiAppId).toBe(prerequisites.apiApp.id);
        expect(row!.secrets.botToken).toBeUndefined();
      } else {
        expect(channel.verifyToken).toBeUndefined();
        expect(channel.secretToken).toBeUndefined();
        expect(row!.integrationToken).toBeNull();
      }
    }
    const urls = Object.fromEntries(seeded.map((c) => [c.variant, c.webhookUrls.map((u) => u.name)]));
    expect(urls).toEqual({
      infobip: ["message", "report"],
      "other-basic": ["message", "report"],
      "other-oAuth": ["message", "report"],
      "cloud-api": ["webhook"],
      twilio: ["message", "status"],
      telegram: ["message"],
    });
    expect(seeded.find((c) => c.variant === "other-basic")!.webhookUrls[0]!.url).toContain("/api/webhooks/bsp/");
  });
});

describe("seedBulkChannels", () => {
  it("inserts N valid channels with unique names and numbers, secrets encrypted per row", async () => {
    const { admin } = await createTestTenant(t.db);
    const tenantId = admin.tenantId!;
    const progress: number[] = [];
    const result = await seedBulkChannels(t.db, tenantId, 250, { batchSize: 100, actorUserId: admin.id, onProgress: (done) => progress.push(done) });
    // Two batches are written at once, so the short last one may finish before the one before it.
    const steps = progress.map((done, i) => done - (progress[i - 1] ?? 0));
    expect(steps.sort((a, b) => a - b)).toEqual([50, 100, 100]);
    expect(progress.at(-1)).toBe(250);
    expect(result.count).toBe(250);
    expect(Object.values(result.byVariant).reduce((a, b) => a + b, 0)).toBe(250);

    const rows = await t.db.select().from(channels).where(eq(channels.tenantId, tenantId));
    expect(rows).toHaveLength(250);
    expect(new Set(rows.map((r) => r.name.toLowerCase())).size).toBe(250);
    expect(new Set(rows.map((r) => r.webhookKey)).size).toBe(250);
    const numbers = rows.filter((r) => r.channelType === "whatsapp" && r.phoneNumber).map((r) => r.phoneNumber);
    expect(numbers.length).toBeGreaterThan(150);
    expect(new Set(numbers).size).toBe(numbers.length);
    expect(rows.every((r) => r.name.endsWith(`_${result.run}`))).toBe(true);
    expect(new Set(rows.map((r) => r.provider))).toEqual(new Set(["infobip", "other", "cloud-api", "twilio", "telegram"]));
    expect(rows.some((r) => r.status === "disabled")).toBe(true);
    expect(new Set(rows.map((r) => r.createdAt.getTime())).size).toBeGreaterThan(200);
    expect(rows.every((r) => r.updatedAt >= r.createdAt)).toBe(true);

    const keyring = getKeyring();
    for (const row of rows) {
      const variant = variantOfRow(row);
      expect(Object.keys(row.secrets).sort()).toEqual(secretFieldsOf(variant).filter((f) => f !== "botToken").sort());
      for (const [field, ciphertext] of Object.entries(row.secrets)) {
        const plaintext = decryptSecret(keyring, ciphertext, channelSecretContext(row.id, field));
        expect(plaintext.length).toBeGreaterThan(0);
        expect(JSON.stringify(row)).not.toContain(plaintext);
        // Bound to its own row: another channel's context does not open it.
        expect(() => decryptSecret(keyring, ciphertext, channelSecretContext(rows[0]!.id === row.id ? rows[1]!.id : rows[0]!.id, field))).toThrow(
          SecretDecryptionError,
        );
      }
    }
    const transfers = await t.db.select({ n: count() }).from(channelTransferQueues).where(eq(channelTransferQueues.tenantId, tenantId));
    expect(transfers[0]!.n).toBe(rows.filter((r) => r.sessionTransferEnabled).length);
  });

  it("writes rows that saveChannel accepts as they are (an edit with no change saves)", async () => {
    const { admin } = await createTestTenant(t.db);
    const ctx = tenantContext(t.db, admin);
    await seedBulkChannels(t.db, ctx.tenantId, 12, { disabledEvery: 0 });
    const rows = await t.db.select().from(channels).where(eq(channels.tenantId, ctx.tenantId));
    for (const stored of rows) {
      const row = (await getChannel(t.db, ctx, stored.id))!;
      const input = saveChannelEnvelopeSchema.parse({
        channelId: row.id,
        version: row.version,
        // informationFromRow leaves out a bot token that was never stored; the wizard's form sends "".
        information: { botToken: row.provider === "telegram" ? "" : undefined, ...informationFromRow(row) },
        basic: basicFromRow(row),
        robot: robotFromRow(row),
      });
      await expect(saveChannel(input, ctx), `${row.name}`).resolves.toEqual({ id: row.id, version: 2 });
      const after = (await getChannel(t.db, ctx, row.id))!;
      expect(after.secrets).toEqual(row.secrets);
      expect(after.settings).toEqual(row.settings);
    }
  });

  it("never reuses a name or number of an earlier run", async () => {
    const { admin } = await createTestTenant(t.db);
    const first = await seedBulkChannels(t.db, admin.tenantId!, 30);
    const second = await seedBulkChannels(t.db, admin.tenantId!, 30);
    expect(second.run).not.toBe(first.run);
    const [row] = await t.db.select({ n: count() }).from(channels).where(and(eq(channels.tenantId, admin.tenantId!), like(channels.name, "seed_%")));
    expect(row!.n).toBe(60);
  });

  it("refuses a count out of range", async () => {
    const { tenant } = await createTestTenant(t.db);
    await expect(seedBulkChannels(t.db, tenant.id, 0)).rejects.toThrow(/count/);
  });
});
