import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getChannel } from "@/db/queries/channels";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { getKeyring } from "@/lib/crypto/keyring";
import { CHANNEL_VARIANTS } from "@/lib/validations/channels/information";
import { configurationDocument, configurationFileName } from "./configuration-document";
import { decryptChannelSecret } from "./secrets";
import { seedEachVariant } from "@/testing/seed/variants";

let t: TestDatabase;
let a: Awaited<ReturnType<typeof createTestTenant>>;

beforeAll(async () => {
  t = await createTestDatabase();
  a = await createTestTenant(t.db);
});
afterAll(() => t.close());

describe("the configuration document", () => {
  it("has every variant's configuration and none of its secrets, masks or tokens", async () => {
    const canary = "CANARYdoc0123456789abcdef";
    const { channels } = await seedEachVariant(t.db, { ...a.admin, role: "tenant_admin", tenantId: a.tenant.id }, {
      webhookPassword: `${canary}wh`,
      password: `${canary}pw`,
      accountKey: `${canary}ak`,
      authenticationKey: `${canary}auth`,
      accessToken: `${canary}at`,
    });
    expect(channels.map((channel) => channel.variant)).toEqual([...CHANNEL_VARIANTS]);
    for (const seeded of channels) {
      const row = (await getChannel(t.db, { tenantId: a.tenant.id }, seeded.id))!;
      const document = configurationDocument(row, "https://console.example.com");
      const text = JSON.stringify(document);
      expect(text).not.toContain(canary);
      expect(text).not.toContain("••••");
      for (const field of Object.keys(row.secrets)) expect(text).not.toContain(decryptChannelSecret(getKeyring(), row, field)!);
      if (row.integrationToken) expect(text).not.toContain(decryptChannelSecret(getKeyring(), row, "integrationToken")!);
      expect(document.secretsStored).toEqual(Object.keys(row.secrets).sort());
      expect(document).toMatchObject({ name: row.name, provider: row.provider, basic: { name: row.name, ouId: row.ouId } });
      expect(document.integration.webhookUrls[0]!.url).toContain(`https://console.example.com/api/webhooks/`);
      expect(configurationFileName(row)).toBe(`channel-${row.name}.json`);
    }
  });
});
