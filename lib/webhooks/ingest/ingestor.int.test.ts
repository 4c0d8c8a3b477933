import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookAttempts, webhookEndpointStatus, webhookEvents } from "@/db/schema";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createTestIngestor, createWebhookChannel, providerRequest, targetOf, type WebhookTestChannel, type WebIngestor } from "@/testing/db/webhook-fixtures";
import type { CurrentUser } from "@/lib/auth/current-user";
import { fixtureBytes } from "@/testing/fixtures/webhooks";

let t: TestDatabase;
let admin: CurrentUser;
let ingestor: WebIngestor;
let channel: WebhookTestChannel;

beforeAll(async () => {
  t = await createTestDatabase();
  admin = (await createTestTenant(t.db)).admin;
  ingestor = createTestIngestor(t.db, t.pool);
  channel = await createWebhookChannel(t.db, admin, "cloud-api", { information: { phoneNumberId: "106540352242922" } });
});
afterAll(() => t.close());

describe("the ingestion pipeline", () => {
  it("stores a signed Meta delivery once, logs both calls, and marks the URL as receiving", async () => {
    const body = fixtureBytes("meta-text.json").toString("utf8");
    const first = await ingestor.post(await providerRequest(channel, "webhook", body), targetOf(channel, "webhook"));
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
    const retry = await ingestor.post(await providerRequest(channel, "webhook", body), targetOf(channel, "webhook"));
    expect(await retry.json()).toEqual({ status: "stored", stored: 0, duplicates: 1 });

    const events = await t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ kind: "message", type: "text", fromAddress: "16505551234", tenantId: admin.tenantId });
    const attempts = await t.db.select().from(webhookAttempts).where(eq(webhookAttempts.channelId, channel.id)).orderBy(webhookAttempts.id);
    expect(attempts.map((a) => [a.outcome, a.statusCode, a.stored, a.duplicates])).toEqual([
      ["accepted", 200, 1, 0],
      ["duplicate", 200, 0, 1],
    ]);
    const [status] = await t.db.select().from(webhookEndpointStatus).where(eq(webhookEndpointStatus.channelId, channel.id));
    expect(status!.lastAcceptedAt).not.toBeNull();
  });

  it("refuses a wrong signature with 403 and stores nothing", async () => {
    const body = fixtureBytes("meta-statuses.json").toString("utf8");
    const response = await ingestor.post(await providerRequest(channel, "webhook", body, { headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` } }), targetOf(channel, "webhook"));
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "signatureMismatch" } });
    const events = await t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id));
    expect(events).toHaveLength(1);
  });
});
