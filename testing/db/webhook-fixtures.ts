import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import type pg from "pg";
import type { Db } from "@/db/client";
import { expect, vi } from "vitest";
import { channels, webhookAttempts } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { handleTokenRequest } from "@/lib/api-apps/token-endpoint";
import { randomSeedSecrets, integrationOf } from "@/testing/seed/variants";
import { getKeyring } from "@/lib/crypto/keyring";
import { WEBHOOK_PROVIDER_SEGMENT, webhookUrls } from "@/lib/channels/integration";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { createIngestor, DEFAULT_INGESTOR_OPTIONS, type Ingestor, type IngestorOptions, type WebhookTarget } from "@/lib/webhooks/ingest/ingestor";
import { fromWebRequest, toWebResponse } from "@/lib/webhooks/ingest/web-transport";
import type { WebhookSegment } from "@/lib/webhooks/ingest/webhook-channel";
import { twilioSignature } from "@/lib/webhooks/verify/twilio-signature";
import { createTestChannel, ensureChannelPrerequisites, type ChannelPrerequisites, type TestChannel, type TestChannelOverrides } from "./channel-fixtures";
import { createTestTenant } from "./fixtures";
import { createTestDatabase, type TestDatabase } from "./test-database";

/*
 * Webhook tests: a channel of any variant with its plaintext credentials, an ingestor on the test
 * database, and request builders that sign the way each provider does.
 */

export const TEST_PUBLIC_BASE_URL = "https://console.example.com";

export interface WebhookTestChannel extends TestChannel {
  webhookKey: string;
  segment: WebhookSegment;
  /** The plaintext secrets the channel was saved with. */
  secrets: ReturnType<typeof randomSeedSecrets>;
  /** cloud-api: Meta's verify token; telegram: the secret token. */
  integrationToken: string | null;
  /** Public URL of each endpoint (message / report / status / webhook). */
  urls: Record<string, string>;
}

/** Open around the clock: a webhook test's channel sends no automatic reply unless the test gives it hours. */
export const ALWAYS_OPEN = { workday: [{ start: "00:00", end: "24:00" }], nonWorkday: [{ start: "00:00", end: "24:00" }] };

export async function createWebhookChannel(db: Db, actor: CurrentUser, variant: ChannelVariant, overrides: TestChannelOverrides = {}): Promise<WebhookTestChannel> {
  const secrets = { ...randomSeedSecrets(), ...overrides.secrets };
  const basic = { workTime: ALWAYS_OPEN, ...overrides.basic };
  const channel = await createTestChannel(db, actor, variant, { ...overrides, secrets, basic });
  const [row] = await db.select({ webhookKey: channels.webhookKey, tenantId: channels.tenantId }).from(channels).where(eq(channels.id, channel.id));
  const integration = await integrationOf(db, row!.tenantId, channel.id);
  const urls = Object.fromEntries(webhookUrls(variant, TEST_PUBLIC_BASE_URL, row!.webhookKey).map((u) => [u.name, u.url]));
  return {
    ...channel,
    webhookKey: row!.webhookKey,
    segment: WEBHOOK_PROVIDER_SEGMENT[variant],
    secrets,
    integrationToken: integration.verifyToken ?? integration.secretToken ?? null,
    urls,
  };
}

/** An ingestor called with Fetch Requests, answering Fetch Responses, as the route handlers use it. */
export interface WebhookTestbed {
  t: TestDatabase;
  admin: CurrentUser;
  prerequisites: ChannelPrerequisites;
  ingestor: WebIngestor;
}

/** What a webhook test file starts from: its own database, a tenant's admin with what a channel needs, an ingestor. */
export async function openWebhookTestbed(): Promise<WebhookTestbed> {
  const t = await createTestDatabase();
  const admin = (await createTestTenant(t.db)).admin;
  const prerequisites = await ensureChannelPrerequisites(t.db, admin.tenantId!, { actorUserId: admin.id });
  return { t, admin, prerequisites, ingestor: createTestIngestor(t.db, t.pool) };
}

export interface WebIngestor {
  post(request: Request, target: WebhookTarget): Promise<Response>;
  handshake(request: Request, target: WebhookTarget): Promise<Response>;
}

function webIngestor(ingestor: Ingestor): WebIngestor {
  return {
    post: async (request, target) => toWebResponse(await ingestor.post(fromWebRequest(request), target)),
    handshake: async (request, target) => toWebResponse(await ingestor.handshake(fromWebRequest(request), target)),
  };
}

/** An ingestor on the test database, called with Fetch Requests as the route handlers call it. */
export function createTestIngestor(db: Db, pool: pg.Pool, options: Partial<IngestorOptions> = {}, now?: () => Date): WebIngestor {
  return webIngestor(createIngestor({ db, pool, keyring: getKeyring(), publicBaseUrl: TEST_PUBLIC_BASE_URL, now }, { ...DEFAULT_INGESTOR_OPTIONS, ...options }));
}

/** The target a route handler would build from the URL. */
export function targetOf(channel: WebhookTestChannel, endpoint: string): WebhookTarget {
  const oneUrl = channel.segment === "whatsapp-cloud" || channel.segment === "telegram";
  return { segment: channel.segment, channelKey: channel.webhookKey, endpoint: oneUrl ? undefined : endpoint };
}

export function metaSignatureHeader(body: string | Uint8Array, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

/** A POST as the channel's provider would send it, correctly authenticated unless `headers` override. */
export async function providerRequest(
  channel: WebhookTestChannel,
  endpoint: string,
  body: string,
  options: { headers?: Record<string, string>; bearerToken?: string } = {},
): Promise<Request> {
  const url = channel.urls[endpoint] ?? channel.urls.webhook ?? channel.urls.message!;
  const headers: Record<string, string> = {};
  switch (channel.variant) {
    case "infobip":
    case "other-basic":
      headers["content-type"] = "application/json";
      headers.accountkey = channel.secrets.webhookPassword;
      break;
    case "other-oAuth":
      headers["content-type"] = "application/json";
      if (options.bearerToken) headers.authorization = `Bearer ${options.bearerToken}`;
      break;
    case "cloud-api":
      headers["content-type"] = "application/json";
      headers["x-hub-signature-256"] = metaSignatureHeader(body, channel.secrets.appSecret);
      break;
    case "twilio": {
      headers["content-type"] = "application/x-www-form-urlencoded";
      const params: Record<string, string[]> = Object.create(null) as Record<string, string[]>;
      for (const [name, value] of new URLSearchParams(body)) (params[name] ??= []).push(value);
      headers["x-twilio-signature"] = twilioSignature(channel.secrets.authToken, url, params);
      break;
    }
    case "telegram":
      headers["content-type"] = "application/json";
      headers["x-telegram-bot-api-secret-token"] = channel.integrationToken ?? "";
      break;
  }
  return new Request(url, { method: "POST", body, headers: { ...headers, ...options.headers } });
}

/** other-oAuth: a bearer token for the channel's API app, from the real token endpoint. */
export async function bearerTokenFor(db: Db, channel: WebhookTestChannel): Promise<string> {
  const { appKey, appSecret } = channel.prerequisites.apiApp;
  const response = await handleTokenRequest(
    db,
    new Request(`${TEST_PUBLIC_BASE_URL}/api/oauth/token`, {
      method: "POST",
      headers: {
        "content-type": "application/x-www-form-urlencoded",
        authorization: `Basic ${Buffer.from(`${encodeURIComponent(appKey)}:${encodeURIComponent(appSecret)}`).toString("base64")}`,
      },
      body: "grant_type=client_credentials",
    }),
  );
  const body = (await response.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`token endpoint answered ${response.status}`);
  return body.access_token;
}

/**
 * The channel's logged rejections, once at least `count` are there: rejections are logged without
 * the call waiting for it, so a test polls for them.
 */
export async function loggedRejections(db: Db, channel: { id: string }, count: number) {
  return vi.waitFor(
    async () => {
      const rows = (await db.select().from(webhookAttempts).where(eq(webhookAttempts.channelId, channel.id)).orderBy(webhookAttempts.id)).filter((a) => a.outcome === "rejected");
      expect(rows.length).toBeGreaterThanOrEqual(count);
      return rows;
    },
    { timeout: 5_000, interval: 20 },
  );
}
