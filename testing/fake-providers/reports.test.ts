import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendInfobipText } from "@/lib/outbound/providers/infobip";
import { sendCloudApiText } from "@/lib/outbound/providers/cloud-api";
import { sendTwilioText } from "@/lib/outbound/providers/twilio";
import { infobipPayloadSchema, normalizeInfobipPayload } from "@/lib/webhooks/payloads/infobip";
import { metaPayloadSchema, normalizeMetaPayload } from "@/lib/webhooks/payloads/meta";
import { normalizeTwilioStatus, twilioStatusSchema, twilioParams } from "@/lib/webhooks/payloads/twilio";
import { verifyMetaSignature } from "@/lib/webhooks/verify/meta-signature";
import { parseFormParams, verifyTwilioSignature } from "@/lib/webhooks/verify/twilio-signature";
import { listenOnLoopback, type LoopbackServer } from "../loopback";
import { memoryScope } from "../outbound";
import { startFakeInfobip, type FakeInfobip } from "./infobip";
import { startFakeMeta, type FakeMeta } from "./meta";
import { startFakeTwilio, type FakeTwilio } from "./twilio";
import { TEST_TRUST_CA } from "./testbed";

/*
 * The fakes' delivery reports are what the console's webhook code accepts: signed as it verifies
 * them, and shaped as its payload parsers read them (sent → delivered → read for the same id).
 */

interface Received {
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const received: Received[] = [];
let hook: LoopbackServer;
let infobip: FakeInfobip;
let meta: FakeMeta;
let twilio: FakeTwilio;
const APP_SECRET = "meta-app-secret-for-reports";
const SID = `AC${"ab".repeat(16)}`;
const AUTH_TOKEN = "twilio-auth-token-for-reports";

beforeAll(async () => {
  hook = await listenOnLoopback(
    http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({ url: req.url ?? "", headers: req.headers, body: Buffer.concat(chunks).toString("utf8") });
        res.end();
      });
    }),
  );
  [infobip, meta, twilio] = await Promise.all([
    startFakeInfobip({ apiKey: "infobip-key", senders: ["441134960000"] }),
    startFakeMeta({ tokens: { "meta-token": ["106540352242922"] } }),
    startFakeTwilio({ accountSid: SID, authToken: AUTH_TOKEN, senders: ["+14155238886"] }),
  ]);
});
afterAll(async () => {
  await Promise.all([hook.close(), infobip.close(), meta.close(), twilio.close()]);
});

const context = (prefix: string) => ({ scope: memoryScope({ approvedPrefixes: [prefix] }), timeoutMs: 2_000 });
const lastReceived = () => received.at(-1)!;

describe("delivery reports posted by the fakes", () => {
  it("Infobip: AccountKey header, delivery then seen reports the console's parser reads", async () => {
    const sent = await sendInfobipText({ baseUrl: infobip.origin, apiKey: "infobip-key", sender: "+441134960000", trustCaPem: TEST_TRUST_CA }, "+441134960001", "hi", context(infobip.prefix));
    if (!sent.ok) throw new Error(sent.failure.kind);
    const statuses: string[] = [];
    for (const status of ["sent", "delivered", "read"] as const) {
      expect(await infobip.postDeliveryReport(`${hook.origin}/infobip`, sent.value.messageId, status, { accountKey: "webhook-password" })).toBe(200);
      expect(lastReceived().headers.accountkey).toBe("webhook-password");
      const events = normalizeInfobipPayload(infobipPayloadSchema.parse(JSON.parse(lastReceived().body)), { receivedAt: new Date() }).events;
      expect(events).toHaveLength(1);
      expect(events[0]).toMatchObject({ kind: "status", providerMessageId: sent.value.messageId });
      statuses.push(events[0]!.kind === "status" ? events[0]!.status : "");
    }
    expect(statuses).toEqual(["sent", "delivered", "read"]);
  });

  it("Meta: signed with the app secret, statuses the console's parser reads", async () => {
    const sent = await sendCloudApiText(
      { graphBaseUrl: meta.graphBaseUrl, accessToken: "meta-token", phoneNumberId: "106540352242922", trustCaPem: TEST_TRUST_CA },
      "+16505551234",
      "hi",
      context(meta.prefix),
    );
    if (!sent.ok) throw new Error(sent.failure.kind);
    for (const status of ["sent", "delivered", "read"] as const) {
      await meta.postStatus(`${hook.origin}/meta`, sent.value.messageId, status, APP_SECRET);
      const { body, headers } = lastReceived();
      expect(verifyMetaSignature(body, String(headers["x-hub-signature-256"]), APP_SECRET).ok).toBe(true);
      expect(verifyMetaSignature(body, String(headers["x-hub-signature-256"]), "another-secret").ok).toBe(false);
      const events = normalizeMetaPayload(metaPayloadSchema.parse(JSON.parse(body))).events;
      expect(events).toEqual([expect.objectContaining({ kind: "status", providerMessageId: sent.value.messageId, status })]);
    }
  });

  it("Twilio: signed with the Auth Token over the URL and every parameter, a status the console's parser reads", async () => {
    const sent = await sendTwilioText({ apiBaseUrl: twilio.origin, accountSid: SID, authToken: AUTH_TOKEN, from: "+14155238886", trustCaPem: TEST_TRUST_CA }, "+16505551234", "hi", context(twilio.prefix));
    if (!sent.ok) throw new Error(sent.failure.kind);
    const url = `${hook.origin}/twilio?channel=1`;
    for (const status of ["sent", "delivered", "read"] as const) {
      await twilio.postStatus(url, sent.value.messageId, status);
      const { body, headers } = lastReceived();
      expect(verifyTwilioSignature({ authToken: AUTH_TOKEN, signature: String(headers["x-twilio-signature"]), url, rawBody: body }).ok).toBe(true);
      const params = twilioStatusSchema.parse(twilioParams(parseFormParams(body)));
      expect(normalizeTwilioStatus(params, { receivedAt: new Date() }).events).toEqual([
        expect.objectContaining({ kind: "status", providerMessageId: sent.value.messageId, status }),
      ]);
    }
  });
});
