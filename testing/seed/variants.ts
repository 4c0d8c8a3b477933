import { randomBytes, randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { channels } from "@/db/schema";
import { publicBaseUrl, integrationTokenKind, webhookUrls, type IntegrationUrl } from "@/lib/channels/integration";
import { saveChannel } from "@/lib/channels/channels";
import { channelSecretContext } from "@/lib/channels/secrets";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret } from "@/lib/crypto/secrets";
import type { TenantContext, TenantUser } from "@/lib/guard/guard";
import { saveChannelEnvelopeSchema } from "@/lib/validations/channels/channel";
import { CHANNEL_VARIANTS, variantOf, type ChannelVariant } from "@/lib/validations/channels/information";
import { ensureChannelPrerequisites, SEED_BASE_URLS, type ChannelPrerequisites, type PrerequisiteOptions } from "./prerequisites";

/*
 * Seed data, part 2 of 3: one valid channel of a variant, as the wizard would send it, saved
 * through the product's own saveChannel; one of each variant with its integration values.
 */

/** The raw envelope the save action receives (before parsing). */
export type ChannelEnvelopeInput = z.input<typeof saveChannelEnvelopeSchema>;

/**
 * Secrets typed into step 1. `appSecret` is the Meta app secret (cloud-api); the oAuth password and
 * the Telegram app secret are always the seed API app's secret. Missing ones are random.
 */
export interface SeedSecrets {
  webhookPassword?: string;
  password?: string;
  accountKey?: string;
  authenticationKey?: string;
  appSecret?: string;
  accessToken?: string;
  authToken?: string;
  /** Telegram only. Saving a bot token calls the Bot API (getMe), so the seed sets none by default. */
  botToken?: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");
const digits = (count: number) => Array.from({ length: count }, (_, index) => randomInt(index === 0 ? 1 : 0, 10)).join("");

/** Random secrets in each provider's real shape. */
export function randomSeedSecrets(): Required<Omit<SeedSecrets, "botToken">> {
  return {
    webhookPassword: `whp_${randomBytes(18).toString("base64url")}`,
    password: `pw_${randomBytes(12).toString("base64url")}`,
    accountKey: hex(32),
    authenticationKey: `ak_${randomBytes(24).toString("base64url")}`,
    appSecret: hex(16),
    accessToken: `EAAG${randomBytes(96).toString("base64url").replace(/[-_]/g, "")}`,
    authToken: hex(16),
  };
}

/** A random E.164 mobile number (+49 15x…), unique enough for a handful of channels. */
export function randomPhoneNumber(): string {
  return `+4915${digits(1)}${randomInt(0, 1e8).toString().padStart(8, "0")}`;
}

const WORK_TIME = {
  workday: [{ start: "09:00", end: "18:00" }],
  nonWorkday: [{ start: "10:00", end: "16:00" }],
};

/** A valid envelope for a new channel of `variant`, with realistic values for every field. */
export function variantInput(
  variant: ChannelVariant,
  prereq: ChannelPrerequisites,
  options: { name: string; phoneNumber?: string; secrets?: SeedSecrets },
): ChannelEnvelopeInput {
  const secrets = { ...randomSeedSecrets(), ...stripEmpty(options.secrets ?? {}) };
  const phoneNumber = options.phoneNumber ?? randomPhoneNumber();
  const certificates = { trustCertificateId: prereq.trustCertificateId, identityCertificateId: prereq.identityCertificateId };
  const information = informationFor(variant, prereq, phoneNumber, secrets, certificates);
  return {
    information,
    basic: {
      name: options.name,
      ouId: prereq.ouId,
      skillQueueId: prereq.skillQueueId,
      transferKeywords: ["agent", "human"],
      workTime: WORK_TIME,
      nonWorkingNotice: "Thanks for your message. Our agents are available 09:00–18:00 on workdays; we will reply then.",
      lastAgentMode: true,
      noCustomerReply: { enabled: true, minutes: 30, message: "We closed this conversation because we did not hear back. Write again any time." },
      noAgentReply: { enabled: true, minutes: 5, targetSkillQueueId: prereq.transferQueueId },
      sessionTransfer: { enabled: true, targetSkillQueueIds: [prereq.transferQueueId] },
      offlineMessages: true,
    },
    robot: { robotEnabled: false, assistantEnabled: false },
  };
}

function informationFor(
  variant: ChannelVariant,
  prereq: ChannelPrerequisites,
  phoneNumber: string,
  secrets: SeedSecrets & ReturnType<typeof randomSeedSecrets>,
  certificates: { trustCertificateId: string; identityCertificateId: string },
): Record<string, unknown> {
  switch (variant) {
    case "infobip":
      return {
        channelType: "whatsapp",
        provider: "infobip",
        phoneNumber,
        userName: "seed_infobip",
        password: secrets.password,
        baseUrl: SEED_BASE_URLS.infobip,
        accountKey: secrets.accountKey,
        webhookPassword: secrets.webhookPassword,
        ...certificates,
      };
    case "other-basic":
      return {
        channelType: "whatsapp",
        provider: "other",
        verificationMethod: "basic",
        phoneNumber,
        userName: "seed_bsp",
        password: secrets.password,
        baseUrl: SEED_BASE_URLS["other-basic"],
        authenticationKey: secrets.authenticationKey,
        webhookPassword: secrets.webhookPassword,
        ...certificates,
      };
    case "other-oAuth":
      return {
        channelType: "whatsapp",
        provider: "other",
        verificationMethod: "oAuth",
        userName: prereq.apiApp.appKey,
        password: prereq.apiApp.appSecret,
        baseUrl: SEED_BASE_URLS["other-oAuth"],
        webhookPassword: secrets.webhookPassword,
        trustCertificateId: certificates.trustCertificateId,
      };
    case "cloud-api": {
      const phoneNumberId = `1${digits(14)}`;
      return {
        channelType: "whatsapp",
        provider: "cloud-api",
        appKey: `1${digits(15)}`,
        appSecret: secrets.appSecret,
        phoneNumber,
        phoneNumberId,
        wabaId: `1${digits(14)}`,
        baseUrl: `${SEED_BASE_URLS["cloud-api"]}${phoneNumberId}/messages`,
        accessToken: secrets.accessToken,
        tokenValidity: "never",
        ...certificates,
      };
    }
    case "twilio":
      return {
        channelType: "whatsapp",
        provider: "twilio",
        phoneNumber,
        confirmationPhoneNumber: randomPhoneNumber(),
        accountSid: `AC${hex(16)}`,
        authToken: secrets.authToken,
        chatLanguage: "en",
      };
    case "telegram":
      return {
        channelType: "telegram",
        provider: "telegram",
        appKey: prereq.apiApp.appKey,
        appSecret: prereq.apiApp.appSecret,
        baseUrl: SEED_BASE_URLS.telegram,
        ...certificates,
        botToken: secrets.botToken ?? "",
      };
  }
}

function stripEmpty(secrets: SeedSecrets): SeedSecrets {
  return Object.fromEntries(Object.entries(secrets).filter(([, value]) => typeof value === "string" && value.length > 0));
}

/** A seed channel name: letters, digits and `_`, at most 64 characters. */
export const variantSlug = (variant: ChannelVariant) => variant.toLowerCase().replace(/-/g, "_");

/** Saves an envelope with every rule of the wizard (parsing included), as the save action would. */
export async function saveSeedChannel(input: ChannelEnvelopeInput, ctx: TenantContext) {
  return saveChannel(saveChannelEnvelopeSchema.parse(input), ctx);
}

// ---- One of each variant, with its integration values ----

export interface SeededChannel {
  id: string;
  name: string;
  variant: ChannelVariant;
  provider: string;
  phoneNumber: string | null;
  webhookUrls: IntegrationUrl[];
  /** cloud-api: the verify token to paste into the Meta app. */
  verifyToken?: string;
  /** telegram: the secret token for setWebhook. */
  secretToken?: string;
}

/**
 * One channel of every variant through saveChannel, with the given secrets (random otherwise),
 * answering each channel's integration values as the Channel Integration step shows them.
 */
export async function seedEachVariant(
  db: Db,
  actor: TenantUser,
  secrets: SeedSecrets = {},
  options: PrerequisiteOptions & { prerequisites?: ChannelPrerequisites; namePrefix?: string; variants?: readonly ChannelVariant[] } = {},
): Promise<{ prerequisites: ChannelPrerequisites; channels: SeededChannel[] }> {
  const prerequisites = options.prerequisites ?? (await ensureChannelPrerequisites(db, actor.tenantId, { actorUserId: actor.id, ...options }));
  const ctx: TenantContext = { user: actor, tenantId: actor.tenantId, db };
  const run = randomBytes(3).toString("hex");
  const seeded: SeededChannel[] = [];
  for (const variant of options.variants ?? CHANNEL_VARIANTS) {
    const name = `${options.namePrefix ?? "seed"}_${variantSlug(variant)}_${run}`;
    const { id } = await saveSeedChannel(variantInput(variant, prerequisites, { name, secrets }), ctx);
    seeded.push(await integrationOf(db, actor.tenantId, id));
  }
  return { prerequisites, channels: seeded };
}

/** A saved channel's integration values (URLs from PUBLIC_BASE_URL, tokens decrypted). */
export async function integrationOf(db: DbOrTx, tenantId: string, channelId: string, env: NodeJS.ProcessEnv = process.env): Promise<SeededChannel> {
  const [row] = await db
    .select({
      id: channels.id,
      name: channels.name,
      provider: channels.provider,
      verificationMethod: channels.verificationMethod,
      phoneNumber: channels.phoneNumber,
      webhookKey: channels.webhookKey,
      integrationToken: channels.integrationToken,
    })
    .from(channels)
    .where(and(eq(channels.id, channelId), eq(channels.tenantId, tenantId)));
  if (!row) throw new Error(`channel ${channelId} not found`);
  const variant = variantOf(row);
  const tokenKind = integrationTokenKind(variant);
  const token = tokenKind && row.integrationToken ? decryptSecret(getKeyring(), row.integrationToken, channelSecretContext(row.id, "integrationToken")) : null;
  return {
    id: row.id,
    name: row.name,
    variant,
    provider: row.provider,
    phoneNumber: row.phoneNumber,
    webhookUrls: webhookUrls(variant, publicBaseUrl(env), row.webhookKey),
    ...(token && tokenKind ? { [tokenKind]: token } : {}),
  };
}
