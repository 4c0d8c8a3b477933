import http from "node:http";
import { eq, sql } from "drizzle-orm";
import { channels } from "@/db/schema";
import type { CurrentUser } from "@/lib/auth/current-user";
import { channelSecretContext } from "@/lib/channels/secrets";
import { getKeyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import type { ChannelVariant } from "@/lib/validations/channels/information";
import { createIngestor, DEFAULT_INGESTOR_OPTIONS, type Ingestor } from "@/lib/webhooks/ingest/ingestor";
import { createNodeWebhookHandler } from "@/lib/webhooks/ingest/node-transport";
import type { TestChannelOverrides } from "../db/channel-fixtures";
import { createTestTenant } from "../db/fixtures";
import { createTestDatabase, type TestDatabase } from "../db/test-database";
import { createWebhookChannel, TEST_PUBLIC_BASE_URL, type WebhookTestChannel } from "../db/webhook-fixtures";
import { fakeBotToken, startFakeBotApi, type FakeBotApi } from "../fake-telegram-bot-api";
import { startFakeInfobip, type FakeInfobip } from "../fake-providers/infobip";
import { startFakeMeta, type FakeMeta } from "../fake-providers/meta";
import { startFakeTwilio, type FakeTwilio } from "../fake-providers/twilio";
import path from "node:path";
import { FIXTURE_DIR } from "../fixtures/certificates";
import { listenOnLoopback } from "../loopback";
import { approvePrefix } from "../outbound";
import { randomPhoneNumber } from "../seed/variants";

/*
 * The send queue's tests: one database, a fake of every provider over HTTPS on 127.0.0.1 (prefixes
 * approved), the console's webhook ingestor on a loopback HTTP server (the fakes post their signed
 * status reports there), and channels of each variant pointed at the fakes.
 */

export interface SendTestChannel extends WebhookTestChannel {
  tenantId: string;
  /** The channel's webhook URLs on the loopback ingestor (what the fakes post reports to). */
  localUrls: Record<string, string>;
  botToken?: string;
}

export interface SendTestbed {
  t: TestDatabase;
  admin: CurrentUser;
  meta: FakeMeta;
  twilio: FakeTwilio;
  infobip: FakeInfobip;
  telegram: FakeBotApi;
  /** The loopback origin of the console's webhook ingestor. */
  webhookOrigin: string;
  /** What a child worker process needs besides DATABASE_URL. */
  env: Record<string, string>;
  createChannel(variant: ChannelVariant, overrides?: Pick<TestChannelOverrides, "basic">): Promise<SendTestChannel>;
  close(): Promise<void>;
}

const TWILIO_SID = `AC${"0123456789abcdef".repeat(2)}`;
const TWILIO_TOKEN = "f".repeat(32);
const INFOBIP_KEY = "infobip-api-key-0123456789abcdef";
/** A recipient who has not written in 24 hours: Meta refuses a free-form text to them (131047). */
export const COLD_RECIPIENT = "+4915112345678";

export async function openSendTestbed(): Promise<SendTestbed> {
  const t = await createTestDatabase();
  const admin = (await createTestTenant(t.db)).admin;
  // The fakes read these at each request: channels made later add their token, number or sender.
  const metaTokens: Record<string, string[]> = {};
  const twilioSenders: string[] = [];
  const meta = await startFakeMeta({ tokens: metaTokens, coldRecipients: [COLD_RECIPIENT.slice(1)] });
  const twilio = await startFakeTwilio({ accountSid: TWILIO_SID, authToken: TWILIO_TOKEN, senders: twilioSenders });
  const infobipSenders: string[] = [];
  const bspBasic = { user: "bsp-user", password: "bsp-password-0123456789" };
  const infobip = await startFakeInfobip({ apiKey: INFOBIP_KEY, basic: bspBasic, senders: infobipSenders });
  const telegram = await startFakeBotApi();
  for (const prefix of [meta.prefix, twilio.prefix, infobip.prefix, telegram.prefix]) await approvePrefix(t.db, prefix);

  const current: { ingestor?: Ingestor } = {};
  const handler = createNodeWebhookHandler(() => current.ingestor!);
  const server = http.createServer((request, response) => {
    if (!handler(request, response)) response.writeHead(404).end();
  });
  const listening = await listenOnLoopback(server);
  // The ingestor checks Twilio's signature over its public URL: that is this server's origin.
  current.ingestor = createIngestor({ db: t.db, pool: t.pool, keyring: getKeyring(), publicBaseUrl: listening.origin }, DEFAULT_INGESTOR_OPTIONS);

  const env = {
    META_GRAPH_BASE_URL: meta.graphBaseUrl,
    TWILIO_API_BASE_URL: twilio.origin,
    TELEGRAM_API_BASE_URL: telegram.baseUrl,
    // Twilio channels name no trust certificate: the test CA joins the default anchors, as an operator's proxy CA would.
    OUTBOUND_EXTRA_CA_FILE: path.join(FIXTURE_DIR, "root-ca.pem"),
  };
  Object.assign(process.env, env);

  async function createChannel(variant: ChannelVariant, overrides: Pick<TestChannelOverrides, "basic"> = {}): Promise<SendTestChannel> {
    const phoneNumber = randomPhoneNumber();
    const information: Record<string, unknown> = {};
    const secrets: Record<string, string> = {};
    if (variant === "infobip" || variant === "other-basic") information.baseUrl = infobip.origin;
    if (variant === "infobip") secrets.accountKey = INFOBIP_KEY;
    if (variant === "other-basic") {
      information.userName = bspBasic.user;
      secrets.password = bspBasic.password;
    }
    if (variant === "twilio") information.accountSid = TWILIO_SID;
    if (variant === "twilio") secrets.authToken = TWILIO_TOKEN;
    const channel = await createWebhookChannel(t.db, admin, variant, { phoneNumber, information, secrets, ...overrides });
    const [row] = await t.db.select().from(channels).where(eq(channels.id, channel.id));
    const localUrls = Object.fromEntries(Object.entries(channel.urls).map(([name, url]) => [name, url.replace(TEST_PUBLIC_BASE_URL, listening.origin)]));
    const result: SendTestChannel = { ...channel, tenantId: row!.tenantId, localUrls };
    if (variant === "infobip" || variant === "other-basic") infobipSenders.push(phoneNumber.replace(/^\+/, ""));
    if (variant === "twilio") twilioSenders.push(phoneNumber);
    if (variant === "cloud-api") {
      const settings = row!.settings as { phoneNumberId: string };
      (metaTokens[channel.secrets.accessToken] ??= []).push(settings.phoneNumberId);
    }
    if (variant === "telegram") {
      const botToken = fakeBotToken();
      telegram.addBot(`bot_${channel.id.slice(0, 8)}`, botToken);
      const ciphertext = encryptSecret(getKeyring(), botToken, channelSecretContext(channel.id, "botToken"));
      await t.db.update(channels).set({ secrets: sql`${channels.secrets} || ${JSON.stringify({ botToken: ciphertext })}::jsonb` }).where(eq(channels.id, channel.id));
      result.botToken = botToken;
    }
    return result;
  }

  return {
    t,
    admin,
    meta,
    twilio,
    infobip,
    telegram,
    webhookOrigin: listening.origin,
    env,
    createChannel,
    async close() {
      for (const name of Object.keys(env)) delete process.env[name];
      await Promise.all([meta.close(), twilio.close(), infobip.close(), telegram.close(), listening.close()]);
      await t.close();
    },
  };
}
