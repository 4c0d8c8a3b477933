import { and, eq, gte } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outboundMessageStates, webhookAttempts, webhookEvents } from "@/db/schema";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { bearerTokenFor, createTestIngestor, createWebhookChannel, providerRequest, targetOf, type WebhookTestChannel, type WebIngestor } from "@/testing/db/webhook-fixtures";
import type { CurrentUser } from "@/lib/auth/current-user";
import { channelActions } from "@/lib/channels/actions";
import { generateWebhookKey } from "@/lib/channels/integration";
import { secretGraceActions } from "@/lib/channels/secret-grace-actions";
import { createActionClient } from "@/lib/guard/actions";
import { CHANNEL_VARIANTS, type ChannelVariant } from "@/lib/validations/channels/information";
import { fixtureJson, twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";
import { ENDPOINTS_BY_SEGMENT, type WebhookSegment } from "./webhook-channel";
import { captureLog } from "@/testing/log-capture";

/*
 * The rules every provider shares, on a real database: idempotency (also under concurrency),
 * monotonic statuses across calls, unknown / foreign / disabled keys, secrets replaced by a save,
 * the rejection rate limit, the bounded attempt log, U+0000, and tenant isolation.
 */

const PHONE_NUMBER_ID = "106540352242922";
const SEGMENTS = Object.keys(ENDPOINTS_BY_SEGMENT) as WebhookSegment[];

interface Tenant {
  admin: CurrentUser;
  prerequisites: ChannelPrerequisites;
}

let t: TestDatabase;
let a: Tenant;
let b: Tenant;
let ingestor: WebIngestor;
const tokens = new Map<string, string>();

beforeAll(async () => {
  t = await createTestDatabase();
  const tenants = await Promise.all([createTestTenant(t.db), createTestTenant(t.db)]);
  [a, b] = (await Promise.all(
    tenants.map(async ({ admin }) => ({ admin, prerequisites: await ensureChannelPrerequisites(t.db, admin.tenantId!, { actorUserId: admin.id }) })),
  )) as [Tenant, Tenant];
  ingestor = createTestIngestor(t.db, t.pool);
});
afterAll(() => t.close());

const actionsOf = (tenant: Tenant) => channelActions(createActionClient({ getUser: async () => tenant.admin, getDb: () => t.db }));
const graceActionsOf = (tenant: Tenant) => secretGraceActions(createActionClient({ getUser: async () => tenant.admin, getDb: () => t.db }));

function newChannel(variant: ChannelVariant, tenant: Tenant = a): Promise<WebhookTestChannel> {
  const information = variant === "cloud-api" ? { phoneNumberId: PHONE_NUMBER_ID } : {};
  return createWebhookChannel(t.db, tenant.admin, variant, { prerequisites: tenant.prerequisites, information });
}

let sequence = 0;
/** A fresh provider id (Telegram's update_id is a number). */
const nextId = () => String(9_000_000 + ++sequence);

/** One inbound text in the provider's own shape, on the URL it is posted to. */
function delivery(variant: ChannelVariant, id: string, text = "hello"): { endpoint: string; body: string } {
  switch (variant) {
    case "infobip":
    case "other-basic":
    case "other-oAuth": {
      const payload = fixtureJson<{ results: { messageId: string; message: { text: string }; contact: { name: string } }[] }>("infobip-inbound-text.json");
      Object.assign(payload.results[0]!, { messageId: id });
      payload.results[0]!.message.text = text;
      return { endpoint: "message", body: JSON.stringify(payload) };
    }
    case "cloud-api": {
      const payload = fixtureJson<{ entry: { changes: { value: { messages: { id: string; text: { body: string } }[] } }[] }[] }>("meta-text.json");
      const message = payload.entry[0]!.changes[0]!.value.messages[0]!;
      message.id = id;
      message.text.body = text;
      return { endpoint: "webhook", body: JSON.stringify(payload) };
    }
    case "twilio":
      return { endpoint: "message", body: twilioForm({ ...twilioFixtures("twilio-inbound.json").text!, MessageSid: id, Body: text }) };
    case "telegram": {
      const update = fixtureJson<{ update_id: number; message: { text: string } }>("telegram-update-text.json");
      update.update_id = Number(id);
      update.message.text = text;
      return { endpoint: "message", body: JSON.stringify(update) };
    }
  }
}

/** A correctly authenticated request for the channel (bearer tokens fetched once per channel). */
async function signed(channel: WebhookTestChannel, endpoint: string, body: string, headers?: Record<string, string>): Promise<Request> {
  let bearerToken: string | undefined;
  if (channel.variant === "other-oAuth") {
    bearerToken = tokens.get(channel.id) ?? (await bearerTokenFor(t.db, channel));
    tokens.set(channel.id, bearerToken);
  }
  return providerRequest(channel, endpoint, body, { headers, bearerToken });
}

async function post(channel: WebhookTestChannel, endpoint: string, body: string, via: WebIngestor = ingestor, headers?: Record<string, string>) {
  return via.post(await signed(channel, endpoint, body, headers), targetOf(channel, endpoint));
}

const eventsOf = (channel: WebhookTestChannel) => t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id));
const attemptsOf = (channel: WebhookTestChannel) => t.db.select().from(webhookAttempts).where(eq(webhookAttempts.channelId, channel.id)).orderBy(webhookAttempts.id);
const stateOf = async (channel: WebhookTestChannel, providerMessageId: string) =>
  (
    await t.db
      .select()
      .from(outboundMessageStates)
      .where(and(eq(outboundMessageStates.channelId, channel.id), eq(outboundMessageStates.providerMessageId, providerMessageId)))
  )[0];
const waitFor = <T>(check: () => Promise<T>) => vi.waitFor(check, { timeout: 5_000, interval: 20 });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("idempotency", () => {
  it.each(CHANNEL_VARIANTS)("%s: a retry of the same delivery answers 200, stores nothing new and is logged as a duplicate", async (variant) => {
    const channel = await newChannel(variant);
    const { endpoint, body } = delivery(variant, nextId());
    const first = await post(channel, endpoint, body);
    const retry = await post(channel, endpoint, body);
    expect([first.status, retry.status]).toEqual([200, 200]);
    if (variant !== "twilio") expect(await retry.json()).toEqual({ status: "stored", stored: 0, duplicates: 1 });
    expect(await eventsOf(channel)).toHaveLength(1);
    expect((await attemptsOf(channel)).map((x) => [x.outcome, x.statusCode, x.stored, x.duplicates])).toEqual([
      ["accepted", 200, 1, 0],
      ["duplicate", 200, 0, 1],
    ]);
  });

  it.each([
    ["one group commit", {}],
    ["separate competing transactions", { maxBatch: 1, maxConcurrentWrites: 4 }],
  ])("stores the same delivery posted 10 times at once exactly once (%s)", async (_name, options) => {
    const via = createTestIngestor(t.db, t.pool, options);
    for (const variant of ["cloud-api", "infobip", "telegram"] as const) {
      const channel = await newChannel(variant);
      const { endpoint, body } = delivery(variant, nextId());
      const requests = await Promise.all(Array.from({ length: 10 }, () => signed(channel, endpoint, body)));
      const responses = await Promise.all(requests.map((request) => via.post(request, targetOf(channel, endpoint))));
      expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
      const answers = (await Promise.all(responses.map((r) => r.json()))) as { stored: number; duplicates: number }[];
      expect(answers.reduce((sum, x) => sum + x.stored, 0)).toBe(1);
      expect(answers.reduce((sum, x) => sum + x.duplicates, 0)).toBe(9);
      expect(await eventsOf(channel)).toHaveLength(1);
      const outcomes = (await attemptsOf(channel)).map((x) => x.outcome).sort();
      expect(outcomes).toEqual(["accepted", ...Array(9).fill("duplicate")]);
    }
  });

  it("keeps the same provider id apart in two channels: unique per channel, not across them", async () => {
    const [mine, theirs] = await Promise.all([newChannel("infobip"), newChannel("infobip", b)]);
    const { endpoint, body } = delivery("infobip", "shared-id-1");
    expect((await post(mine, endpoint, body)).status).toBe(200);
    expect(await (await post(theirs, endpoint, body)).json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
  });
});

/** Status reports in each provider's shape: read, delivered, and a failure with its error. */
const STATUS_REPORTS = {
  "cloud-api": {
    endpoint: "webhook",
    report(id: string, status: "read" | "delivered" | "failed", at: number) {
      const errors = status === "failed" ? [{ code: 131026, title: "Message undeliverable", error_data: { details: "Receiver is incapable of receiving this message" } }] : undefined;
      const value = {
        messaging_product: "whatsapp",
        metadata: { display_phone_number: "15550783881", phone_number_id: PHONE_NUMBER_ID },
        statuses: [{ id, status, timestamp: String(at), recipient_id: "16505551234", errors }],
      };
      return JSON.stringify({ object: "whatsapp_business_account", entry: [{ id: "102290129340398", changes: [{ field: "messages", value }] }] });
    },
    error: ["131026", "Receiver is incapable of receiving this message"],
  },
  infobip: {
    endpoint: "report",
    report(id: string, status: "read" | "delivered" | "failed", at: number) {
      const time = new Date(at * 1000).toISOString().replace("Z", "+0000");
      if (status === "read") return JSON.stringify({ results: [{ messageId: id, seenAt: time, from: "447860099299", to: "385919998888" }] });
      const group = status === "delivered" ? { groupName: "DELIVERED", name: "DELIVERED_TO_HANDSET" } : { groupName: "UNDELIVERABLE", name: "UNDELIVERABLE_NOT_DELIVERED" };
      const error = status === "failed" ? { id: 7002, name: "EC_USER_NOT_REACHABLE", description: "User is not reachable on WhatsApp" } : { id: 0, name: "NO_ERROR" };
      return JSON.stringify({ results: [{ messageId: id, status: group, error, doneAt: time, to: "385919998888" }] });
    },
    error: ["7002", "User is not reachable on WhatsApp"],
  },
  twilio: {
    endpoint: "status",
    report(id: string, status: "read" | "delivered" | "failed") {
      const error: Record<string, string> = status === "failed" ? { ErrorCode: "63016", ErrorMessage: "Outside the allowed window" } : {};
      return twilioForm({ ...twilioFixtures("twilio-status.json").sent!, MessageSid: id, SmsSid: id, MessageStatus: status, SmsStatus: status, ...error });
    },
    error: ["63016", "Outside the allowed window"],
  },
} as const;

describe("out-of-order status reports across calls", () => {
  it.each(Object.keys(STATUS_REPORTS) as (keyof typeof STATUS_REPORTS)[])("%s: read then a late delivered stays read", async (variant) => {
    const { endpoint, report } = STATUS_REPORTS[variant];
    const channel = await newChannel(variant);
    const id = `out-${nextId()}`;
    expect((await post(channel, endpoint, report(id, "read", 1749416640))).status).toBe(200);
    expect((await post(channel, endpoint, report(id, "delivered", 1749416610))).status).toBe(200);
    expect(await eventsOf(channel)).toHaveLength(2);
    expect(await stateOf(channel, id)).toMatchObject({ status: "read", tenantId: a.admin.tenantId });
  });

  it.each(Object.keys(STATUS_REPORTS) as (keyof typeof STATUS_REPORTS)[])("%s: a failure keeps its error code and reason, and a later delivered changes nothing", async (variant) => {
    const { endpoint, report, error } = STATUS_REPORTS[variant];
    const channel = await newChannel(variant);
    const id = `out-${nextId()}`;
    expect((await post(channel, endpoint, report(id, "failed", 1749416700))).status).toBe(200);
    const failed = await stateOf(channel, id);
    expect([failed!.errorCode, failed!.errorReason]).toEqual(error);
    expect(["failed", "undelivered"]).toContain(failed!.status);

    expect((await post(channel, endpoint, report(id, "delivered", 1749416710))).status).toBe(200);
    expect((await post(channel, endpoint, report(id, "read", 1749416720))).status).toBe(200);
    // The reports are stored; the message's state is not touched.
    expect(await eventsOf(channel)).toHaveLength(3);
    expect(await stateOf(channel, id)).toEqual(failed);
  });

  it("ends at read when read and delivered race in separate transactions", async () => {
    const via = createTestIngestor(t.db, t.pool, { maxBatch: 1, maxConcurrentWrites: 4 });
    const { endpoint, report } = STATUS_REPORTS["cloud-api"];
    const channel = await newChannel("cloud-api");
    const ids = Array.from({ length: 5 }, () => `out-${nextId()}`);
    const bodies = ids.flatMap((id) => [report(id, "delivered", 1749416610), report(id, "read", 1749416640)]);
    const responses = await Promise.all(bodies.map(async (body) => via.post(await signed(channel, endpoint, body), targetOf(channel, endpoint))));
    expect(responses.map((r) => r.status)).toEqual(Array(10).fill(200));
    for (const id of ids) expect((await stateOf(channel, id))!.status).toBe("read");
  });
});

describe("channel keys", () => {
  it("answers 404 for an unknown or malformed key on every path and logs nothing, not even the key", async () => {
    const log = captureLog();
    const via = createTestIngestor(t.db, t.pool);
    const since = new Date();
    const keys = [generateWebhookKey(), generateWebhookKey().slice(1), "../../etc/passwd", ""];
    try {
      for (const segment of SEGMENTS) {
        for (const endpoint of [...ENDPOINTS_BY_SEGMENT[segment], undefined]) {
          for (const channelKey of keys) {
            const request = new Request(`https://console.example.com/api/webhooks/${segment}/${channelKey}`, { method: "POST", body: "{}" });
            const response = await via.post(request, { segment, channelKey, endpoint });
            expect(response.status).toBe(404);
            expect(await response.json()).toMatchObject({ error: { code: "unknownChannelKey" } });
          }
        }
      }
      const handshake = await via.handshake(new Request(`https://console.example.com/api/webhooks/whatsapp-cloud/${keys[0]}?hub.mode=subscribe`), { segment: "whatsapp-cloud", channelKey: keys[0]! });
      expect(handshake.status).toBe(404);
      await sleep(100);
      expect(await t.db.select().from(webhookAttempts).where(gte(webhookAttempts.at, since))).toEqual([]);
      // The process log says it happens (once a minute), never which key.
      expect(log.lines).toEqual([expect.objectContaining({ level: "warn", msg: "call to an unknown channel key", status: 404 })]);
      for (const key of keys.filter(Boolean)) expect(log.text()).not.toContain(key);
    } finally {
      log.restore();
    }
  });

  it.each(CHANNEL_VARIANTS)("%s: its key on another provider's path, or on a URL it does not have, is unknown there", async (variant) => {
    const channel = await newChannel(variant);
    const own = targetOf(channel, "message");
    const { endpoint, body } = delivery(variant, nextId());
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      for (const segment of SEGMENTS.filter((s) => s !== channel.segment)) {
        for (const name of [...ENDPOINTS_BY_SEGMENT[segment], undefined]) {
          const response = await ingestor.post(await signed(channel, endpoint, body), { segment, channelKey: channel.webhookKey, endpoint: name });
          expect(response.status, `${segment}/${name}`).toBe(404);
        }
      }
      const served = ENDPOINTS_BY_SEGMENT[channel.segment] as readonly string[];
      // One-URL providers have no last path segment; the others need one they serve.
      const unserved = served.length === 1 ? ["webhook", "message", "status", "report"] : [...["webhook", "status", "report"].filter((n) => !served.includes(n)), undefined];
      for (const name of unserved) {
        const response = await ingestor.post(await signed(channel, endpoint, body), { ...own, endpoint: name });
        expect(response.status, name).toBe(404);
      }
    } finally {
      warn.mockRestore();
    }
    await sleep(50);
    expect(await eventsOf(channel)).toHaveLength(0);
    expect(await attemptsOf(channel)).toEqual([]);
  });
});

describe("disabled channels", () => {
  it("answers 404 as for an unknown key, stores nothing, logs channelDisabled, and accepts again once re-enabled", async () => {
    const channel = await newChannel("cloud-api");
    const actions = actionsOf(a);
    expect((await post(channel, "webhook", delivery("cloud-api", nextId()).body)).status).toBe(200);

    expect(await actions.setChannelEnabled({ channelId: channel.id, enabled: false })).toMatchObject({ ok: true });
    // The cached channel still says enabled: the write re-checks and refuses.
    const refused = await post(channel, "webhook", delivery("cloud-api", nextId()).body);
    expect(refused.status).toBe(404);
    // The body is word for word an unknown key's, and its sentence is true of a disabled channel too.
    const refusedBody = await refused.text();
    const unknown = await ingestor.post(new Request(`https://console.example.com/api/webhooks/whatsapp-cloud/${generateWebhookKey()}`, { method: "POST", body: "{}" }), {
      segment: "whatsapp-cloud",
      channelKey: generateWebhookKey(),
    });
    expect(refusedBody).toBe(await unknown.text());
    expect(JSON.parse(refusedBody)).toEqual({ error: { code: "unknownChannelKey", message: "No enabled channel has this webhook URL (unknown or disabled)" } });
    expect((await post(channel, "webhook", delivery("cloud-api", nextId()).body)).status).toBe(404);
    expect(await eventsOf(channel)).toHaveLength(1);
    const logged = await waitFor(async () => {
      const rows = (await attemptsOf(channel)).filter((x) => x.outcome === "rejected");
      expect(rows).toHaveLength(1);
      return rows[0]!;
    });
    expect(logged).toMatchObject({ statusCode: 404, reason: "channelDisabled", tenantId: a.admin.tenantId });

    expect(await actions.setChannelEnabled({ channelId: channel.id, enabled: true })).toMatchObject({ ok: true });
    const accepted = await post(channel, "webhook", delivery("cloud-api", nextId()).body);
    expect(accepted.status).toBe(200);
    expect(await eventsOf(channel)).toHaveLength(2);
  });

  it("answers 404 to a channel disabled before its first call", async () => {
    const channel = await newChannel("telegram");
    expect(await actionsOf(a).setChannelEnabled({ channelId: channel.id, enabled: false })).toMatchObject({ ok: true });
    const response = await post(channel, "message", delivery("telegram", nextId()).body);
    expect(response.status).toBe(404);
    expect(await eventsOf(channel)).toHaveLength(0);
  });
});

describe("secrets replaced through a channel save", () => {
  /** Saves the channel as the wizard's Edit does, with `changes` typed into step 1. */
  async function saveWith(channel: WebhookTestChannel, changes: Record<string, string>) {
    const information = { ...(channel.input.information as Record<string, unknown>), ...changes };
    const result = await actionsOf(a).saveChannel({ ...channel.input, information, channelId: channel.id, version: channel.version });
    expect(result).toMatchObject({ ok: true, data: { version: channel.version + 1 } });
  }

  const CASES = [
    ["infobip", "webhookPassword"],
    ["cloud-api", "appSecret"],
    ["twilio", "authToken"],
  ] as const;

  it.each(CASES)("%s: the new %s works for the very next call after the save, the old one only in its grace period", async (variant, field) => {
    const channel = await newChannel(variant);
    const { endpoint } = delivery(variant, "x");
    expect((await post(channel, endpoint, delivery(variant, nextId()).body)).status).toBe(200);
    const replaced = { ...channel, secrets: { ...channel.secrets, [field]: field === "webhookPassword" ? "whp_replaced-password-1" : "f".repeat(32) } };
    await saveWith(channel, { [field]: replaced.secrets[field] });

    const fresh = await post(replaced, endpoint, delivery(variant, nextId()).body);
    expect(fresh.status).toBe(200);
    // The replaced value stays accepted for the secret grace period (lib/channels/secret-grace.ts).
    expect((await post(channel, endpoint, delivery(variant, nextId()).body)).status).toBe(200);
    expect(await graceActionsOf(a).changeSecretGrace({ channelId: channel.id, action: "end" })).toMatchObject({ ok: true });
    const stale = await post(channel, endpoint, delivery(variant, nextId()).body);
    expect(stale.status).toBe(403);
    expect(await eventsOf(channel)).toHaveLength(3);
  });

  it.each(CASES)("%s: the old %s is refused at once when its grace period is ended, though the channel was cached with it", async (variant, field) => {
    const channel = await newChannel(variant);
    const { endpoint } = delivery(variant, "x");
    expect((await post(channel, endpoint, delivery(variant, nextId()).body)).status).toBe(200);
    const replaced = { ...channel, secrets: { ...channel.secrets, [field]: field === "webhookPassword" ? "whp_replaced-password-2" : "e".repeat(32) } };
    await saveWith(channel, { [field]: replaced.secrets[field] });
    expect(await graceActionsOf(a).changeSecretGrace({ channelId: channel.id, action: "end" })).toMatchObject({ ok: true });

    const stale = await post(channel, endpoint, delivery(variant, nextId()).body);
    expect(stale.status).toBe(403);
    expect((await post(replaced, endpoint, delivery(variant, nextId()).body)).status).toBe(200);
    expect(await eventsOf(channel)).toHaveLength(2);
  });
});

describe("the attempt log", () => {
  it("logs a flood of 50 bad signatures once per window, the next row counting the suppressed ones", async () => {
    const via = createTestIngestor(t.db, t.pool, { rejectionWindowMs: 1_500 });
    const channel = await newChannel("cloud-api");
    const { body } = delivery("cloud-api", nextId());
    const bad = { "x-hub-signature-256": `sha256=${"0".repeat(64)}` };
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(channel, "webhook", body, via, bad)));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(403));
    await waitFor(async () => expect((await attemptsOf(channel)).length).toBeGreaterThanOrEqual(1));
    await sleep(200);
    const flood = await attemptsOf(channel);
    expect(flood.length).toBeLessThanOrEqual(2);

    await sleep(1_600);
    expect((await post(channel, "webhook", body, via, bad)).status).toBe(403);
    const rows = await waitFor(async () => {
      const all = await attemptsOf(channel);
      expect(all.length).toBe(flood.length + 1);
      return all;
    });
    expect(rows.every((row) => row.outcome === "rejected" && row.reason === "signatureMismatch" && row.statusCode === 403)).toBe(true);
    // Every one of the 51 calls is accounted for: logged, or counted on the row after it.
    expect(rows.reduce((sum, row) => sum + 1 + row.suppressed, 0)).toBe(51);
    expect(rows.at(-1)!.suppressed).toBeGreaterThan(0);
  });

  it("logs each reason on its own: a missing signature is not hidden by a flood of wrong ones", async () => {
    const channel = await newChannel("cloud-api");
    const { body } = delivery("cloud-api", nextId());
    await Promise.all(Array.from({ length: 20 }, () => post(channel, "webhook", body, ingestor, { "x-hub-signature-256": `sha256=${"1".repeat(64)}` })));
    expect((await post(channel, "webhook", body, ingestor, { "x-hub-signature-256": "" })).status).toBe(401);
    const rows = await waitFor(async () => {
      const all = await attemptsOf(channel);
      expect(all.length).toBe(2);
      return all;
    });
    expect(rows.map((row) => row.reason).sort()).toEqual(["signatureMismatch", "signatureMissing"]);
  });

  it("keeps the log of each channel bounded by pruning its oldest rows", async () => {
    const via = createTestIngestor(t.db, t.pool, { attemptsKept: 5, pruneEvery: 4 });
    const [busy, quiet] = await Promise.all([newChannel("infobip"), newChannel("infobip")]);
    for (let i = 0; i < 3; i++) await post(quiet, "message", delivery("infobip", nextId()).body, via);
    expect((await post(busy, "message", delivery("infobip", nextId()).body, via)).status).toBe(200);
    const [oldest] = await attemptsOf(busy);
    for (let i = 0; i < 29; i++) expect((await post(busy, "message", delivery("infobip", nextId()).body, via)).status).toBe(200);

    // At most attemptsKept rows plus the ones logged since the last pruning.
    const kept = await waitFor(async () => {
      const rows = await attemptsOf(busy);
      expect(rows.length).toBeLessThanOrEqual(5 + 4 - 1);
      return rows;
    });
    expect(kept.length).toBeGreaterThanOrEqual(5);
    expect(kept.map((row) => row.id)).not.toContain(oldest!.id);
    // The deliveries are not pruned, and other channels' logs are not touched.
    expect(await eventsOf(busy)).toHaveLength(30);
    expect(await attemptsOf(quiet)).toHaveLength(3);
  });
});

describe("hostile text and structure", () => {
  it.each(["cloud-api", "infobip", "telegram", "twilio"] as const)("%s: is stored as U+FFFD in the text and the raw item, never a 500", async (variant) => {
    const channel = await newChannel(variant);
    const { endpoint, body } = delivery(variant, nextId(), "before\u0000after");
    const response = await post(channel, endpoint, body);
    expect(response.status).toBe(200);
    const [event] = await eventsOf(channel);
    expect(event!.text).toBe("before\uFFFDafter");
    expect(JSON.stringify(event!.raw)).toContain("before\uFFFDafter");
  });

  it("replaces U+0000 in ids and names too, and leaves an escaped backslash-u0000 text alone", async () => {
    const channel = await newChannel("cloud-api");
    const payload = JSON.parse(delivery("cloud-api", "wamid.nul\u0000id", "a literal \\u0000 stays").body);
    payload.entry[0].changes[0].value.contacts[0].profile.name = "Nul\u0000Name";
    expect((await post(channel, "webhook", JSON.stringify(payload))).status).toBe(200);
    const [event] = await eventsOf(channel);
    expect(event).toMatchObject({ providerMessageId: "wamid.nul\uFFFDid", idempotencyKey: "message:wamid.nul\uFFFDid", senderName: "Nul\uFFFDName", text: "a literal \\u0000 stays" });
    expect((event!.raw as { text: { body: string } }).text.body).toBe("a literal \\u0000 stays");
  });

  it.each(["cloud-api", "infobip", "telegram"] as const)("%s: stores a lone surrogate as U+FFFD, counts it as new, and applies its status", async (variant) => {
    const channel = await newChannel(variant);
    // JSON may carry \\ud800 without its partner; PostgreSQL's jsonb refuses it and the driver would alter it in text.
    const body = delivery(variant, variant === "telegram" ? nextId() : `lone-\ud800-${nextId()}`, "half \ud83d emoji").body;
    const response = await post(channel, delivery(variant, "x").endpoint, body);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
    const [event] = await eventsOf(channel);
    expect(event!.text).toBe("half \uFFFD emoji");
    if (variant !== "telegram") expect(event!.providerMessageId).toMatch(/^lone-\uFFFD-/);

    const { endpoint, report } = STATUS_REPORTS["cloud-api"];
    const meta = variant === "cloud-api" ? channel : await newChannel("cloud-api");
    expect(await (await post(meta, endpoint, report("out-\udfff", "delivered", 1749416610))).json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
    expect(await stateOf(meta, "out-\uFFFD")).toMatchObject({ status: "delivered" });
  });

  it.each(["cloud-api", "infobip", "telegram"] as const)("%s: answers 400 naming the field for a body nested thousands of levels deep, not 500", async (variant) => {
    const channel = await newChannel(variant);
    const { endpoint, body } = delivery(variant, nextId());
    const payload = JSON.parse(body);
    const deep = "[".repeat(5_000) + "]".repeat(5_000);
    // An unknown field the schemas let through: only the depth is wrong.
    const text = JSON.stringify({ ...payload, extra: "DEEP" }).replace('"DEEP"', deep);
    const response = await post(channel, endpoint, text);
    expect(response.status).toBe(400);
    const answer = (await response.json()) as { error: { code: string; field: string } };
    expect(answer.error.code).toBe("payloadInvalid");
    expect(answer.error.field).toMatch(/^extra(\.0)+$/);
    expect(await eventsOf(channel)).toHaveLength(0);
  });
});

describe("tenant isolation", () => {
  it("stores each channel's events, states and log rows under that channel's tenant", async () => {
    const [mine, theirs] = await Promise.all([newChannel("cloud-api"), newChannel("cloud-api", b)]);
    const { report } = STATUS_REPORTS["cloud-api"];
    for (const channel of [mine, theirs]) {
      expect((await post(channel, "webhook", delivery("cloud-api", nextId()).body)).status).toBe(200);
      expect((await post(channel, "webhook", report(`out-${nextId()}`, "delivered", 1749416610))).status).toBe(200);
    }
    for (const [channel, tenant] of [
      [mine, a],
      [theirs, b],
    ] as const) {
      const tenantIds = [
        ...(await eventsOf(channel)).map((row) => row.tenantId),
        ...(await attemptsOf(channel)).map((row) => row.tenantId),
        ...(await t.db.select().from(outboundMessageStates).where(eq(outboundMessageStates.channelId, channel.id))).map((row) => row.tenantId),
      ];
      expect(tenantIds).toHaveLength(5);
      expect(new Set(tenantIds)).toEqual(new Set([tenant.admin.tenantId]));
    }
  });

  it.each(CHANNEL_VARIANTS)("%s: channel A's body with channel B's credentials on A's URL is refused", async (variant) => {
    const [mine, theirs] = await Promise.all([newChannel(variant), newChannel(variant, b)]);
    const { endpoint, body } = delivery(variant, nextId());
    // Signed for A's URL as B's provider would sign it, with B's secret, token or password.
    const request = await signed({ ...theirs, urls: mine.urls }, endpoint, body);
    expect(request.url).toBe(mine.urls[endpoint] ?? mine.urls.webhook ?? mine.urls.message);
    const response = await ingestor.post(request, targetOf(mine, endpoint));
    expect(response.status).toBe(403);
    expect(await eventsOf(mine)).toHaveLength(0);
    expect(await eventsOf(theirs)).toHaveLength(0);
    const [logged] = await waitFor(async () => {
      const rows = await attemptsOf(mine);
      expect(rows).toHaveLength(1);
      return rows;
    });
    expect(logged).toMatchObject({ outcome: "rejected", tenantId: a.admin.tenantId });
    expect(await attemptsOf(theirs)).toEqual([]);
  });
});
