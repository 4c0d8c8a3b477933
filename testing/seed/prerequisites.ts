import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, DbOrTx } from "@/db/client";
import { recordAudit } from "@/db/queries/audit-log";
import type { CertificateKind } from "@/db/queries/certificates";
import { apiApps, certificates, ous, skillQueues, trustlistEntries } from "@/db/schema";
import { canonicalApis, type ApiName } from "@/lib/api-apps/apis";
import { credentialMatches, generateAppKey, generateAppSecret, hashCredential } from "@/lib/api-apps/credentials";
import { parseIdentityPem, parseTrustCertificates } from "@/lib/certificates/parse";
import { insertParsedCertificate, secretContext, type NewCertificateInput } from "@/lib/certificates/store";
import { getKeyring } from "@/lib/crypto/keyring";
import { encryptSecret } from "@/lib/crypto/secrets";
import { parseTrustlistPrefix } from "@/lib/trustlist/prefix";
import { fixture } from "@/testing/fixtures/certificates";

/*
 * Seed data for development, tests and benchmarks (issue 4, point 6), part 1 of 3: the things a
 * channel refers to (an OU, skill queues, certificates, an API app, approved trustlist prefixes).
 * variants.ts saves one valid channel of each variant; bulk.ts inserts many at once.
 * Not used by the running console.
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

/** The certificate fixtures, parsed and stored by the certificate pages' own code (without their audit entry). */
async function insertSeedCertificate(tx: DbOrTx, tenantId: string, name: string, kind: CertificateKind, actorUserId: string | null) {
  const upload = { name, kind, source: "upload" as const };
  let input: NewCertificateInput;
  if (kind === "trust") {
    input = { ...upload, parsed: parseTrustCertificates(fixture("chain.pem")) };
  } else {
    const identity = parseIdentityPem({ certificate: fixture("leaf.pem"), key: fixture("leaf.key") });
    const keyring = getKeyring();
    input = {
      ...upload,
      parsed: identity,
      encryptSecrets: (id) => ({ privateKeyEncrypted: encryptSecret(keyring, identity.privateKeyPem, secretContext(id, "privateKey")) }),
    };
  }
  const { row } = await insertParsedCertificate(tx, { tenantId }, input, actorUserId);
  return { id: row.id };
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
