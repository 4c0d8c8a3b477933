import { randomBytes, randomInt, randomUUID } from "node:crypto";
import { and, eq, getTableColumns, isNull, sql } from "drizzle-orm";
import { CasingCache } from "drizzle-orm/casing";
import type { z } from "zod";
import type { Db, DbOrTx } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import { insertCertificate, type CertificateKind } from "@/db/queries/certificates";
import { apiApps, certificates, channels, channelTransferQueues, ous, skillQueues, trustlistEntries } from "@/db/schema";
import { canonicalApis, type ApiName } from "@/lib/api-apps/apis";
import { credentialMatches, generateAppKey, generateAppSecret, hashCredential } from "@/lib/api-apps/credentials";
import { fixture } from "@/testing/fixtures/certificates";
import { parseIdentityPem, parseTrustCertificates, type ParsedChain } from "@/lib/certificates/parse";
import { secretContext } from "@/lib/certificates/store";
import { getKeyring } from "@/lib/crypto/keyring";
import { decryptSecret, encryptSecret } from "@/lib/crypto/secrets";
import type { TenantContext, TenantUser } from "@/lib/guard/guard";
import { saveChannelEnvelopeSchema, parseInformation } from "@/lib/validations/channels/channel";
import { CHANNEL_VARIANTS, variantOf, type ChannelInformation, type ChannelVariant } from "@/lib/validations/channels/information";
import { parseTrustlistPrefix } from "@/lib/trustlist/prefix";
import { generateWebhookKey, integrationTokenKind, publicBaseUrl, webhookUrls, type IntegrationUrl } from "./integration";
import { rowValues } from "./record";
import { saveChannel } from "./save";
import { channelSecretContext, mergeSecrets, newIntegrationToken } from "./secrets";

/*
 * Seed data for development, tests and benchmarks (issue 4, point 6): the things a channel refers
 * to, one valid channel of each variant saved through saveChannel, and many channels inserted in
 * bulk as rows saveChannel would have written. Not used by the running console.
 */

export const SEED_NAMES = {
  ou: "Seed OU",
  skillQueue: "Seed queue",
  transferQueue: "Seed transfer queue",
  trustCertificate: "Seed trust certificate",
  identityCertificate: "Seed identity certificate",
  apiApp: "Seed API app",
} as const;

/** The APIs the seed app is subscribed to: the oAuth BSP's and Telegram's. */
export const SEED_API_APP_APIS: ApiName[] = ["sendWhatsappMessage", "ccmessage_telegram_north", "telegram_north"];

/** Every BaseUrl the seed uses, approved on the (global) address trustlist. */
export const SEED_BASE_URLS = {
  infobip: "https://seed.api.infobip.com/",
  "other-basic": "https://bsp.seed.example/",
  "other-oAuth": "https://bsp.seed.example:8443/apiaccess/rest/ccmessaging",
  "cloud-api": "https://graph.facebook.com/v21.0/",
  telegram: "https://203.0.113.10:8443",
} as const;

export const SEED_TRUSTLIST_PREFIXES = Object.values(SEED_BASE_URLS).map((url) => {
  const parsed = parseTrustlistPrefix(url);
  if (!parsed.ok) throw new Error(`seed BaseUrl ${url} is not a valid trustlist prefix: ${parsed.error}`);
  return parsed.prefix;
});

export interface ChannelPrerequisites {
  ouId: string;
  skillQueueId: string;
  transferQueueId: string;
  trustCertificateId: string;
  identityCertificateId: string;
  apiApp: { id: string; appKey: string; appSecret: string };
}

export interface PrerequisiteOptions {
  /** The API app to find or create (default "Seed API app"); a unique name gives a caller an app of its own. */
  apiAppName?: string;
  /** The app secret to use: kept when the app already has it, set otherwise. Default: a fresh secret. */
  apiAppSecret?: string;
  /** Recorded as the creator of new rows and as the audit actor. */
  actorUserId?: string | null;
}

/**
 * Creates what a channel needs, when missing (found by fixed names, so running it again changes
 * nothing but the app secret): an OU, two skill queues, a trust and an identity certificate, an
 * API app subscribed to the oAuth and Telegram APIs, and approved trustlist prefixes for every
 * seed BaseUrl. The app secret is only stored as a hash, so unless the caller names the secret
 * the app already has, a new one is set and answered.
 */
export async function ensureChannelPrerequisites(db: Db, tenantId: string, options: PrerequisiteOptions = {}): Promise<ChannelPrerequisites> {
  const actorUserId = options.actorUserId ?? null;
  const scope = { tenantId };
  return db.transaction(async (tx) => {
    // Two seeders of one tenant at once (parallel e2e workers) must not both create "Seed OU".
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${`channel-seed:${tenantId}`}, 0))`);
    const created: string[] = [];

    const ouId = await findOrCreate(
      () => tx.select({ id: ous.id }).from(ous).where(and(eq(ous.tenantId, tenantId), isNull(ous.parentId), eq(ous.name, SEED_NAMES.ou))),
      () => tx.insert(ous).values({ tenantId, name: SEED_NAMES.ou, parentId: null }).returning({ id: ous.id }),
      created,
      SEED_NAMES.ou,
    );
    const queue = (name: string) =>
      findOrCreate(
        () => tx.select({ id: skillQueues.id }).from(skillQueues).where(and(eq(skillQueues.tenantId, tenantId), eq(skillQueues.name, name))),
        () => tx.insert(skillQueues).values({ tenantId, name, description: "Created by the channel seed" }).returning({ id: skillQueues.id }),
        created,
        name,
      );
    const skillQueueId = await queue(SEED_NAMES.skillQueue);
    const transferQueueId = await queue(SEED_NAMES.transferQueue);

    const certificate = (name: string, kind: CertificateKind) =>
      findOrCreate(
        () =>
          tx
            .select({ id: certificates.id })
            .from(certificates)
            .where(and(eq(certificates.tenantId, tenantId), eq(certificates.name, name), eq(certificates.kind, kind))),
        async () => [await insertSeedCertificate(tx, tenantId, name, kind, actorUserId)],
        created,
        name,
      );
    const trustCertificateId = await certificate(SEED_NAMES.trustCertificate, "trust");
    const identityCertificateId = await certificate(SEED_NAMES.identityCertificate, "identity");

    const apiApp = await ensureSeedApiApp(tx, tenantId, options, created);

    for (const prefix of SEED_TRUSTLIST_PREFIXES) {
      const inserted = await tx
        .insert(trustlistEntries)
        .values({
          prefix,
          reason: "Seed data for development",
          status: "approved",
          requestedByTenantId: tenantId,
          requestedByUserId: actorUserId,
          decidedByUserId: actorUserId,
          decidedAt: new Date(),
          decisionNote: "Approved by the channel seed",
        })
        // Approved prefixes are global and unique: another seed run or an administrator may have approved it.
        .onConflictDoNothing()
        .returning({ id: trustlistEntries.id });
      if (inserted.length > 0) created.push(prefix);
    }

    if (created.length > 0 || apiApp.secretChanged) {
      await recordAudit(tx, {
        tenantId,
        actorUserId,
        action: "channel.seedPrerequisites",
        targetType: "tenant",
        targetId: scope.tenantId,
        after: { created, apiAppSecretReplaced: apiApp.secretChanged },
      });
    }
    return {
      ouId,
      skillQueueId,
      transferQueueId,
      trustCertificateId,
      identityCertificateId,
      apiApp: { id: apiApp.id, appKey: apiApp.appKey, appSecret: apiApp.appSecret },
    };
  });
}

async function findOrCreate(
  find: () => Promise<{ id: string }[]>,
  create: () => Promise<{ id: string }[]>,
  created: string[],
  name: string,
): Promise<string> {
  const [found] = await find();
  if (found) return found.id;
  const [row] = await create();
  created.push(name);
  return row!.id;
}

/** The certificate fixtures, stored the way the certificate pages store an upload. */
async function insertSeedCertificate(tx: DbOrTx, tenantId: string, name: string, kind: CertificateKind, actorUserId: string | null) {
  const id = randomUUID();
  let parsed: ParsedChain;
  let secrets = {};
  if (kind === "trust") {
    parsed = parseTrustCertificates(fixture("chain.pem"));
  } else {
    const identity = parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("leaf.key") });
    parsed = identity;
    secrets = { privateKeyEncrypted: encryptSecret(getKeyring(), identity.privateKeyPem, secretContext(id, "privateKey")) };
  }
  const leaf = parsed.chain[0]!;
  await insertCertificate(tx, { tenantId }, {
    id,
    name,
    kind,
    source: "upload",
    sourceUrl: null,
    subject: leaf.subject,
    issuer: leaf.issuer,
    serialNumber: leaf.serialNumber,
    notBefore: leaf.notBefore,
    notAfter: leaf.notAfter,
    fingerprintSha256: leaf.fingerprintSha256,
    chainPem: parsed.chainPem,
    chainLength: parsed.chain.length,
    createdByUserId: actorUserId,
    ...secrets,
  });
  return { id };
}

async function ensureSeedApiApp(tx: DbOrTx, tenantId: string, options: PrerequisiteOptions, created: string[]) {
  const name = options.apiAppName ?? SEED_NAMES.apiApp;
  const [existing] = await tx
    .select({ id: apiApps.id, appKey: apiApps.appKey, secretHash: apiApps.secretHash, apis: apiApps.apis, disabledAt: apiApps.disabledAt })
    .from(apiApps)
    .where(and(eq(apiApps.tenantId, tenantId), eq(apiApps.name, name)))
    .for("update");
  const appSecret = options.apiAppSecret ?? generateAppSecret();
  if (!existing) {
    const appKey = generateAppKey();
    const [row] = await tx
      .insert(apiApps)
      .values({ tenantId, name, appKey, secretHash: hashCredential(appSecret), apis: SEED_API_APP_APIS, createdByUserId: options.actorUserId ?? null })
      .returning({ id: apiApps.id });
    created.push(name);
    return { id: row!.id, appKey, appSecret, secretChanged: false };
  }
  const apis = canonicalApis([...existing.apis, ...SEED_API_APP_APIS]);
  const secretChanged = !credentialMatches(appSecret, existing.secretHash);
  await tx
    .update(apiApps)
    .set({
      apis,
      disabledAt: null,
      ...(secretChanged ? { secretHash: hashCredential(appSecret), secretRotatedAt: new Date() } : {}),
    })
    .where(and(eq(apiApps.id, existing.id), eq(apiApps.tenantId, tenantId)));
  return { id: existing.id, appKey: existing.appKey, appSecret, secretChanged };
}

// ---- One channel of a variant, as the wizard would send it ----

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

// ---- Many channels, fast ----

export interface BulkOptions {
  /** The creator recorded on every row (default none). */
  actorUserId?: string | null;
  /** The variants to cycle through (default all six). */
  variants?: readonly ChannelVariant[];
  /** Rows per INSERT (default 1000). */
  batchSize?: number;
  /** INSERTs running at once, each on its own connection (default 2). */
  concurrency?: number;
  /** One channel in this many is disabled (default 10; 0 for none). */
  disabledEvery?: number;
  /** createdAt is spread over this many days before now (default 365). */
  spreadDays?: number;
  prerequisites?: ChannelPrerequisites;
  /** Called after each committed batch. */
  onProgress?: (done: number, total: number) => void;
}

export interface BulkResult {
  count: number;
  /** The suffix of every name of this run, and the number prefix of its WhatsApp numbers. */
  run: string;
  firstName: string | null;
  lastName: string | null;
  byVariant: Partial<Record<ChannelVariant, number>>;
  milliseconds: number;
}

export const BULK_MAX_COUNT = 1_000_000;

/**
 * Inserts `count` channels of mixed variants in multi-row INSERTs, skipping saveChannel's per-row
 * checks (each variant's template is validated once, by the same schemas) but writing exactly the
 * rows it would: rowValues for the columns, mergeSecrets for the encrypted secrets and their masks,
 * a fresh webhook key and an encrypted integration token per row. Names are
 * `seed_<variant>_<n>_<run>`, WhatsApp numbers `+447<run><n>` (unique across the installation:
 * the run is chosen so that no number or name of it exists yet).
 */
export async function seedBulkChannels(db: Db, tenantId: string, count: number, options: BulkOptions = {}): Promise<BulkResult> {
  if (!Number.isInteger(count) || count < 1 || count > BULK_MAX_COUNT) throw new Error(`count must be 1…${BULK_MAX_COUNT}`);
  const started = performance.now();
  const prereq = options.prerequisites ?? (await ensureChannelPrerequisites(db, tenantId, { actorUserId: options.actorUserId }));
  const variants = options.variants?.length ? options.variants : CHANNEL_VARIANTS;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 1000, 1000));
  const disabledEvery = options.disabledEvery ?? 10;
  const spreadMs = (options.spreadDays ?? 365) * 86_400_000;
  const width = Math.max(6, String(count - 1).length);
  const run = await freeRun(db, tenantId);
  const templates = new Map(variants.map((variant) => [variant, parsedTemplate(variant, prereq)]));
  const keyring = getKeyring();
  const now = Date.now();
  const byVariant: Partial<Record<ChannelVariant, number>> = {};

  const rowAt = (index: number): BulkRow => {
    const variant = variants[index % variants.length]!;
    const template = templates.get(variant)!;
    const n = String(index).padStart(width, "0");
    const id = randomUUID();
    const name = `seed_${variantSlug(variant)}_${n}_${run}`;
    const information = { ...template.information } as ChannelInformation & Record<string, unknown>;
    if ("phoneNumber" in information) information.phoneNumber = `+447${run}${n}`;
    const typed = { ...information, ...bulkSecrets(variant, prereq) };
    const { secrets, masks } = mergeSecrets(keyring, id, variant, typed, { secrets: {}, masks: {} });
    // Every third channel lets conversations be transferred; the rest keep the queue lists empty.
    const transfer = index % 3 === 0;
    const basic = {
      ...template.basic,
      name,
      sessionTransfer: transfer ? { enabled: true as const, targetSkillQueueIds: [prereq.transferQueueId] } : { enabled: false as const },
      noAgentReply: index % 2 === 0 ? template.basic.noAgentReply : { enabled: false as const },
    };
    const robot = index % 4 === 0 ? { robotEnabled: true as const, robotName: "Seed robot", assistantEnabled: true } : template.robot;
    const values = rowValues({ id, information, basic, robot, secrets, masks, apiAppId: template.apiAppId });
    // Oldest first, so the run's order by name and by creation agree; updates a little later.
    const createdAt = new Date(now - spreadMs + Math.floor(((index + Math.random()) / count) * spreadMs));
    const updatedAt = new Date(Math.min(now, createdAt.getTime() + randomInt(0, 30 * 86_400_000)));
    byVariant[variant] = (byVariant[variant] ?? 0) + 1;
    return {
      row: {
        ...values,
        tenantId,
        status: disabledEvery > 0 && index % disabledEvery === disabledEvery - 1 ? ("disabled" as const) : ("enabled" as const),
        webhookKey: generateWebhookKey(),
        integrationToken: newIntegrationToken(keyring, id, variant),
        createdByUserId: options.actorUserId ?? null,
        createdAt,
        updatedAt,
      },
      transferQueueIds: transfer ? [prereq.transferQueueId] : [],
    };
  };

  // Batches in flight on their own connections, while the next one is built and encrypted here.
  const concurrency = Math.max(1, options.concurrency ?? 2);
  const inFlight = new Set<Promise<void>>();
  let done = 0;
  for (let start = 0; start < count; start += batchSize) {
    const batch = Array.from({ length: Math.min(batchSize, count - start) }, (_, offset) => rowAt(start + offset));
    const write: Promise<void> = insertBatch(db, tenantId, batch).then(() => {
      inFlight.delete(write);
      done += batch.length;
      options.onProgress?.(done, count);
    });
    write.catch(() => {}); // awaited below; a failure must not surface as an unhandled rejection meanwhile
    inFlight.add(write);
    if (inFlight.size >= concurrency) await Promise.race(inFlight);
  }
  await Promise.all(inFlight);

  await recordAudit(db, {
    tenantId,
    actorUserId: options.actorUserId ?? null,
    action: "channel.seedBulk",
    targetType: "tenant",
    targetId: tenantId,
    after: { count, run, byVariant },
  });
  const pad = (index: number) => String(index).padStart(width, "0");
  return {
    count,
    run,
    firstName: `seed_${variantSlug(variants[0]!)}_${pad(0)}_${run}`,
    lastName: `seed_${variantSlug(variants[(count - 1) % variants.length]!)}_${pad(count - 1)}_${run}`,
    byVariant,
    milliseconds: Math.round(performance.now() - started),
  };
}

type BulkRow = { row: typeof channels.$inferInsert & { id: string }; transferQueueIds: string[] };

const casing = new CasingCache("snake_case");
const CHANNEL_COLUMNS = Object.entries(getTableColumns(channels)).map(([key, column]) => ({ key, name: casing.getColumnCasing(column) }));

/**
 * One multi-row INSERT per batch with the whole batch as a single JSON parameter
 * (json_populate_recordset): building a 1000-row VALUES list with ~40 parameters a row costs more
 * than PostgreSQL takes to store it. Seed rows are reproducible, so the commit need not wait for
 * the disk (synchronous_commit off: a crash could lose the last batches, never corrupt anything).
 */
async function insertBatch(db: Db, tenantId: string, batch: BulkRow[]): Promise<void> {
  const present = CHANNEL_COLUMNS.filter((column) => batch[0]!.row[column.key as keyof BulkRow["row"]] !== undefined);
  const records = batch.map(({ row }) => Object.fromEntries(present.map((column) => [column.name, row[column.key as keyof typeof row]])));
  const columns = sql.raw(present.map((column) => `"${column.name}"`).join(", "));
  const links = batch.flatMap((entry) => entry.transferQueueIds.map((skillQueueId) => ({ tenantId, channelId: entry.row.id, skillQueueId })));
  await db.transaction(async (tx) => {
    await tx.execute(sql`set local synchronous_commit = off`);
    await tx.execute(
      sql`insert into ${channels} (${columns}) select ${columns} from json_populate_recordset(null::channels, ${JSON.stringify(records)}::json)`,
    );
    if (links.length > 0) await tx.insert(channelTransferQueues).values(links);
  });
}

/** A variant's envelope parsed once by the wizard's own schemas, so each bulk row starts valid. */
function parsedTemplate(variant: ChannelVariant, prereq: ChannelPrerequisites) {
  const raw = variantInput(variant, prereq, { name: "seed_template", phoneNumber: "+447000000000" });
  const envelope = saveChannelEnvelopeSchema.parse(raw);
  const information = parseInformation(envelope.information, { keptSecrets: [], approvedPrefixes: SEED_TRUSTLIST_PREFIXES });
  if (!information.success) throw new Error(`the ${variant} seed template is invalid: ${information.error.message}`);
  const apiAppId = variant === "other-oAuth" || variant === "telegram" ? prereq.apiApp.id : null;
  return { information: information.data, basic: envelope.basic, robot: envelope.robot, apiAppId };
}

/** Fresh secrets per row, in the provider's shape; the app secret is the seed app's. */
function bulkSecrets(variant: ChannelVariant, prereq: ChannelPrerequisites): Record<string, string> {
  switch (variant) {
    case "infobip":
      return { password: hex(8), accountKey: hex(32), webhookPassword: `whp_${hex(10)}` };
    case "other-basic":
      return { password: hex(8), authenticationKey: hex(16), webhookPassword: `whp_${hex(10)}` };
    case "other-oAuth":
      return { password: prereq.apiApp.appSecret, webhookPassword: `whp_${hex(10)}` };
    case "cloud-api":
      return { appSecret: hex(16), accessToken: `EAAG${hex(48)}` };
    case "twilio":
      return { authToken: hex(16) };
    case "telegram":
      return { appSecret: prereq.apiApp.appSecret };
  }
}

/** Four digits no earlier run used: for names in this tenant, and for WhatsApp numbers anywhere. */
async function freeRun(db: Db, tenantId: string): Promise<string> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const run = String(randomInt(0, 10_000)).padStart(4, "0");
    const [taken] = await db
      .select({ id: channels.id })
      .from(channels)
      .where(
        sql`(${channels.phoneNumber} like ${`+447${run}%`}) or (${channels.tenantId} = ${tenantId} and lower(${channels.name}) like ${`seed\\_%\\_${run}`})`,
      )
      .limit(1);
    if (!taken) return run;
  }
  throw new Error("no free seed run number left: delete old seed channels first");
}
