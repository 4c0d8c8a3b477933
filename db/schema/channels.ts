import { sql } from "drizzle-orm";
import {
  boolean,
  check,
  foreignKey,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { apiApps } from "./api-apps";
import { certificates } from "./certificates";
import { ous } from "./ous";
import { skillQueues } from "./skill-queues";
import { tenants } from "./tenants";
import { users } from "./users";

export const CHANNEL_TYPES = ["whatsapp", "telegram"] as const;
export const CHANNEL_PROVIDERS = ["infobip", "other", "cloud-api", "twilio", "telegram"] as const;
export const VERIFICATION_METHODS = ["basic", "oAuth"] as const;
export const CHANNEL_STATUSES = ["enabled", "disabled"] as const;

export const channelType = pgEnum("channel_type", CHANNEL_TYPES);
export const channelProvider = pgEnum("channel_provider", CHANNEL_PROVIDERS);
export const verificationMethod = pgEnum("verification_method", VERIFICATION_METHODS);
export const channelStatus = pgEnum("channel_status", CHANNEL_STATUSES);

/**
 * A configured messaging channel. Non-secret provider settings live in `settings` (their shape is
 * the wizard's step-1 schema minus secrets); secrets live in `secrets` as one ciphertext per field,
 * each bound to `channel:<id>:<field>`. Basic and robot configuration are columns, because the
 * list, the export and the foreign keys (OU, queues) need them.
 */
export const channels = pgTable(
  "channels",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    channelType: channelType().notNull(),
    provider: channelProvider().notNull(),
    verificationMethod: verificationMethod(),
    status: channelStatus().notNull().default("enabled"),
    /** E.164; WhatsApp channels only. One number, one channel in the whole installation. */
    phoneNumber: text(),
    settings: jsonb().$type<Record<string, unknown>>().notNull(),
    secrets: jsonb().$type<Record<string, string>>().notNull(),
    trustCertificateId: uuid(),
    identityCertificateId: uuid(),
    apiAppId: uuid(),
    // Basic configuration
    ouId: uuid().notNull(),
    skillQueueId: uuid().notNull(),
    transferKeywords: text().array().notNull().default(sql`'{}'::text[]`),
    workTime: jsonb().$type<{ workday: { start: string; end: string }[]; nonWorkday: { start: string; end: string }[] }>().notNull(),
    nonWorkingNotice: text().notNull().default(""),
    lastAgentMode: boolean().notNull().default(false),
    noCustomerReplyEnabled: boolean().notNull().default(false),
    noCustomerReplyMinutes: integer(),
    noCustomerReplyMessage: text().notNull().default(""),
    noAgentReplyEnabled: boolean().notNull().default(false),
    noAgentReplyMinutes: integer(),
    noAgentReplyQueueId: uuid(),
    sessionTransferEnabled: boolean().notNull().default(false),
    offlineMessagesEnabled: boolean().notNull().default(false),
    // Robot configuration
    robotEnabled: boolean().notNull().default(false),
    robotName: text().notNull().default(""),
    robotAssistantEnabled: boolean().notNull().default(false),
    // Integration: the key in every webhook URL (not a secret: providers are given it in the URL),
    // the verify / secret token (encrypted; cloud-api and telegram) and the scenario key (encrypted).
    webhookKey: text().notNull(),
    integrationToken: text(),
    scenarioKey: text(),
    scenarioKeyGeneratedAt: timestamp({ withTimezone: true }),
    // Secret grace period (lib/channels/secret-grace.ts): the webhook-verifying secret a save replaced,
    // still accepted until `previousSecretUntil`. Encrypted, bound to `channel:<id>:previous:<field>`.
    previousSecretField: text(),
    previousSecret: text(),
    previousSecretUntil: timestamp({ withTimezone: true }),
    /** Optimistic lock: every save must name the version it edited. */
    version: integer().notNull().default(1),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("channels_tenant_id_id_key").on(t.tenantId, t.id),
    uniqueIndex("channels_name_key").on(t.tenantId, sql`lower(${t.name})`),
    uniqueIndex("channels_webhook_key_key").on(t.webhookKey),
    uniqueIndex("channels_whatsapp_number_key")
      .on(t.phoneNumber)
      .where(sql`${t.channelType} = 'whatsapp' and ${t.phoneNumber} is not null`),
    // Keyset pagination: one index per sort order, tenant first; the trigram index serves a selective
    // name search. The columns after the id never change the order (the id is unique): they carry
    // what the list filters on, so finding a page's ids is an index-only scan that does not visit
    // the wide table rows (drizzle cannot write INCLUDE). See db/queries/channel-list.ts.
    index("channels_list_name_idx").on(t.tenantId, sql`lower(${t.name})`, t.id, t.name, t.channelType, t.provider, t.status),
    index("channels_list_created_idx").on(t.tenantId, t.createdAt, t.id, t.name, t.channelType, t.provider, t.status),
    index("channels_list_updated_idx").on(t.tenantId, t.updatedAt, t.id, t.name, t.channelType, t.provider, t.status),
    index("channels_name_trgm_idx").using("gin", sql`lower(${t.name}) gin_trgm_ops`),
    foreignKey({ name: "channels_ou_fk", columns: [t.tenantId, t.ouId], foreignColumns: [ous.tenantId, ous.id] }).onDelete("restrict"),
    foreignKey({
      name: "channels_skill_queue_fk",
      columns: [t.tenantId, t.skillQueueId],
      foreignColumns: [skillQueues.tenantId, skillQueues.id],
    }).onDelete("restrict"),
    foreignKey({
      name: "channels_no_agent_reply_queue_fk",
      columns: [t.tenantId, t.noAgentReplyQueueId],
      foreignColumns: [skillQueues.tenantId, skillQueues.id],
    }).onDelete("restrict"),
    foreignKey({
      name: "channels_trust_certificate_fk",
      columns: [t.tenantId, t.trustCertificateId],
      foreignColumns: [certificates.tenantId, certificates.id],
    }).onDelete("restrict"),
    foreignKey({
      name: "channels_identity_certificate_fk",
      columns: [t.tenantId, t.identityCertificateId],
      foreignColumns: [certificates.tenantId, certificates.id],
    }).onDelete("restrict"),
    foreignKey({
      name: "channels_api_app_fk",
      columns: [t.tenantId, t.apiAppId],
      foreignColumns: [apiApps.tenantId, apiApps.id],
    }).onDelete("restrict"),
    check(
      "channels_type_provider_check",
      sql`(${t.channelType} = 'telegram') = (${t.provider} = 'telegram') and (${t.verificationMethod} is not null) = (${t.provider} = 'other')`,
    ),
    check("channels_name_check", sql`${t.name} ~ '^[A-Za-z_][A-Za-z0-9_]{0,63}$'`),
    check("channels_version_check", sql`${t.version} >= 1`),
    check(
      "channels_previous_secret_check",
      sql`(${t.previousSecret} is null) = (${t.previousSecretField} is null) and (${t.previousSecret} is null) = (${t.previousSecretUntil} is null)`,
    ),
  ],
);

/** "Session Transfer": the queues a conversation may be transferred to. */
export const channelTransferQueues = pgTable(
  "channel_transfer_queues",
  {
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    skillQueueId: uuid().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.channelId, t.skillQueueId] }),
    foreignKey({
      name: "channel_transfer_queues_channel_fk",
      columns: [t.tenantId, t.channelId],
      foreignColumns: [channels.tenantId, channels.id],
    }).onDelete("cascade"),
    foreignKey({
      name: "channel_transfer_queues_queue_fk",
      columns: [t.tenantId, t.skillQueueId],
      foreignColumns: [skillQueues.tenantId, skillQueues.id],
    }).onDelete("restrict"),
    index("channel_transfer_queues_queue_idx").on(t.tenantId, t.skillQueueId),
  ],
);

/**
 * The wizard's unsaved work, one per user and target (a channel being edited, or a new one), so
 * a reload or a second tab resumes where the user was. Secret fields are never stored here.
 */
export const channelDrafts = pgTable(
  "channel_drafts",
  {
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The channel being edited; the nil uuid for a new channel. */
    target: uuid().notNull(),
    step: integer().notNull(),
    data: jsonb().$type<Record<string, unknown>>().notNull(),
    /** The channel version the edit started from (null for a new channel). */
    baseVersion: integer(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId, t.target] })],
);

export type Channel = typeof channels.$inferSelect;
export type ChannelTypeValue = (typeof CHANNEL_TYPES)[number];
export type ChannelProviderValue = (typeof CHANNEL_PROVIDERS)[number];
export type ChannelStatusValue = (typeof CHANNEL_STATUSES)[number];
