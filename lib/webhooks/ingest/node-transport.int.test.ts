import http from "node:http";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webhookEvents } from "@/db/schema";
import { ensureChannelPrerequisites, type ChannelPrerequisites } from "@/testing/db/channel-fixtures";
import { createTestTenant } from "@/testing/db/fixtures";
import { createTestDatabase, type TestDatabase } from "@/testing/db/test-database";
import { bearerTokenFor, createWebhookChannel, providerRequest, targetOf, type WebhookTestChannel } from "@/testing/db/webhook-fixtures";
import { NOT_A_WEBHOOK_CALL, startDirectWebhookServer, useProcessIngestor } from "@/testing/db/webhook-server";
import { rawRequest } from "@/testing/fetch-server";
import type { CurrentUser } from "@/lib/auth/current-user";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { fixtureBytes, twilioFixtures, twilioForm } from "@/testing/fixtures/webhooks";
import { webhookRouteHandlers } from "./route-handlers";
import { ENDPOINTS_BY_SEGMENT, type WebhookSegment } from "./webhook-channel";
import { captureLog } from "@/testing/log-capture";

/*
 * The production server's direct webhook path (node-transport.ts) over real HTTP on loopback,
 * against the route handlers app/api/webhooks/ exports, both on the process-wide ingestor as in
 * production: every scenario is played through both, each on its own channel, and must get the
 * same status, headers and body, and store the same rows.
 */

const PHONE_NUMBER_ID = "106540352242922";
const VARIANTS: ChannelVariant[] = ["infobip", "other-basic", "other-oAuth", "cloud-api", "twilio", "telegram"];

let t: TestDatabase;
let admin: CurrentUser;
let prerequisites: ChannelPrerequisites;
let origin: string;

let stopIngestor: (() => Promise<void>) | undefined;
let stopServer: (() => Promise<void>) | undefined;

beforeAll(async () => {
  t = await createTestDatabase();
  // Both paths use the process-wide ingestor, as in production.
  stopIngestor = useProcessIngestor(t);
  admin = (await createTestTenant(t.db)).admin;
  prerequisites = await ensureChannelPrerequisites(t.db, admin.tenantId!, { actorUserId: admin.id });
  ({ origin, close: stopServer } = await startDirectWebhookServer());
}, 60_000);

afterAll(async () => {
  await stopServer?.();
  await stopIngestor?.();
  await t?.close();
});

interface Answer {
  status: number;
  headers: Record<string, string | null>;
  body: string;
}

const COMPARED_HEADERS = ["content-type", "allow", "www-authenticate", "retry-after"];

/**
 * What next.config.ts adds to every API answer of Next's, spelled out: the direct path must send
 * the same (e2e/security-headers.spec.ts compares the two on the production server).
 */
const CONSOLE_API_HEADERS = {
  "x-content-type-options": "nosniff",
  "x-frame-options": "DENY",
  "referrer-policy": "same-origin",
  "permissions-policy": expect.stringMatching(/^(?=.*\bcamera=\(\))(?=.*\bmicrophone=\(\))(?=.*\bgeolocation=\(\))(?=.*\bpayment=\(\))(?=.*\busb=\(\))/),
  "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
};

async function answerOf(response: Response): Promise<Answer> {
  return { status: response.status, headers: Object.fromEntries(COMPARED_HEADERS.map((name) => [name, response.headers.get(name)])), body: await response.text() };
}

/** The same Request, sent to the loopback server at its path and query. */
async function overHttp(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const body = request.method === "GET" || request.method === "HEAD" ? undefined : Buffer.from(await request.arrayBuffer());
  return fetch(`${origin}${url.pathname}${url.search}`, { method: request.method, headers: request.headers, body });
}

function validBody(channel: WebhookTestChannel, id: string): string {
  switch (channel.variant) {
    case "infobip":
    case "other-basic":
    case "other-oAuth": {
      const body = JSON.parse(fixtureBytes("infobip-inbound-text.json").toString("utf8"));
      body.results[0].messageId = id;
      return JSON.stringify(body);
    }
    case "cloud-api": {
      const body = JSON.parse(fixtureBytes("meta-text.json").toString("utf8"));
      body.entry[0].changes[0].value.messages[0].id = id;
      return JSON.stringify(body);
    }
    case "twilio":
      return twilioForm({ ...Object.values(twilioFixtures("twilio-inbound.json"))[0]!, MessageSid: `SM${id}` });
    case "telegram": {
      const body = JSON.parse(fixtureBytes("telegram-update-text.json").toString("utf8"));
      body.update_id = Number.parseInt(id.replace(/\D/g, "").slice(0, 9) || "1", 10);
      return JSON.stringify(body);
    }
  }
}

const wrongCredential: Record<ChannelVariant, Record<string, string>> = {
  infobip: { accountkey: "not-the-password" },
  "other-basic": { accountkey: "not-the-password" },
  "other-oAuth": { authorization: "Bearer not-a-token" },
  "cloud-api": { "x-hub-signature-256": `sha256=${"0".repeat(64)}` },
  twilio: { "x-twilio-signature": "AAAAAAAAAAAAAAAAAAAAAAAAAAA=" },
  telegram: { "x-telegram-bot-api-secret-token": "not-the-token" },
};

const MISSING: Record<ChannelVariant, string> = {
  infobip: "accountkey",
  "other-basic": "accountkey",
  "other-oAuth": "authorization",
  "cloud-api": "x-hub-signature-256",
  twilio: "x-twilio-signature",
  telegram: "x-telegram-bot-api-secret-token",
};

type Send = (request: Request, endpoint: string, channel: WebhookTestChannel) => Promise<Response>;

/** One scenario script per variant: the answers in order, and the events stored. */
async function play(variant: ChannelVariant, send: Send) {
  const channel = await createWebhookChannel(t.db, admin, variant, { prerequisites, information: variant === "cloud-api" ? { phoneNumberId: PHONE_NUMBER_ID } : {} });
  const endpoint = channel.urls.webhook ? "webhook" : "message";
  const bearerToken = variant === "other-oAuth" ? await bearerTokenFor(t.db, channel) : undefined;
  const signed = (body: string, headers: Record<string, string> = {}) => providerRequest(channel, endpoint, body, { headers, bearerToken });
  const url = new URL(channel.urls[endpoint]!);
  const answers: Answer[] = [];
  const record = async (request: Request | Promise<Request>) => answers.push(await answerOf(await send(await request, endpoint, channel)));

  const body = validBody(channel, "wamid.parity1");
  await record(signed(body));
  await record(signed(body)); // a retry: a duplicate
  await record(signed(validBody(channel, "wamid.parity2"), wrongCredential[variant]));
  const unsigned = await signed(validBody(channel, "wamid.parity3"));
  unsigned.headers.delete(MISSING[variant]);
  await record(unsigned);
  await record(signed(channel.variant === "twilio" ? "MessageSid=" : '{"results": 5}'));
  await record(new Request(url, { method: "PUT", body: "{}" }));
  await record(new Request(url, { method: "GET" }));
  const unknown = new URL(url);
  unknown.pathname = unknown.pathname.replace(channel.webhookKey, "A".repeat(channel.webhookKey.length));
  await record(new Request(unknown, { method: "POST", body }));
  if (variant === "cloud-api") {
    const handshake = (token: string) => new Request(`${url}?hub.mode=subscribe&hub.challenge=1158201444&hub.verify_token=${encodeURIComponent(token)}`);
    await record(handshake(channel.integrationToken!));
    await record(handshake(`${channel.integrationToken}x`));
  }
  const events = await t.db.select({ key: webhookEvents.idempotencyKey, type: webhookEvents.type }).from(webhookEvents).where(eq(webhookEvents.channelId, channel.id)).orderBy(webhookEvents.idempotencyKey);
  return { answers, events };
}

const HANDLERS = Object.fromEntries((Object.keys(ENDPOINTS_BY_SEGMENT) as WebhookSegment[]).map((segment) => [segment, webhookRouteHandlers(segment)])) as Record<
  WebhookSegment,
  ReturnType<typeof webhookRouteHandlers>
>;

/** As Next calls a route's export: the request and the URL's params. */
const viaRouteHandlers: Send = (request, endpoint, channel) => {
  // The key from the URL, not the channel: one scenario calls an unknown key.
  const channelKey = new URL(request.url).pathname.split("/")[4]!;
  const { endpoint: name } = targetOf(channel, endpoint);
  return HANDLERS[channel.segment][request.method as "POST" | "GET" | "PUT"](request, { params: Promise.resolve({ channelKey, ...(name ? { endpoint: name } : {}) }) });
};
const viaNodeServer: Send = (request) => overHttp(request);

describe("the direct webhook path in front of Next", () => {
  it.each(VARIANTS)("%s: answers and stores exactly as the route handlers do", async (variant) => {
    const routes = await play(variant, viaRouteHandlers);
    const direct = await play(variant, viaNodeServer);
    expect(direct.answers).toEqual(routes.answers);
    expect(direct.events).toEqual(routes.events);
    // The script must exercise something: one stored event, then a duplicate, then refusals.
    expect(routes.events).toHaveLength(1);
    expect(routes.answers.map((a) => a.status).slice(0, 6)).toEqual([200, 200, 403, 401, 400, 405]);
  });

  it("adds the console's security headers and keeps the connection for the next delivery", async () => {
    const channel = await createWebhookChannel(t.db, admin, "telegram", { prerequisites });
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    for (const id of ["1001", "1002"]) {
      const request = await providerRequest(channel, "message", validBody(channel, id));
      const response = await new Promise<http.IncomingMessage>((resolve, reject) => {
        const url = new URL(request.url);
        const outgoing = http.request(`${origin}${url.pathname}`, { method: "POST", agent, headers: Object.fromEntries(request.headers) }, resolve);
        outgoing.on("error", reject);
        outgoing.on("socket", (socket) => sockets.add(socket));
        void request.text().then((text) => outgoing.end(text));
      });
      response.resume();
      expect(response.statusCode).toBe(200);
      expect(response.headers).toMatchObject(CONSOLE_API_HEADERS);
      expect(response.headers["strict-transport-security"]).toBeUndefined();
    }
    expect(sockets.size).toBe(1);
    agent.destroy();
  });

  it("adds HSTS when the call came over https through the reverse proxy", async () => {
    const channel = await createWebhookChannel(t.db, admin, "telegram", { prerequisites });
    const request = await providerRequest(channel, "message", validBody(channel, "1003"));
    const url = new URL(request.url);
    const response = await rawRequest(`${origin}${url.pathname}`, {
      method: "POST",
      headers: { ...Object.fromEntries(request.headers), "x-forwarded-proto": "https" },
      body: await request.text(),
    });
    expect(response.status).toBe(200);
    expect(response.headers).toMatchObject({ ...CONSOLE_API_HEADERS, "strict-transport-security": "max-age=63072000; includeSubDomains" });
  });

  it("refuses a streamed body over the cap with 413 without reading it all, and stores nothing", async () => {
    const channel = await createWebhookChannel(t.db, admin, "telegram", { prerequisites });
    const request = await providerRequest(channel, "message", "{}");
    const url = new URL(request.url);
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const outgoing = http.request(`${origin}${url.pathname}`, { method: "POST", headers: { ...Object.fromEntries(request.headers), "transfer-encoding": "chunked" } }, (response) => {
        let text = "";
        response.setEncoding("utf8").on("data", (chunk) => (text += chunk)).on("end", () => resolve({ status: response.statusCode!, body: text }));
      });
      outgoing.on("error", reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      // 2 MiB against telegram's 1 MiB cap; the server answers before the client would finish 64 MiB.
      let sent = 0;
      const pump = () => {
        while (sent < 64 * 1024 * 1024 && !outgoing.destroyed) {
          sent += chunk.length;
          if (!outgoing.write(chunk)) return void outgoing.once("drain", pump);
        }
        outgoing.end();
      };
      pump();
    });
    expect(status).toBe(413);
    expect(JSON.parse(body)).toMatchObject({ error: { code: "bodyTooLarge" } });
    expect(await t.db.select().from(webhookEvents).where(eq(webhookEvents.channelId, channel.id))).toHaveLength(0);
  });

  it("lets a caller hang up mid-body without an error logged or anything stored, and serves the next call", async () => {
    const log = captureLog();
    try {
      const channel = await createWebhookChannel(t.db, admin, "telegram", { prerequisites });
      const request = await providerRequest(channel, "message", validBody(channel, "2001"));
      const url = new URL(request.url);
      const closed = new Promise<void>((resolve) => {
        const outgoing = http.request(`${origin}${url.pathname}`, { method: "POST", headers: { ...Object.fromEntries(request.headers), "content-length": "5000" } });
        outgoing.on("error", () => resolve());
        outgoing.on("close", () => resolve());
        outgoing.write('{"update_id": 20');
        setTimeout(() => outgoing.destroy(), 50);
      });
      await closed;
      const next = await overHttp(await providerRequest(channel, "message", validBody(channel, "2002")));
      expect(next.status).toBe(200);
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(log.at("error")).toEqual([]);
      const events = await t.db.select({ id: webhookEvents.providerMessageId }).from(webhookEvents).where(eq(webhookEvents.channelId, channel.id));
      expect(events).toHaveLength(1);
    } finally {
      log.restore();
    }
  });

  it("leaves every other path and method to Next", async () => {
    const channel = await createWebhookChannel(t.db, admin, "cloud-api", { prerequisites, information: { phoneNumberId: PHONE_NUMBER_ID } });
    const path = new URL(channel.urls.webhook!).pathname;
    for (const [method, target] of [
      ["POST", `${path}/`],
      ["HEAD", path],
      ["OPTIONS", path],
      ["POST", "/api/channels"],
      ["POST", "/api/webhooks/unknown/key"],
    ] as const) {
      const response = await fetch(`${origin}${target}`, { method });
      expect(response.status, `${method} ${target}`).toBe(NOT_A_WEBHOOK_CALL);
    }
  });
});
