import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { outboundMessageStates, webhookAttempts, webhookEndpointStatus, webhookEvents } from "@/db/schema";
import type { ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import type { TestDatabase } from "@/testing/db/test-database";
import {
  openWebhookTestbed,
  createWebhookChannel,
  metaSignatureHeader,
  providerRequest,
  targetOf,
  type WebhookTestChannel, loggedRejections, type WebIngestor } from "@/testing/db/webhook-fixtures";
import type { CurrentUser } from "@/lib/auth/current-user";
import { fixtureBytes } from "@/testing/fixtures/webhooks";

/*
 * Meta's Cloud API end to end on a real database: every fixture shape, statuses, batches, the
 * phone-number routing, the GET handshake, the signature on the exact bytes, and the body cap.
 */

const PHONE_NUMBER_ID = "106540352242922";
const MiB = 1024 * 1024;

let t: TestDatabase;
let admin: CurrentUser;
let prerequisites: ChannelPrerequisites;
let ingestor: WebIngestor;

beforeAll(async () => {
  ({ t, admin, prerequisites, ingestor } = await openWebhookTestbed());
});
afterAll(() => t.close());

const newChannel = (phoneNumberId = PHONE_NUMBER_ID) => createWebhookChannel(t.db, admin, "cloud-api", { prerequisites, information: { phoneNumberId } });
const fixture = (name: string) => fixtureBytes(name).toString("utf8");

async function post(channel: WebhookTestChannel, body: string, headers?: Record<string, string>): Promise<Response> {
  return ingestor.post(await providerRequest(channel, "webhook", body, { headers }), targetOf(channel, "webhook"));
}

/** In event time: a call's rows are inserted in key order (lock order), not payload order. */
const eventsOf = (channel: WebhookTestChannel) =>
  t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id)).orderBy(webhookEvents.occurredAt, webhookEvents.idempotencyKey);
const attemptsOf = (channel: WebhookTestChannel) => t.db.select().from(webhookAttempts).where(eq(webhookAttempts.channelId, channel.id)).orderBy(webhookAttempts.id);
const endpointStatusOf = async (channel: WebhookTestChannel) =>
  (await t.db.select().from(webhookEndpointStatus).where(eq(webhookEndpointStatus.channelId, channel.id)))[0];
async function statesOf(channel: WebhookTestChannel) {
  const rows = await t.db.select().from(outboundMessageStates).where(eq(outboundMessageStates.channelId, channel.id));
  return Object.fromEntries(rows.map((row) => [row.providerMessageId, row]));
}

/** Rejections are logged without holding up the answer: wait for the row. */

/** One inbound text for this test's own message id, shaped like meta-text.json. */
function textPayload(id: string, body: string, phoneNumberId = PHONE_NUMBER_ID): string {
  const payload = JSON.parse(fixture("meta-text.json"));
  const value = payload.entry[0].changes[0].value;
  value.metadata.phone_number_id = phoneNumberId;
  value.messages[0].id = id;
  value.messages[0].text.body = body;
  return JSON.stringify(payload);
}

describe("message types", () => {
  it("stores every message type of meta-messages-all-types.json with its neutral type, text, sender and raw item", async () => {
    const channel = await newChannel();
    const response = await post(channel, fixture("meta-messages-all-types.json"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "stored", stored: 17, duplicates: 0 });

    const events = await eventsOf(channel);
    const expected: [id: string, type: string, providerType: string, text: string | null][] = [
      ["text", "text", "text", "Replying to your offer"],
      ["image", "image", "image", "The broken part"],
      ["audio", "voice", "audio", null],
      ["video", "video", "video", "How it happened"],
      ["document", "document", "document", "Invoice"],
      ["sticker", "sticker", "sticker", null],
      ["location", "location", "location", "Main office"],
      ["contacts", "contact", "contacts", null],
      ["button-reply", "interactive", "interactive", "Yes, please"],
      ["list-reply", "interactive", "interactive", "Tomorrow 10:00"],
      ["flow-reply", "interactive", "interactive", "Sent"],
      ["button", "button", "button", "Stop promotions"],
      ["reaction", "reaction", "reaction", "\u{1F44D}"],
      ["order", "order", "order", "Two please"],
      ["system", "system", "system", "User A changed from 16505551234 to 16505554321"],
      ["unsupported", "unsupported", "unsupported", null],
      ["future", "unsupported", "hologram", null],
    ];
    expect(events.map((e) => [e.providerMessageId.replace("wamid.all-types.", ""), e.type, e.providerType, e.text])).toEqual(expected);
    for (const [index, event] of events.entries()) {
      expect(event).toMatchObject({
        tenantId: admin.tenantId,
        endpoint: "webhook",
        kind: "message",
        idempotencyKey: `message:${event.providerMessageId}`,
        fromAddress: "16505551234",
        toAddress: "15550783881",
        senderName: "Sheena Nelson",
        status: null,
        occurredAt: new Date((1749416500 + index) * 1000),
      });
      // raw is the provider's own item, unknown fields included.
      expect((event.raw as { id: string }).id).toBe(event.providerMessageId);
    }
    const unsupported = events.find((e) => e.providerMessageId === "wamid.all-types.unsupported")!;
    expect(unsupported).toMatchObject({ errorCode: "131051", errorReason: "Message type is currently not supported." });
    const future = events.find((e) => e.providerMessageId === "wamid.all-types.future")!;
    expect(future.raw).toMatchObject({ type: "hologram", hologram: { id: "1003383421387261" } });
  });

  it("stores the escaped-unicode body, signed over its exact bytes, with the text decoded", async () => {
    const channel = await newChannel();
    const bytes = fixtureBytes("meta-escaped-unicode.json");
    // The wire form carries \u escapes; the same JSON re-serialised has other bytes and another signature.
    const reserialised = JSON.stringify(JSON.parse(bytes.toString("utf8")));
    expect(reserialised).not.toBe(bytes.toString("utf8"));
    const refused = await post(channel, bytes.toString("utf8"), { "x-hub-signature-256": metaSignatureHeader(reserialised, channel.secrets.appSecret) });
    expect(refused.status).toBe(403);

    const response = await post(channel, bytes.toString("utf8"));
    expect(response.status).toBe(200);
    const [event] = await eventsOf(channel);
    expect(event).toMatchObject({ text: "äöå 中文 \u{1F600}", senderName: "Jürgen Müller", fromAddress: "4915112345678", type: "text" });
    expect(event!.occurredAt).toEqual(new Date(1749416400 * 1000));
  });

  it("keeps a value-level errors notification as one error event, once across retries", async () => {
    const channel = await newChannel();
    const response = await post(channel, fixture("meta-errors.json"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
    const retry = await post(channel, fixture("meta-errors.json"));
    expect(await retry.json()).toEqual({ status: "stored", stored: 0, duplicates: 1 });
    const events = await eventsOf(channel);
    expect(events.map((e) => [e.kind, e.type, e.errorCode, e.errorReason, e.text])).toEqual([
      ["error", "error", "131000", "Something went wrong", "Message failed to send due to an unknown error."],
    ]);
    expect(events[0]!.raw).toMatchObject({ code: 131000, href: expect.stringContaining("error-codes") });
    expect((await attemptsOf(channel)).map((a) => [a.outcome, a.statusCode])).toEqual([
      ["accepted", 200],
      ["duplicate", 200],
    ]);
  });
});

describe("statuses", () => {
  it("stores every status report and applies them monotonically, keeping a failure's error code and reason", async () => {
    const channel = await newChannel();
    const response = await post(channel, fixture("meta-statuses.json"));
    expect(await response.json()).toEqual({ status: "stored", stored: 5, duplicates: 0 });

    const events = await eventsOf(channel);
    expect(events.map((e) => [e.idempotencyKey, e.kind, e.type, e.status])).toEqual([
      ["status:wamid.outbound.1:sent", "status", "status", "sent"],
      ["status:wamid.outbound.1:delivered", "status", "status", "delivered"],
      ["status:wamid.outbound.1:read", "status", "status", "read"],
      ["status:wamid.outbound.2:failed", "status", "status", "failed"],
      ["status:wamid.outbound.3:played", "status", "status", "played"],
    ]);
    const failed = events.find((e) => e.status === "failed")!;
    expect(failed).toMatchObject({
      errorCode: "131047",
      errorReason: "Message failed to send because more than 24 hours have passed since the customer last replied to this number.",
      toAddress: "16505551234",
    });

    const states = await statesOf(channel);
    // read arrived before the late delivered: read stays.
    expect(states["wamid.outbound.1"]).toMatchObject({ status: "read", errorCode: null, firstReportedAt: new Date(1749416600 * 1000), tenantId: admin.tenantId });
    expect(states["wamid.outbound.2"]).toMatchObject({ status: "failed", errorCode: "131047", errorReason: failed.errorReason });
    expect(states["wamid.outbound.3"]).toMatchObject({ status: "played" });
    expect(Object.keys(states)).toHaveLength(3);
  });
});

describe("batches and phone number routing", () => {
  it("stores a batch of entries and changes in one transaction and ignores another number's events", async () => {
    const channel = await newChannel();
    const response = await post(channel, fixture("meta-batch.json"));
    expect(response.status).toBe(200);
    // wamid.batch.3 is for phone_number_id …923; the template change carries no events.
    expect(await response.json()).toEqual({ status: "stored", stored: 3, duplicates: 0 });

    const events = await eventsOf(channel);
    expect(events.map((e) => e.idempotencyKey).sort()).toEqual(["message:wamid.batch.1", "message:wamid.batch.2", "status:wamid.outbound.9:delivered"]);
    const [attempt] = await attemptsOf(channel);
    expect(attempt).toMatchObject({ outcome: "accepted", stored: 3, duplicates: 0, ignored: 1 });

    // Rows written by one transaction carry its transaction id: events, state and log row alike.
    const { rows } = await t.pool.query<{ xmin: string }>(
      `select xmin::text from webhook_events where channel_id = $1
       union all select xmin::text from outbound_message_states where channel_id = $1
       union all select xmin::text from webhook_attempts where channel_id = $1`,
      [channel.id],
    );
    expect(rows).toHaveLength(5);
    expect(new Set(rows.map((r) => r.xmin)).size).toBe(1);
    expect((await statesOf(channel))["wamid.outbound.9"]).toMatchObject({ status: "delivered" });
  });

  it("stores nothing of a batch with one invalid item", async () => {
    const channel = await newChannel();
    const payload = JSON.parse(fixture("meta-batch.json"));
    delete payload.entry[1].changes[1].value.messages[0].id;
    const response = await post(channel, JSON.stringify(payload));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "payloadInvalid", field: "entry.1.changes.1.value.messages.0.id" } });
    expect(await eventsOf(channel)).toHaveLength(0);
  });

  it("answers 200 for a delivery that is all another number's, stores nothing and counts it as ignored", async () => {
    const channel = await newChannel();
    const response = await post(channel, textPayload("wamid.other-number.1", "not for us", "106540352242999"));
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "stored", stored: 0, duplicates: 0 });
    expect(await eventsOf(channel)).toHaveLength(0);
    expect((await attemptsOf(channel)).map((a) => [a.outcome, a.stored, a.ignored])).toEqual([["accepted", 0, 1]]);
  });

  it("gives the other number's channel only its own event from the same batch", async () => {
    const other = await newChannel("106540352242923");
    const response = await post(other, fixture("meta-batch.json"));
    expect(await response.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
    expect((await eventsOf(other)).map((e) => [e.providerMessageId, e.senderName, e.toAddress])).toEqual([["wamid.batch.3", "Ravi Kumar", "15550783882"]]);
    expect((await attemptsOf(other))[0]).toMatchObject({ ignored: 3 });
  });
});

describe("the GET handshake", () => {
  const handshake = (channel: WebhookTestChannel, query: Record<string, string>) => {
    const url = new URL(channel.urls.webhook!);
    for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value);
    return ingestor.handshake(new Request(url, { method: "GET" }), targetOf(channel, "webhook"));
  };

  it("echoes the challenge as plain text for the right verify token and records the verification", async () => {
    const channel = await newChannel();
    expect(await endpointStatusOf(channel)).toBeUndefined();
    const response = await handshake(channel, { "hub.mode": "subscribe", "hub.challenge": "1158201444", "hub.verify_token": channel.integrationToken! });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await response.text()).toBe("1158201444");
    const status = await endpointStatusOf(channel);
    expect(status!.verifiedAt).toBeInstanceOf(Date);
    // A handshake is not a delivery: the URL still waits for its first one.
    expect(status!.lastAcceptedAt).toBeNull();
    expect((await attemptsOf(channel)).map((a) => [a.method, a.outcome, a.statusCode])).toEqual([["GET", "verified", 200]]);
  });

  it("refuses a wrong verify token with 403, a missing one with 401 and a wrong mode with 400, without echoing", async () => {
    const channel = await newChannel();
    const challenge = "8675309";
    const wrong = await handshake(channel, { "hub.mode": "subscribe", "hub.challenge": challenge, "hub.verify_token": `${channel.integrationToken}x` });
    expect(wrong.status).toBe(403);
    const wrongBody = await wrong.text();
    expect(wrongBody).not.toContain(challenge);
    expect(JSON.parse(wrongBody)).toMatchObject({ error: { code: "verifyTokenMismatch" } });

    const missing = await handshake(channel, { "hub.mode": "subscribe", "hub.challenge": challenge });
    expect(missing.status).toBe(401);
    const mode = await handshake(channel, { "hub.mode": "unsubscribe", "hub.challenge": challenge, "hub.verify_token": channel.integrationToken! });
    expect(mode.status).toBe(400);
    expect(await mode.json()).toMatchObject({ error: { code: "handshakeModeInvalid" } });

    const rejected = await loggedRejections(t.db, channel, 3);
    expect(rejected.map((a) => [a.method, a.statusCode, a.reason]).sort()).toEqual([
      ["GET", 400, "handshakeModeInvalid"],
      ["GET", 401, "verifyTokenMissing"],
      ["GET", 403, "verifyTokenMismatch"],
    ]);
    expect((await endpointStatusOf(channel))!.verifiedAt).toBeNull();
  });
});

describe("signatures", () => {
  it("answers 401 without a signature, 403 for a malformed or wrong one, and stores nothing", async () => {
    const channel = await newChannel();
    const body = textPayload("wamid.signature.1", "hello");
    const cases: [headers: Record<string, string>, status: number, code: string][] = [
      [{ "x-hub-signature-256": "" }, 401, "signatureMissing"],
      [{ "x-hub-signature-256": "sha1=2fd4e1c67a2d28fced849ee1bb76e7391b93eb12" }, 403, "signatureMalformed"],
      [{ "x-hub-signature-256": `sha256=${"g".repeat(64)}` }, 403, "signatureMalformed"],
      [{ "x-hub-signature-256": metaSignatureHeader(body, `${channel.secrets.appSecret}0`) }, 403, "signatureMismatch"],
      [{ "x-hub-signature-256": metaSignatureHeader(`${body} `, channel.secrets.appSecret) }, 403, "signatureMismatch"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await post(channel, body, headers);
      expect(response.status, code).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
      // Meta does not do HTTP authentication: no challenge header.
      expect(response.headers.get("www-authenticate")).toBeNull();
    }
    const withoutHeader = await ingestor.post(new Request(channel.urls.webhook!, { method: "POST", body, headers: { "content-type": "application/json" } }), targetOf(channel, "webhook"));
    expect(withoutHeader.status).toBe(401);
    expect(await eventsOf(channel)).toHaveLength(0);

    const rejected = await loggedRejections(t.db, channel, 3);
    expect(new Set(rejected.map((a) => a.reason))).toEqual(new Set(["signatureMissing", "signatureMalformed", "signatureMismatch"]));
    const status = await vi.waitFor(async () => {
      const row = await endpointStatusOf(channel);
      expect(row?.lastRejectedAt).toBeInstanceOf(Date);
      return row!;
    });
    expect(status.lastAcceptedAt).toBeNull();
    expect(["signatureMissing", "signatureMalformed", "signatureMismatch"]).toContain(status.lastRejectionReason);
  });

  it("accepts the signature's hex digits in upper case", async () => {
    const channel = await newChannel();
    const body = textPayload("wamid.signature.upper", "hello");
    const header = metaSignatureHeader(body, channel.secrets.appSecret).replace(/[0-9a-f]+$/, (hex) => hex.toUpperCase());
    expect((await post(channel, body, { "x-hub-signature-256": header })).status).toBe(200);
  });
});

describe("body size and payload errors", () => {
  /** A valid signed delivery padded with an unknown top-level field to exactly `size` bytes. */
  function paddedPayload(id: string, size: number): string {
    const base = textPayload(id, "big");
    const prefix = `{"padding":"`;
    const filler = size - base.length - prefix.length - 1;
    return `${prefix}${"x".repeat(filler)}",${base.slice(1)}`;
  }

  it("accepts a 3 MB delivery and one of exactly 4 MiB", async () => {
    const channel = await newChannel();
    const threeMb = paddedPayload("wamid.size.3mb", 3_000_000);
    expect(Buffer.byteLength(threeMb)).toBe(3_000_000);
    expect((await post(channel, threeMb)).status).toBe(200);
    const cap = paddedPayload("wamid.size.cap", 4 * MiB);
    expect(Buffer.byteLength(cap)).toBe(4 * MiB);
    expect((await post(channel, cap)).status).toBe(200);
    expect((await eventsOf(channel)).map((e) => e.providerMessageId)).toEqual(["wamid.size.3mb", "wamid.size.cap"]);
  });

  it("answers 413 for a body over 4 MiB, declared or streamed, and logs it", async () => {
    const channel = await newChannel();
    const body = paddedPayload("wamid.size.over", 4 * MiB + 1);
    const declared = await post(channel, body, { "content-length": String(4 * MiB + 1) });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: "bodyTooLarge" } });

    // No Content-Length (chunked): the body is counted while it streams.
    const bytes = new TextEncoder().encode(body);
    let offset = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) return controller.close();
        controller.enqueue(bytes.subarray(offset, offset + 256 * 1024));
        offset += 256 * 1024;
      },
    });
    const signed = await providerRequest(channel, "webhook", body);
    const streamed = await ingestor.post(
      new Request(channel.urls.webhook!, { method: "POST", body: stream, headers: signed.headers, duplex: "half" } as RequestInit),
      targetOf(channel, "webhook"),
    );
    expect(streamed.status).toBe(413);
    expect(await eventsOf(channel)).toHaveLength(0);
    const [logged] = await loggedRejections(t.db, channel, 1);
    expect(logged).toMatchObject({ statusCode: 413, reason: "bodyTooLarge", outcome: "rejected" });
  });

  it("answers 400 with the field at fault for malformed JSON and for wrong shapes, and stores nothing", async () => {
    const channel = await newChannel();
    const valid = JSON.parse(textPayload("wamid.bad.1", "hello"));
    const mutate = (change: (payload: typeof valid) => void) => {
      const copy = structuredClone(valid);
      change(copy);
      return JSON.stringify(copy);
    };
    const cases: [body: string, field: string][] = [
      ['{"object":"whatsapp_business_account","entry":[', ""],
      ["", ""],
      [mutate((p) => delete p.entry[0].changes[0].value.messages[0].id), "entry.0.changes.0.value.messages.0.id"],
      [mutate((p) => (p.entry[0].changes[0].value.messages[0].timestamp = "yesterday")), "entry.0.changes.0.value.messages.0.timestamp"],
      [mutate((p) => delete p.entry[0].changes[0].value.messages[0].text), "entry.0.changes.0.value.messages.0.text"],
      [mutate((p) => delete p.entry[0].changes[0].value.metadata.phone_number_id), "entry.0.changes.0.value.metadata.phone_number_id"],
      [mutate((p) => (p.entry = {})), "entry"],
    ];
    for (const [body, field] of cases) {
      const response = await post(channel, body);
      expect(response.status, body.slice(0, 80)).toBe(400);
      const answer = (await response.json()) as { error: { code: string; field: string; message: string } };
      expect(answer.error).toMatchObject({ code: "payloadInvalid", field });
      expect(answer.error.message).not.toBe("");
    }
    expect(await eventsOf(channel)).toHaveLength(0);
    const [logged] = await loggedRejections(t.db, channel, 1);
    expect(logged).toMatchObject({ statusCode: 400, reason: "payloadInvalid" });
  });
});
