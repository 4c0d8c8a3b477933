import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { auditLog, channels, webhookAttempts, webhookEvents } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { secretGraceActions } from "@/lib/channels/secret-grace-actions";
import { createActionClient } from "@/lib/guard/actions";
import { ensureChannelPrerequisites, tenantContext, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { createWebhookChannel, providerRequest, type WebhookTestChannel } from "@/testing/db/webhook-fixtures";
import { startDirectWebhookServer, useProcessIngestor } from "@/testing/db/webhook-server";
import { fixtureBytes, twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";
import { captureLog, type CapturedLog } from "@/testing/log-capture";
import { integrationOf, randomSeedSecrets, saveSeedChannel } from "@/testing/seed/variants";

/*
 * The secret grace period end to end: the production webhook path (node:http, the process-wide
 * ingestor and its channel cache) over real HTTP on loopback, on a real database. An administrator
 * replaces a channel's webhook secret through the channel save; calls proven with the old one keep
 * being accepted (and logged as such) until the grace period ends, by their choice or by the clock.
 */

let t: TestDatabase;
let admin: CurrentUser;
let intruder: CurrentUser;
let prerequisites: ChannelPrerequisites;
let origin: string;
let log: CapturedLog;
let stopIngestor: (() => Promise<void>) | undefined;
let stopServer: (() => Promise<void>) | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  stopIngestor = useProcessIngestor(t);
  admin = (await createTestTenant(t.db)).admin;
  intruder = (await createTestTenant(t.db)).admin;
  prerequisites = await ensureChannelPrerequisites(t.db, admin.tenantId!, { actorUserId: admin.id });
  ({ origin, close: stopServer } = await startDirectWebhookServer());
  log = captureLog();
}, 60_000);

afterEach(() => {
  vi.useRealTimers();
});

afterAll(async () => {
  log?.restore();
  await stopServer?.();
  await stopIngestor?.();
  await t?.close();
});

const as = (user: CurrentUser) => secretGraceActions(createActionClient({ getUser: async () => user, getDb: () => t.db }));

/** The field a save replaces, per variant, as the wizard names it. */
const SECRET_FIELD = { infobip: "webhookPassword", "cloud-api": "appSecret", twilio: "authToken" } as const;
type SavedVariant = keyof typeof SECRET_FIELD;

/** The channel's webhook secret replaced through the real save, as the wizard's edit sends it. */
async function replaceSecret(channel: WebhookTestChannel): Promise<WebhookTestChannel> {
  const field = SECRET_FIELD[channel.variant as SavedVariant];
  // A value in the provider's real shape (a fresh channel's), so the save's checks pass.
  const value = randomSeedSecrets()[field];
  const [row] = await t.db.select({ version: channels.version }).from(channels).where(eq(channels.id, channel.id));
  // Only the webhook secret is typed: every other secret field empty keeps what is stored.
  const information = Object.fromEntries(Object.entries(channel.input.information).map(([k, v]) => [k, k in channel.secrets ? "" : v]));
  await saveSeedChannel({ ...channel.input, channelId: channel.id, version: row!.version, information: { ...information, [field]: value } }, tenantContext(t.db, admin));
  return { ...channel, secrets: { ...channel.secrets, [field]: value } };
}

function body(channel: WebhookTestChannel, id: string): string {
  switch (channel.variant) {
    case "cloud-api": {
      const payload = JSON.parse(fixtureBytes("meta-text.json").toString("utf8"));
      payload.entry[0].changes[0].value.metadata.phone_number_id = channel.input.information.phoneNumberId;
      payload.entry[0].changes[0].value.messages[0].id = id;
      return JSON.stringify(payload);
    }
    case "twilio":
      return twilioForm({ ...Object.values(twilioFixtures("twilio-inbound.json"))[0]!, MessageSid: `SM${id}` });
    case "telegram": {
      const payload = JSON.parse(fixtureBytes("telegram-update-text.json").toString("utf8"));
      payload.update_id = Number.parseInt(id.replace(/\D/g, "").slice(0, 9) || "1", 10);
      return JSON.stringify(payload);
    }
    default: {
      const payload = JSON.parse(fixtureBytes("infobip-inbound-text.json").toString("utf8"));
      payload.results[0].messageId = id;
      return JSON.stringify(payload);
    }
  }
}

/** A delivery proven with the secrets `signer` holds, sent over HTTP to the direct webhook path. */
async function deliver(signer: WebhookTestChannel, id: string): Promise<number> {
  const request = await providerRequest(signer, "message", body(signer, id));
  const url = new URL(request.url);
  const response = await fetch(`${origin}${url.pathname}`, { method: "POST", headers: request.headers, body: await request.text() });
  await response.text();
  return response.status;
}

const attemptsOf = (channel: { id: string }) => t.db.select().from(webhookAttempts).where(eq(webhookAttempts.channelId, channel.id)).orderBy(webhookAttempts.id);
const eventCount = async (channel: { id: string }) => (await t.db.select({ id: webhookEvents.id }).from(webhookEvents).where(eq(webhookEvents.channelId, channel.id))).length;
const graceOf = async (channel: { id: string }) =>
  (await t.db.select({ field: channels.previousSecretField, until: channels.previousSecretUntil }).from(channels).where(eq(channels.id, channel.id)))[0]!;

/** Rejections are logged without the call waiting: poll for the newest row. */
async function lastAttempt(channel: { id: string }, count: number) {
  return vi.waitFor(
    async () => {
      const rows = await attemptsOf(channel);
      expect(rows.length).toBeGreaterThanOrEqual(count);
      return rows.at(-1)!;
    },
    { timeout: 5_000, interval: 20 },
  );
}

/** Nothing the attempt log or the console's log holds may contain a secret. */
async function expectNoSecretStored(channel: { id: string }, ...secrets: string[]) {
  const rows = JSON.stringify(await attemptsOf(channel));
  for (const secret of secrets) {
    expect(rows).not.toContain(secret);
    expect(log.text()).not.toContain(secret);
  }
}

describe("a replaced cloud-api App Secret", () => {
  it("accepts the old and the new secret during the grace period, logging which one each delivery used", async () => {
    const before = await createWebhookChannel(t.db, admin, "cloud-api", { prerequisites });
    // A delivery first, so the old channel is in the ingestor's cache when the secret changes.
    expect(await deliver(before, "wamid.grace-0")).toBe(200);
    const after = await replaceSecret(before);

    const grace = await graceOf(before);
    expect(grace.field).toBe("appSecret");
    expect(grace.until!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    expect(grace.until!.getTime() - Date.now()).toBeLessThanOrEqual(24 * 3600_000);

    expect(await deliver(before, "wamid.grace-old")).toBe(200);
    expect(await deliver(after, "wamid.grace-new")).toBe(200);
    const attempts = await attemptsOf(before);
    expect(attempts.map((a) => [a.outcome, a.credential])).toEqual([
      ["accepted", "current"],
      ["accepted", "previous"],
      ["accepted", "current"],
    ]);
    expect(await eventCount(before)).toBe(3);

    // "End now": the old secret is refused at once (the cached channel is written off), nothing is stored.
    const ended = await as(admin).changeSecretGrace({ channelId: before.id, action: "end" });
    expect(ended).toEqual({ ok: true, data: { until: null } });
    expect(await graceOf(before)).toEqual({ field: null, until: null });
    expect(await deliver(before, "wamid.grace-late")).toBe(403);
    const refused = await lastAttempt(before, 4);
    expect(refused).toMatchObject({ outcome: "rejected", statusCode: 403, credential: null });
    expect(await eventCount(before)).toBe(3);
    expect(await deliver(after, "wamid.grace-new-2")).toBe(200);

    const [audit] = await t.db.select().from(auditLog).where(and(eq(auditLog.targetId, before.id), eq(auditLog.action, "channel.secretGraceEnded")));
    expect(audit).toMatchObject({ actorUserId: admin.id, before: { secret: "appSecret" }, after: { secret: "appSecret", graceUntil: "ended" } });
    expect(JSON.stringify(audit)).not.toContain(before.secrets.appSecret);
    await expectNoSecretStored(before, before.secrets.appSecret, after.secrets.appSecret);
  });

  it("refuses the old secret once the deadline has passed, and an admin may choose the period", async () => {
    const before = await createWebhookChannel(t.db, admin, "cloud-api", { prerequisites });
    const after = await replaceSecret(before);
    expect(await deliver(before, "wamid.clock-1")).toBe(200);

    const changed = await as(admin).changeSecretGrace({ channelId: before.id, action: "extend", period: "1h" });
    expect(changed.ok).toBe(true);
    const { until } = await graceOf(before);
    expect(Math.abs(until!.getTime() - (Date.now() + 3600_000))).toBeLessThan(60_000);
    expect(await deliver(before, "wamid.clock-2")).toBe(200);

    // Only Date is faked: the database and the sockets keep their own timers.
    vi.useFakeTimers({ toFake: ["Date"], now: until!.getTime() + 1_000 });
    expect(await deliver(before, "wamid.clock-3")).toBe(403);
    expect(await deliver(after, "wamid.clock-4")).toBe(200);
    expect(await eventCount(before)).toBe(3);
    // A period cannot be changed after its end: there is no grace period to change any more.
    expect(await as(admin).changeSecretGrace({ channelId: before.id, action: "extend", period: "7d" })).toMatchObject({ ok: false, error: "secretGrace.errors.noGrace" });
  });

  it("is not another tenant's to end or change", async () => {
    const before = await createWebhookChannel(t.db, admin, "cloud-api", { prerequisites });
    await replaceSecret(before);
    const grace = await graceOf(before);

    expect(await as(intruder).changeSecretGrace({ channelId: before.id, action: "end" })).toMatchObject({ ok: false, error: "secretGrace.errors.noGrace" });
    expect(await as(intruder).changeSecretGrace({ channelId: before.id, action: "extend", period: "7d" })).toMatchObject({ ok: false, error: "secretGrace.errors.noGrace" });
    expect(await as(intruder).regenerateSecretToken({ channelId: before.id })).toMatchObject({ ok: false });
    expect(await graceOf(before)).toEqual(grace);
    expect(await deliver(before, "wamid.cross-1")).toBe(200);
    expect((await lastAttempt(before, 1)).credential).toBe("previous");
    expect(await as(admin).changeSecretGrace({ channelId: before.id, action: "extend", period: "forever" })).toMatchObject({ ok: false });
  });
});

describe.each(["infobip", "twilio"] as const)("a replaced %s webhook secret", (variant) => {
  it("is accepted as the previous secret until ended", async () => {
    const before = await createWebhookChannel(t.db, admin, variant, { prerequisites });
    const after = await replaceSecret(before);
    expect(await graceOf(before)).toMatchObject({ field: SECRET_FIELD[variant] });

    expect(await deliver(before, `${variant}-old-1`)).toBe(200);
    expect(await deliver(after, `${variant}-new-1`)).toBe(200);
    expect((await attemptsOf(before)).map((a) => a.credential)).toEqual(["previous", "current"]);

    await as(admin).changeSecretGrace({ channelId: before.id, action: "end" });
    expect(await deliver(before, `${variant}-old-2`)).toBe(403);
    expect((await lastAttempt(before, 3)).credential).toBeNull();
    expect(await eventCount(before)).toBe(2);
    const field = SECRET_FIELD[variant];
    await expectNoSecretStored(before, before.secrets[field], after.secrets[field]);
  });
});

describe("a regenerated Telegram secret token", () => {
  it("keeps the old token accepted until the default grace period ends or is ended", async () => {
    const before = await createWebhookChannel(t.db, admin, "telegram", { prerequisites });
    expect(await deliver(before, "31001")).toBe(200);

    const regenerated = await as(admin).regenerateSecretToken({ channelId: before.id });
    expect(regenerated.ok).toBe(true);
    expect(JSON.stringify(regenerated)).not.toContain(before.integrationToken!);
    expect(await graceOf(before)).toMatchObject({ field: "integrationToken" });
    // The new token as the Channel Integration step shows it.
    const fresh = (await integrationOf(t.db, admin.tenantId!, before.id)).secretToken!;
    expect(fresh).not.toBe(before.integrationToken);
    const after = { ...before, integrationToken: fresh };

    expect(await deliver(before, "31002")).toBe(200);
    expect(await deliver(after, "31003")).toBe(200);
    expect((await attemptsOf(before)).map((a) => a.credential)).toEqual(["current", "previous", "current"]);

    await as(admin).changeSecretGrace({ channelId: before.id, action: "end" });
    expect(await deliver(before, "31004")).toBe(403);
    expect(await eventCount(before)).toBe(3);
    await expectNoSecretStored(before, before.integrationToken!, fresh);
  });
});
