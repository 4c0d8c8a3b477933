import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboundMessageStates, webhookEvents } from "@/db/schema";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import type { TestDatabase } from "@/testing/db/test-database";
import { bearerTokenFor, openWebhookTestbed, createWebhookChannel, providerRequest, targetOf, type WebhookTestChannel, loggedRejections, type WebIngestor } from "@/testing/db/webhook-fixtures";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { fixtureBytes } from "@/testing/fixtures/webhooks";

/*
 * Infobip and the customer-built BSP (basic and oAuth) end to end: every way the webhook password
 * may be presented, bearer tokens bound to the channel's own API app and tenant, every inbound
 * type, delivery and seen reports, and the 1 MiB cap.
 */

const MiB = 1024 * 1024;

let t: TestDatabase;
let admin: CurrentUser;
let otherAdmin: CurrentUser;
let prerequisites: ChannelPrerequisites;
let ingestor: WebIngestor;

beforeAll(async () => {
  ({ t, admin, prerequisites, ingestor } = await openWebhookTestbed());
  otherAdmin = (await createTestTenant(t.db)).admin;
});
afterAll(() => t.close());

const newChannel = (variant: ChannelVariant) => createWebhookChannel(t.db, admin, variant, { prerequisites });
const fixture = (name: string) => fixtureBytes(name).toString("utf8");
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;

/** The provider's request with headers replaced (null removes one, e.g. the AccountKey providerRequest adds). */
async function send(
  channel: WebhookTestChannel,
  endpoint: "message" | "report",
  body: string,
  headers: Record<string, string | null> = {},
  bearerToken?: string,
): Promise<Response> {
  const signed = await providerRequest(channel, endpoint, body, { bearerToken });
  const merged = new Headers(signed.headers);
  for (const [name, value] of Object.entries(headers)) {
    if (value === null) merged.delete(name);
    else merged.set(name, value);
  }
  return ingestor.post(new Request(signed.url, { method: "POST", body, headers: merged }), targetOf(channel, endpoint));
}

const eventsOf = (channel: WebhookTestChannel) =>
  t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id)).orderBy(webhookEvents.providerMessageId, webhookEvents.idempotencyKey);
async function statesOf(channel: WebhookTestChannel) {
  const rows = await t.db.select().from(outboundMessageStates).where(eq(outboundMessageStates.channelId, channel.id));
  return Object.fromEntries(rows.map((row) => [row.providerMessageId, row]));
}

/** One inbound text with this test's own message id, shaped like infobip-inbound-text.json. */
function inboundText(messageId: string, text = "Hello"): string {
  const payload = JSON.parse(fixture("infobip-inbound-text.json"));
  payload.results[0].messageId = messageId;
  payload.results[0].message.text = text;
  return JSON.stringify(payload);
}

describe("the webhook password (infobip and other-basic)", () => {
  it.each(["infobip", "other-basic"] as const)("%s: accepts it as AccountKey and as the password of HTTP Basic, whatever the user name", async (variant) => {
    const channel = await newChannel(variant);
    const password = channel.secrets.webhookPassword;
    const accountKey = await send(channel, "message", inboundText("ak-1"));
    expect(accountKey.status).toBe(200);
    const basicAuth = await send(channel, "message", inboundText("basic-1"), { accountkey: null, authorization: basic("infobip", password) });
    expect(basicAuth.status).toBe(200);
    const noUser = await send(channel, "message", inboundText("basic-2"), { accountkey: null, authorization: basic("", password) });
    expect(noUser.status).toBe(200);
    expect((await eventsOf(channel)).map((e) => e.providerMessageId)).toEqual(["ak-1", "basic-1", "basic-2"]);
  });

  it("other-basic also accepts the bare password as Authorization; infobip does not", async () => {
    const bsp = await newChannel("other-basic");
    const bare = await send(bsp, "message", inboundText("bare-1"), { accountkey: null, authorization: bsp.secrets.webhookPassword });
    expect(bare.status).toBe(200);
    expect(await eventsOf(bsp)).toHaveLength(1);

    const infobip = await newChannel("infobip");
    const refused = await send(infobip, "message", inboundText("bare-2"), { accountkey: null, authorization: infobip.secrets.webhookPassword });
    expect(refused.status).toBe(403);
    expect(await eventsOf(infobip)).toHaveLength(0);
  });

  it.each(["infobip", "other-basic"] as const)("%s: a wrong password is 403, no credentials 401 with a Basic challenge, and nothing is stored", async (variant) => {
    const channel = await newChannel(variant);
    const password = channel.secrets.webhookPassword;
    const body = inboundText("refused-1");
    const cases: [headers: Record<string, string | null>, status: number, code: string][] = [
      [{ accountkey: `${password}x` }, 403, "credentialsMismatch"],
      [{ accountkey: password.slice(0, -1) }, 403, "credentialsMismatch"],
      [{ accountkey: null, authorization: basic("infobip", `${password}x`) }, 403, "credentialsMismatch"],
      // The user name is not the secret.
      [{ accountkey: null, authorization: basic(password, "") }, 403, "credentialsMismatch"],
      // other-basic compares a whole Authorization value as a bare password too, so it is a mismatch there.
      [{ accountkey: null, authorization: "Basic %%%" }, 403, variant === "infobip" ? "credentialsMalformed" : "credentialsMismatch"],
      [{ accountkey: null }, 401, "credentialsMissing"],
      [{ accountkey: "   " }, 401, "credentialsMissing"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await send(channel, "message", body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
      expect(response.headers.get("www-authenticate")).toBe(status === 401 ? 'Basic realm="webhooks"' : null);
    }
    expect(await eventsOf(channel)).toHaveLength(0);
    const rejected = await loggedRejections(t.db, channel, variant === "infobip" ? 3 : 2);
    const reasons = ["403 credentialsMismatch", "401 credentialsMissing", ...(variant === "infobip" ? ["403 credentialsMalformed"] : [])];
    expect(new Set(rejected.map((a) => `${a.statusCode} ${a.reason}`))).toEqual(new Set(reasons));
  });

  it("never accepts another channel's password", async () => {
    const [mine, theirs] = await Promise.all([newChannel("infobip"), newChannel("infobip")]);
    const response = await send(mine, "message", inboundText("cross-1"), { accountkey: theirs.secrets.webhookPassword });
    expect(response.status).toBe(403);
    expect(await eventsOf(mine)).toHaveLength(0);
  });
});

describe("bearer tokens (other-oAuth)", () => {
  it("accepts a token issued to the channel's own API app", async () => {
    const channel = await newChannel("other-oAuth");
    const token = await bearerTokenFor(t.db, channel);
    const response = await send(channel, "message", inboundText("oauth-1"), {}, token);
    expect(response.status).toBe(200);
    expect(await eventsOf(channel)).toMatchObject([{ providerMessageId: "oauth-1", tenantId: admin.tenantId }]);
  });

  it("refuses a valid token of another tenant's API app (tokenInvalid, 403)", async () => {
    const channel = await newChannel("other-oAuth");
    const foreign = await createWebhookChannel(t.db, otherAdmin, "other-oAuth");
    const foreignToken = await bearerTokenFor(t.db, foreign);
    // The token is genuine: it works on its own tenant's channel.
    expect((await send(foreign, "message", inboundText("foreign-own-1"), {}, foreignToken)).status).toBe(200);

    const response = await send(channel, "message", inboundText("foreign-1"), {}, foreignToken);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "tokenInvalid" } });
    expect(await eventsOf(channel)).toHaveLength(0);
    const [logged] = await loggedRejections(t.db, channel, 1);
    expect(logged).toMatchObject({ tenantId: admin.tenantId, statusCode: 403, reason: "tokenInvalid" });
    // Nothing of the refused call reached the other tenant's channel either.
    expect((await eventsOf(foreign)).map((e) => e.providerMessageId)).toEqual(["foreign-own-1"]);
  });

  it("refuses a token of another API app of the same tenant", async () => {
    const channel = await newChannel("other-oAuth");
    const second = await ensureChannelPrerequisites(t.db, admin.tenantId!, { apiAppName: "Second webhook app", actorUserId: admin.id });
    expect(second.apiApp.id).not.toBe(channel.prerequisites.apiApp.id);
    const token = await bearerTokenFor(t.db, { ...channel, prerequisites: second });
    const response = await send(channel, "message", inboundText("second-app-1"), {}, token);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: { code: "tokenInvalid" } });
  });

  it("answers 403 for a garbage or unusable token and 401 with a Bearer challenge for none", async () => {
    const channel = await newChannel("other-oAuth");
    const body = inboundText("oauth-refused-1");
    const cases: [headers: Record<string, string | null>, status: number, code: string][] = [
      [{ authorization: "Bearer not-a-real-token" }, 403, "tokenInvalid"],
      [{ authorization: `Bearer ${"A".repeat(43)}` }, 403, "tokenInvalid"],
      [{ authorization: basic("user", channel.secrets.webhookPassword) }, 403, "credentialsMalformed"],
      [{}, 401, "credentialsMissing"],
      // The webhook password is not how an oAuth BSP authenticates.
      [{ accountkey: channel.secrets.webhookPassword }, 401, "credentialsMissing"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await send(channel, "message", body, headers);
      expect(response.status, JSON.stringify(headers)).toBe(status);
      expect(await response.json()).toMatchObject({ error: { code } });
      expect(response.headers.get("www-authenticate")).toBe(status === 401 ? 'Bearer realm="webhooks"' : null);
    }
    expect(await eventsOf(channel)).toHaveLength(0);
  });
});

describe("payloads", () => {
  it.each(["infobip", "other-basic", "other-oAuth"] as const)("%s: stores every inbound message type with its neutral type and text", async (variant) => {
    const channel = await newChannel(variant);
    const token = variant === "other-oAuth" ? await bearerTokenFor(t.db, channel) : undefined;
    const response = await send(channel, "message", fixture("infobip-inbound-all-types.json"), {}, token);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "stored", stored: 20, duplicates: 0 });

    const events = await eventsOf(channel);
    expect(events.map((e) => [e.providerMessageId.slice(-3), e.providerType, e.type, e.text])).toEqual([
      ["000", "TEXT", "text", "Hello, I need help with my order"],
      ["001", "IMAGE", "image", "The broken part"],
      ["002", "DOCUMENT", "document", "Invoice"],
      ["003", "STICKER", "sticker", null],
      ["004", "LOCATION", "location", "Zagreb office"],
      ["005", "CONTACT", "contact", null],
      ["006", "VIDEO", "video", "How it happened"],
      ["007", "VOICE", "voice", null],
      ["008", "AUDIO", "audio", null],
      ["009", "BUTTON", "button", "Stop promotions"],
      ["010", "INTERACTIVE_BUTTON_REPLY", "interactive", "Yes, please"],
      ["011", "INTERACTIVE_CALL_PERMISSION_REPLY", "interactive", null],
      ["012", "INTERACTIVE_FLOW_REPLY", "interactive", "Sent"],
      ["013", "INTERACTIVE_LIST_REPLY", "interactive", "Tomorrow 10:00"],
      ["014", "INTERACTIVE_PAYMENT_CONFIRMATION", "payment", null],
      ["015", "ORDER", "order", "Two please"],
      ["016", "REACTION", "reaction", "\u{1F44D}"],
      ["017", "INFECTED_CONTENT", "unsupported", null],
      ["018", "UNSUPPORTED", "unsupported", null],
      ["019", "HOLOGRAM", "unsupported", null],
    ]);
    for (const event of events) {
      expect(event).toMatchObject({
        tenantId: admin.tenantId,
        endpoint: "message",
        kind: "message",
        idempotencyKey: `message:${event.providerMessageId}`,
        fromAddress: "385919998888",
        toAddress: "447860099299",
        senderName: "Ana Horvat",
      });
      expect((event.raw as { messageId: string }).messageId).toBe(event.providerMessageId);
    }
    expect(events[0]!.occurredAt).toEqual(new Date("2025-06-09T10:00:38.000Z"));
  });

  it("stores delivery reports with their status and error, then seen reports move them to read", async () => {
    const channel = await newChannel("infobip");
    const delivery = await send(channel, "report", fixture("infobip-delivery-reports.json"));
    expect(await delivery.json()).toEqual({ status: "stored", stored: 5, duplicates: 0 });

    const events = await eventsOf(channel);
    expect(events.map((e) => [e.providerMessageId, e.idempotencyKey, e.type, e.providerType, e.status, e.errorCode, e.errorReason])).toEqual([
      ["out-ib-1", "delivery:out-ib-1:DELIVERED", "delivery", "DELIVERED_TO_HANDSET", "delivered", null, null],
      ["out-ib-2", "delivery:out-ib-2:PENDING", "delivery", "PENDING_ENROUTE", "sent", null, null],
      ["out-ib-3", "delivery:out-ib-3:UNDELIVERABLE", "delivery", "UNDELIVERABLE_REJECTED_OPERATOR", "undelivered", "7002", "User is not reachable on WhatsApp"],
      ["out-ib-4", "delivery:out-ib-4:EXPIRED", "delivery", "EXPIRED_EXPIRED", "undelivered", "EXPIRED_EXPIRED", "Message expired"],
      ["out-ib-5", "delivery:out-ib-5:REJECTED", "delivery", "REJECTED_NOT_ENOUGH_CREDITS", "failed", "REJECTED_NOT_ENOUGH_CREDITS", "Not enough credits"],
    ]);
    expect(events.every((e) => e.endpoint === "report" && e.kind === "status")).toBe(true);
    expect(events[0]!.occurredAt).toEqual(new Date("2025-06-09T11:00:04.120Z"));

    const seen = await send(channel, "report", fixture("infobip-seen-reports.json"));
    expect(await seen.json()).toEqual({ status: "stored", stored: 2, duplicates: 0 });
    const states = await statesOf(channel);
    expect(Object.fromEntries(Object.entries(states).map(([id, s]) => [id, [s.status, s.errorCode, s.errorReason]]))).toEqual({
      "out-ib-1": ["read", null, null],
      "out-ib-2": ["sent", null, null],
      "out-ib-3": ["undelivered", "7002", "User is not reachable on WhatsApp"],
      "out-ib-4": ["undelivered", "EXPIRED_EXPIRED", "Message expired"],
      "out-ib-5": ["failed", "REJECTED_NOT_ENOUGH_CREDITS", "Not enough credits"],
      "out-ib-6": ["read", null, null],
    });
    const seenEvents = (await eventsOf(channel)).filter((e) => e.type === "seen");
    expect(seenEvents.map((e) => [e.idempotencyKey, e.status, e.occurredAt.toISOString()])).toEqual([
      ["seen:out-ib-1", "read", "2025-06-09T11:02:10.000Z"],
      ["seen:out-ib-6", "read", "2025-06-09T11:06:30.250Z"],
    ]);
  });

  it("stores AICC's minimal report (no times) at its arrival, and any result shape on either URL", async () => {
    const channel = await newChannel("other-basic");
    const before = Date.now();
    const response = await send(channel, "message", fixture("infobip-delivery-report-minimal.json"));
    expect(response.status).toBe(200);
    const [event] = await eventsOf(channel);
    expect(event).toMatchObject({ idempotencyKey: "delivery:out-ib-7:DELIVERED", status: "delivered", endpoint: "message" });
    expect(event!.occurredAt.getTime()).toBeGreaterThanOrEqual(before - 1_000);
    expect(event!.occurredAt.getTime()).toBeLessThanOrEqual(Date.now() + 1_000);
    expect((await send(channel, "report", inboundText("inbound-on-report"))).status).toBe(200);
  });

  it("answers 400 naming the field for a bad result and stores none of the call", async () => {
    const channel = await newChannel("infobip");
    const payload = JSON.parse(fixture("infobip-inbound-all-types.json"));
    payload.results[4].message.latitude = "north";
    const cases: [body: string, field: string][] = [
      [JSON.stringify(payload), "results.4.message.latitude"],
      ['{"results":[{"messageId":"x"}]}', "results.0"],
      ['{"results":{}}', "results"],
      ["results=1", ""],
    ];
    for (const [body, field] of cases) {
      const response = await send(channel, "message", body);
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: "payloadInvalid", field } });
    }
    expect(await eventsOf(channel)).toHaveLength(0);
  });
});

describe("body size", () => {
  /** A valid inbound text padded with an unknown top-level field to exactly `size` bytes. */
  function padded(messageId: string, size: number): string {
    const base = inboundText(messageId);
    const prefix = `{"padding":"`;
    return `${prefix}${"x".repeat(size - base.length - prefix.length - 1)}",${base.slice(1)}`;
  }

  it.each(["infobip", "other-basic", "other-oAuth"] as const)("%s: accepts exactly 1 MiB and answers 413 above it", async (variant) => {
    const channel = await newChannel(variant);
    const token = variant === "other-oAuth" ? await bearerTokenFor(t.db, channel) : undefined;
    const atCap = padded("cap-1", MiB);
    expect(Buffer.byteLength(atCap)).toBe(MiB);
    expect((await send(channel, "message", atCap, {}, token)).status).toBe(200);

    const over = padded("over-1", MiB + 1);
    const response = await send(channel, "message", over, {}, token);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ error: { code: "bodyTooLarge" } });
    const declared = await send(channel, "report", padded("over-2", 2 * MiB), { "content-length": String(2 * MiB) }, token);
    expect(declared.status).toBe(413);
    expect((await eventsOf(channel)).map((e) => e.providerMessageId)).toEqual(["cap-1"]);
    const rejected = await loggedRejections(t.db, channel, 2);
    expect(rejected.map((a) => [a.endpoint, a.statusCode, a.reason]).sort()).toEqual([
      ["message", 413, "bodyTooLarge"],
      ["report", 413, "bodyTooLarge"],
    ]);
  });
});
