import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outboundMessageStates, webhookAttempts, webhookEvents } from "@/db/schema";
import { createTestTenant, type TestUser } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createTestIngestor, createWebhookChannel, providerRequest, targetOf, type WebhookTestChannel, type WebIngestor } from "@/testing/db/webhook-fixtures";
import { fixtureBytes } from "@/testing/fixtures/webhooks";
import { EVENT_TEXT_MAX, getActivityCounts, getEndpointStatuses, listLatestAttempts, listLatestEvents } from "./channel-activity";

let t: TestDatabase;
let adminA: TestUser;
let adminB: TestUser;
let ingestor: WebIngestor;
/** Tenant A's channel: fixture deliveries through the ingestor, plus time-specific rows. */
let channel: WebhookTestChannel;
/** Tenant B's channel, with traffic of its own. */
let other: WebhookTestChannel;
const scopeA = () => ({ tenantId: adminA.tenantId! });
const scopeB = () => ({ tenantId: adminB.tenantId! });

/** The day the Meta fixtures' timestamps fall on (1749416383 … 1749416800). */
const FIXTURE_DAY = { from: new Date("2025-06-08T00:00:00.000Z"), to: new Date("2025-06-09T00:00:00.000Z") };
/** A day holding only rows inserted directly, at chosen times. */
const DAY = { from: new Date("2026-01-10T00:00:00.000Z"), to: new Date("2026-01-11T00:00:00.000Z") };
const ms = (date: Date, offset: number) => new Date(date.getTime() + offset);

async function insertMessage(target: WebhookTestChannel, tenantId: string, occurredAt: Date, text: string | null = "hello") {
  const id = `wamid.${randomBytes(6).toString("hex")}`;
  await t.db.insert(webhookEvents).values({
    tenantId,
    channelId: target.id,
    endpoint: "webhook",
    kind: "message",
    idempotencyKey: `message:${id}`,
    providerMessageId: id,
    type: "text",
    providerType: "text",
    fromAddress: "16505551234",
    toAddress: "15550783881",
    text,
    occurredAt,
    raw: { id },
  });
}

async function insertState(target: WebhookTestChannel, tenantId: string, status: string, firstReportedAt: Date) {
  await t.db.insert(outboundMessageStates).values({
    tenantId,
    channelId: target.id,
    providerMessageId: `wamid.out.${randomBytes(6).toString("hex")}`,
    status,
    firstReportedAt,
  });
}

beforeAll(async () => {
  t = await createTestDatabase();
  adminA = (await createTestTenant(t.db)).admin;
  adminB = (await createTestTenant(t.db)).admin;
  ingestor = createTestIngestor(t.db, t.pool);
  channel = await createWebhookChannel(t.db, adminA, "cloud-api", { information: { phoneNumberId: "106540352242922" } });
  other = await createWebhookChannel(t.db, adminB, "cloud-api", { information: { phoneNumberId: "106540352242922" } });

  // Through the real pipeline: one message, five reports about three outbound messages, one forged call.
  for (const name of ["meta-text.json", "meta-statuses.json"]) {
    const response = await ingestor.post(await providerRequest(channel, "webhook", fixtureBytes(name).toString("utf8")), targetOf(channel, "webhook"));
    expect(response.status).toBe(200);
  }
  const forged = await providerRequest(channel, "webhook", fixtureBytes("meta-text.json").toString("utf8"), {
    headers: { "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
  });
  expect((await ingestor.post(forged, targetOf(channel, "webhook"))).status).toBe(403);
  // Rejections are logged without the caller waiting for it.
  await vi.waitFor(async () => expect(await listLatestAttempts(t.db, scopeA(), channel.id, 10)).toHaveLength(3), { timeout: 5_000 });

  // Tenant B's channel gets the same deliveries: none of it may show up for tenant A.
  for (const name of ["meta-text.json", "meta-statuses.json"]) {
    expect((await ingestor.post(await providerRequest(other, "webhook", fixtureBytes(name).toString("utf8")), targetOf(other, "webhook"))).status).toBe(200);
  }
});
afterAll(() => t.close());

describe("getActivityCounts", () => {
  it("counts what the pipeline stored on the fixtures' day: sent includes the failed message", async () => {
    // outbound.1 sent → delivered → read (read), outbound.2 failed, outbound.3 played.
    expect(await getActivityCounts(t.db, scopeA(), channel.id, FIXTURE_DAY)).toEqual({ received: 1, sent: 3, delivered: 2, read: 2, failed: 1 });
  });

  it("counts rows from the start of the period up to, not including, its end", async () => {
    const { tenantId } = scopeA();
    await insertMessage(channel, tenantId, DAY.from);
    await insertMessage(channel, tenantId, ms(DAY.from, 3_600_000));
    await insertMessage(channel, tenantId, ms(DAY.to, -1));
    await insertMessage(channel, tenantId, ms(DAY.from, -1));
    await insertMessage(channel, tenantId, DAY.to);
    await insertState(channel, tenantId, "accepted", DAY.from);
    await insertState(channel, tenantId, "sent", ms(DAY.from, 60_000));
    await insertState(channel, tenantId, "delivered", ms(DAY.from, 120_000));
    await insertState(channel, tenantId, "read", ms(DAY.from, 180_000));
    await insertState(channel, tenantId, "undelivered", ms(DAY.to, -1));
    await insertState(channel, tenantId, "failed", ms(DAY.from, -1));
    await insertState(channel, tenantId, "delivered", DAY.to);

    expect(await getActivityCounts(t.db, scopeA(), channel.id, DAY)).toEqual({ received: 3, sent: 5, delivered: 2, read: 1, failed: 1 });
    // The two days together, and an empty period.
    expect(await getActivityCounts(t.db, scopeA(), channel.id, { from: FIXTURE_DAY.from, to: ms(DAY.to, 1) })).toEqual({
      received: 1 + 5,
      sent: 3 + 7,
      delivered: 2 + 3,
      read: 2 + 1,
      failed: 1 + 2,
    });
    expect(await getActivityCounts(t.db, scopeA(), channel.id, { from: DAY.to, to: DAY.to })).toEqual({ received: 0, sent: 0, delivered: 0, read: 0, failed: 0 });
  });

  it("reads another tenant's channel as nothing", async () => {
    expect(await getActivityCounts(t.db, scopeB(), channel.id, FIXTURE_DAY)).toBeNull();
    expect(await getActivityCounts(t.db, scopeA(), other.id, FIXTURE_DAY)).toBeNull();
    // The same deliveries on tenant B's own channel count there, and only there.
    expect(await getActivityCounts(t.db, scopeB(), other.id, FIXTURE_DAY)).toEqual({ received: 1, sent: 3, delivered: 2, read: 2, failed: 1 });
  });
});

describe("listLatestEvents", () => {
  it("lists the newest first, with the pipeline's message and reports, and stops at the limit", async () => {
    const fixtureEvents = (await listLatestEvents(t.db, scopeA(), channel.id, 100)).filter((event) => event.occurredAt < FIXTURE_DAY.to);
    expect(fixtureEvents.map((event) => event.kind)).toEqual(["status", "status", "status", "status", "status", "message"]);
    expect(fixtureEvents.at(-1)).toMatchObject({
      type: "text",
      fromAddress: "16505551234",
      senderName: "Sheena Nelson",
      text: "Does it come in another color?",
      textTruncated: false,
      status: null,
    });
    const failed = fixtureEvents.find((event) => event.status === "failed");
    expect(failed).toMatchObject({ errorCode: "131047" });
    expect(failed!.errorReason).toBeTruthy();

    const all = await listLatestEvents(t.db, scopeA(), channel.id, 100);
    expect(all.map((event) => event.id)).toEqual([...all.map((event) => event.id)].sort((a, b) => b - a));
    const two = await listLatestEvents(t.db, scopeA(), channel.id, 2);
    expect(two.map((event) => event.id)).toEqual(all.slice(0, 2).map((event) => event.id));
  });

  it("cuts long texts for display and says so", async () => {
    await insertMessage(channel, scopeA().tenantId, new Date(), "x".repeat(EVENT_TEXT_MAX + 50));
    const [newest] = await listLatestEvents(t.db, scopeA(), channel.id, 1);
    expect(newest!.text).toHaveLength(EVENT_TEXT_MAX);
    expect(newest!.textTruncated).toBe(true);
  });

  it("reads another tenant's channel as empty", async () => {
    expect(await listLatestEvents(t.db, scopeB(), channel.id, 100)).toEqual([]);
    expect(await listLatestEvents(t.db, scopeB(), other.id, 100)).toHaveLength(6);
  });
});

describe("listLatestAttempts", () => {
  it("lists the calls newest first with outcome, status code, reason and counts", async () => {
    const attempts = await listLatestAttempts(t.db, scopeA(), channel.id, 10);
    expect(attempts.map((a) => [a.outcome, a.statusCode, a.reason, a.stored, a.endpoint, a.method])).toEqual([
      ["rejected", 403, "signatureMismatch", 0, "webhook", "POST"],
      ["accepted", 200, null, 5, "webhook", "POST"],
      ["accepted", 200, null, 1, "webhook", "POST"],
    ]);
    expect(attempts.every((a) => a.durationMs >= 0 && a.suppressed === 0)).toBe(true);
    expect((await listLatestAttempts(t.db, scopeA(), channel.id, 1)).map((a) => a.id)).toEqual([attempts[0]!.id]);
  });

  it("carries the number of suppressed rejections", async () => {
    await t.db.insert(webhookAttempts).values({
      tenantId: scopeA().tenantId,
      channelId: channel.id,
      endpoint: "webhook",
      method: "POST",
      outcome: "rejected",
      statusCode: 403,
      reason: "signatureMismatch",
      suppressed: 41,
      durationMs: 1,
    });
    const [newest] = await listLatestAttempts(t.db, scopeA(), channel.id, 1);
    expect(newest).toMatchObject({ outcome: "rejected", suppressed: 41 });
  });

  it("reads another tenant's channel as empty", async () => {
    expect(await listLatestAttempts(t.db, scopeB(), channel.id, 10)).toEqual([]);
    expect(await listLatestAttempts(t.db, scopeA(), other.id, 10)).toEqual([]);
  });
});

describe("getEndpointStatuses", () => {
  it("answers each called URL's last acceptance and last rejection with its reason", async () => {
    const statuses = await getEndpointStatuses(t.db, scopeA(), channel.id);
    expect(statuses).toHaveLength(1);
    const [status] = statuses!;
    expect(status).toMatchObject({ endpoint: "webhook", lastRejectionReason: "signatureMismatch", lastRejectionStatus: 403, verifiedAt: null });
    expect(status!.lastAcceptedAt).toBeInstanceOf(Date);
    expect(status!.lastRejectedAt!.getTime()).toBeGreaterThanOrEqual(status!.lastAcceptedAt!.getTime());
  });

  it("answers an empty list for a channel never called, and null for another tenant's channel", async () => {
    const quiet = await createWebhookChannel(t.db, adminA, "twilio");
    expect(await getEndpointStatuses(t.db, scopeA(), quiet.id)).toEqual([]);
    expect(await getEndpointStatuses(t.db, scopeB(), channel.id)).toBeNull();
    expect(await getEndpointStatuses(t.db, scopeB(), quiet.id)).toBeNull();
  });
});
