import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundMessageStates, webhookEvents } from "@/db/schema";
import type { ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import type { TestDatabase } from "@/testing/db/test-database";
import { openWebhookTestbed, createWebhookChannel, providerRequest, targetOf, type WebhookTestChannel, loggedRejections, type WebIngestor } from "@/testing/db/webhook-fixtures";
import type { CurrentUser } from "@/lib/auth/current-user";
import { twilioSignature } from "../verify/twilio-signature";
import { fixtureBytes, telegramFixtures, twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";

/*
 * Twilio (form posts signed over the public URL and the sorted parameters, answered with TwiML)
 * and Telegram (one Update per call, a secret-token header) end to end on a real database.
 */

const EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>';

let t: TestDatabase;
let admin: CurrentUser;
let prerequisites: ChannelPrerequisites;
let ingestor: WebIngestor;

beforeAll(async () => {
  ({ t, admin, prerequisites, ingestor } = await openWebhookTestbed());
});
afterAll(() => t.close());

const newChannel = (variant: "twilio" | "telegram") => createWebhookChannel(t.db, admin, variant, { prerequisites });

async function post(channel: WebhookTestChannel, endpoint: string, body: string, headers?: Record<string, string>): Promise<Response> {
  return ingestor.post(await providerRequest(channel, endpoint, body, { headers }), targetOf(channel, endpoint));
}

const eventsOf = (channel: WebhookTestChannel) =>
  t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id)).orderBy(webhookEvents.occurredAt, webhookEvents.idempotencyKey);
async function statesOf(channel: WebhookTestChannel) {
  const rows = await t.db.select().from(outboundMessageStates).where(eq(outboundMessageStates.channelId, channel.id));
  return Object.fromEntries(rows.map((row) => [row.providerMessageId, [row.status, row.errorCode, row.errorReason]]));
}

async function expectTwiml(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toMatch(/^text\/xml/);
  expect(await response.text()).toBe(EMPTY_TWIML);
}

describe("twilio /message", () => {
  it("stores every inbound fixture with its type, text, addresses and parameters, answering empty TwiML", async () => {
    const channel = await newChannel("twilio");
    const inbound = twilioFixtures("twilio-inbound.json");
    for (const params of Object.values(inbound)) await expectTwiml(await post(channel, "message", twilioForm(params)));

    const events = await eventsOf(channel);
    const byId = Object.fromEntries(events.map((e) => [e.providerMessageId, e]));
    const expected: [fixture: string, type: string, providerType: string, text: string][] = [
      ["text", "text", "text", "Hello, is the store open today?"],
      ["media", "image", "image", "Photo and receipt"],
      ["location", "location", "location", "Main office"],
      ["button", "button", "button", "Yes, please"],
    ];
    for (const [name, type, providerType, text] of expected) {
      const params = inbound[name]!;
      expect(byId[params.MessageSid!], name).toMatchObject({
        tenantId: admin.tenantId,
        endpoint: "message",
        kind: "message",
        idempotencyKey: `message:${params.MessageSid}`,
        type,
        providerType,
        text,
        fromAddress: "whatsapp:+16505551234",
        toAddress: "whatsapp:+14155238886",
        senderName: "Sheena Nelson",
      });
      // Every parameter is kept, including the ones we do not read.
      expect(byId[params.MessageSid!]!.raw).toEqual(params);
    }
    expect(events).toHaveLength(4);
  });

  it("verifies the signature over the public URL, with or without the default port, whatever URL the server saw", async () => {
    const channel = await newChannel("twilio");
    const params = { ...twilioFixtures("twilio-inbound.json").text!, MessageSid: "SMpublicurl000000000000000000000001" };
    const body = twilioForm(params);
    const publicUrl = channel.urls.message!;
    const internalUrl = publicUrl.replace("https://console.example.com", "http://0.0.0.0:3000");
    const withPort = publicUrl.replace("console.example.com", "console.example.com:443");
    const request = (url: string, signedUrl: string) =>
      new Request(url, {
        method: "POST",
        body,
        headers: { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": twilioSignature(channel.secrets.authToken, signedUrl, params) },
      });

    // Behind a proxy the handler sees the internal origin; Twilio signed the public URL.
    await expectTwiml(await ingestor.post(request(internalUrl, publicUrl), targetOf(channel, "message")));
    await expectTwiml(await ingestor.post(request(publicUrl, withPort), targetOf(channel, "message")));
    const internalSigned = await ingestor.post(request(internalUrl, internalUrl), targetOf(channel, "message"));
    expect(internalSigned.status).toBe(403);
    // The /status URL's signature does not pass on /message.
    const otherPath = await ingestor.post(request(publicUrl, channel.urls.status!), targetOf(channel, "message"));
    expect(otherPath.status).toBe(403);
    expect(await eventsOf(channel)).toHaveLength(1);
  });

  it("covers every parameter: an added one needs a new signature, and new parameters from Twilio are kept", async () => {
    const channel = await newChannel("twilio");
    const params: Record<string, string> = { ...twilioFixtures("twilio-inbound.json").text!, MessageSid: "SMaddedparam00000000000000000000001" };
    const signed = await providerRequest(channel, "message", twilioForm(params));
    const tampered = `${twilioForm(params)}&Body=changed`;
    const refused = await ingestor.post(new Request(signed.url, { method: "POST", body: tampered, headers: signed.headers }), targetOf(channel, "message"));
    expect(refused.status).toBe(403);
    expect(await refused.json()).toMatchObject({ error: { code: "signatureMismatch" } });

    const extended = { ...params, FutureParameter: "from a later Twilio release" };
    await expectTwiml(await post(channel, "message", twilioForm(extended)));
    const [event] = await eventsOf(channel);
    expect(event!.raw).toMatchObject({ FutureParameter: "from a later Twilio release", Body: params.Body });
  });

  it("answers 401 without a signature and 403 for a wrong or malformed one, storing nothing", async () => {
    const channel = await newChannel("twilio");
    const params = twilioFixtures("twilio-inbound.json").text!;
    const body = twilioForm(params);
    const cases: [headers: Record<string, string>, status: number, code: string][] = [
      [{ "x-twilio-signature": "" }, 401, "signatureMissing"],
      [{ "x-twilio-signature": "not base64 at all" }, 403, "signatureMalformed"],
      [{ "x-twilio-signature": twilioSignature(`${channel.secrets.authToken}0`, channel.urls.message!, params) }, 403, "signatureMismatch"],
      [{ "x-twilio-signature": "RSOYDt4T1cUTdK1PDd93/VVr8B8=" }, 403, "signatureMismatch"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await post(channel, "message", body, headers);
      expect(response.status, code).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    expect(await eventsOf(channel)).toHaveLength(0);
    const rejected = await loggedRejections(t.db, channel, 3);
    expect(new Set(rejected.map((a) => `${a.statusCode} ${a.reason}`))).toEqual(new Set(["401 signatureMissing", "403 signatureMalformed", "403 signatureMismatch"]));
  });

  it("answers 400 naming the missing parameter", async () => {
    const channel = await newChannel("twilio");
    const { MessageSid: _sid, ...withoutSid } = twilioFixtures("twilio-inbound.json").text!;
    const response = await post(channel, "message", twilioForm(withoutSid));
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { code: "payloadInvalid", field: "MessageSid" } });
    // An inbound message is not a status callback.
    const onStatus = await post(channel, "status", twilioForm(twilioFixtures("twilio-inbound.json").text!));
    expect(onStatus.status).toBe(400);
    expect(await onStatus.json()).toMatchObject({ error: { field: "MessageStatus" } });
    expect(await eventsOf(channel)).toHaveLength(0);
  });
});

describe("twilio /status", () => {
  it("stores every status callback and keeps the furthest status, with a failure's error code and message", async () => {
    const channel = await newChannel("twilio");
    const statuses = twilioFixtures("twilio-status.json");
    // read before delivered, as callbacks may arrive.
    for (const name of ["sent", "read", "delivered", "failed", "undelivered"]) await expectTwiml(await post(channel, "status", twilioForm(statuses[name]!)));

    const events = await eventsOf(channel);
    expect(events.map((e) => [e.idempotencyKey, e.status, e.errorCode]).sort()).toEqual([
      ["status:SMaaaabbbbccccddddeeeeffff00001111:delivered", "delivered", null],
      ["status:SMaaaabbbbccccddddeeeeffff00001111:read", "read", null],
      ["status:SMaaaabbbbccccddddeeeeffff00001111:sent", "sent", null],
      ["status:SMbbbbccccddddeeeeffff000011112222:failed", "failed", "63016"],
      ["status:SMccccddddeeeeffff0000111122223333:undelivered", "undelivered", "63024"],
    ]);
    expect(events.every((e) => e.endpoint === "status" && e.kind === "status" && e.tenantId === admin.tenantId)).toBe(true);
    expect(await statesOf(channel)).toEqual({
      SMaaaabbbbccccddddeeeeffff00001111: ["read", null, null],
      SMbbbbccccddddeeeeffff000011112222: ["failed", "63016", "Failed to send freeform message because you are outside the allowed window."],
      SMccccddddeeeeffff0000111122223333: ["undelivered", "63024", null],
    });
  });
});

describe("telegram", () => {
  it("stores every kind of update with its type, provider type, sender and time", async () => {
    const channel = await newChannel("telegram");
    const bodies = [
      fixtureBytes("telegram-update-text.json").toString("utf8"),
      fixtureBytes("telegram-update-photo.json").toString("utf8"),
      ...Object.values(telegramFixtures()).map((update) => JSON.stringify(update)),
    ];
    for (const body of bodies) {
      const response = await post(channel, "message", body);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ status: "stored", stored: 1, duplicates: 0 });
    }

    const events = await eventsOf(channel);
    expect(events.map((e) => [e.idempotencyKey, e.type, e.providerType, e.providerMessageId, e.fromAddress, e.senderName, e.text, e.occurredAt.getTime() / 1000])).toEqual([
      ["update:912345678", "text", "message.text", "1111111:1365", "1111111", "Chris Cooper", "Hi, my parcel has not arrived", 1749418000],
      ["update:912345679", "image", "message.photo", "1111111:1366", "1111111", "Chris", "The damaged box", 1749418060],
      ["update:912345680", "text", "edited_message.text", "1111111:1365", "1111111", "Chris", "Hi, my parcel (order 2291) has not arrived", 1749418120],
      ["update:912345681", "text", "channel_post.text", "-1001234567890:77", "-1001234567890", "Store news", "We are open on Sunday", 1749418200],
      ["update:912345682", "location", "message.location", "-4001234567:5012", "-4001234567", "Dana", null, 1749418300],
      // A callback query carries no time: it is timed at arrival (checked below).
      ["update:912345684", "reaction", "message_reaction", "912345684", "1111111", null, "\u{1F44D}", 1749418400],
      ["update:912345685", "unsupported", "holographic_message", "912345685", null, null, null, 1749418500],
      ["update:912345683", "callback", "callback_query", "4382bfdwdsb323b2d9", "1111111", "Chris", "helpful:yes", events.at(-1)!.occurredAt.getTime() / 1000],
    ]);
    expect(events.at(-1)!.occurredAt.getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(events.every((e) => e.endpoint === "message" && e.kind === "message" && e.tenantId === admin.tenantId)).toBe(true);
    // raw is the whole update.
    expect(events[0]!.raw).toEqual(JSON.parse(bodies[0]!));
  });

  it("refuses a wrong secret token with 403 and a missing one with 401, storing nothing", async () => {
    const channel = await newChannel("telegram");
    const body = fixtureBytes("telegram-update-text.json").toString("utf8");
    const token = channel.integrationToken!;
    const cases: [headers: Record<string, string>, status: number, code: string][] = [
      [{ "x-telegram-bot-api-secret-token": `${token}x` }, 403, "credentialsMismatch"],
      [{ "x-telegram-bot-api-secret-token": token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase() }, 403, "credentialsMismatch"],
      [{ "x-telegram-bot-api-secret-token": token.slice(1) }, 403, "credentialsMismatch"],
      [{ "x-telegram-bot-api-secret-token": "" }, 401, "credentialsMissing"],
      // The secret belongs in its own header, not in Authorization.
      [{ "x-telegram-bot-api-secret-token": "", authorization: `Bearer ${token}` }, 401, "credentialsMissing"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await post(channel, "message", body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
    }
    expect(await eventsOf(channel)).toHaveLength(0);
    const rejected = await loggedRejections(t.db, channel, 2);
    expect(new Set(rejected.map((a) => `${a.statusCode} ${a.reason}`))).toEqual(new Set(["403 credentialsMismatch", "401 credentialsMissing"]));
  });

  it("never accepts another bot's secret token", async () => {
    const [mine, theirs] = await Promise.all([newChannel("telegram"), newChannel("telegram")]);
    const body = fixtureBytes("telegram-update-text.json").toString("utf8");
    const response = await post(mine, "message", body, { "x-telegram-bot-api-secret-token": theirs.integrationToken! });
    expect(response.status).toBe(403);
    expect(await eventsOf(mine)).toHaveLength(0);
  });

  it("answers 400 naming the field for an update without update_id or with a broken message", async () => {
    const channel = await newChannel("telegram");
    const cases: [body: string, field: string][] = [
      ['{"message":{"message_id":1,"date":1749418000,"chat":{"id":1,"type":"private"}}}', "update_id"],
      ['{"update_id":1,"message":{"message_id":1,"date":1749418000}}', "message.chat"],
      ['{"update_id":-5}', "update_id"],
      ["update_id=1", ""],
    ];
    for (const [body, field] of cases) {
      const response = await post(channel, "message", body);
      expect(response.status, body).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "payloadInvalid", field } });
    }
    expect(await eventsOf(channel)).toHaveLength(0);
  });
});
