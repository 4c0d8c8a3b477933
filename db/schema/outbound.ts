import { sql } from "drizzle-orm";
import { check, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { channels } from "./channels";
import { users } from "./users";

/*
 * What the console says to providers on a channel's behalf: connection checks, the messages it
 * sends (test messages, automatic replies), and Meta's view of a channel's access token and number
 * registrations. Every table carries tenant_id with a composite foreign key to (channels.tenant_id,
 * channels.id), so a row belongs to its channel's tenant and goes with the channel.
 */

const channelFk = (name: string, t: { tenantId: unknown; channelId: unknown }) =>
  foreignKey({
    name,
    columns: [t.tenantId as never, t.channelId as never],
    foreignColumns: [channels.tenantId, channels.id],
  }).onDelete("cascade");

/** The steps of a connection check, in the order they run; a step after a failed one is skipped. */
export const CONNECTION_CHECK_STEPS = ["address", "tcp", "tls", "credentials", "identity", "webhook"] as const;
export const CONNECTION_STEP_OUTCOMES = ["passed", "failed", "warning", "skipped"] as const;
export const CONNECTION_CHECK_OUTCOMES = ["passed", "failed", "warning"] as const;

export interface ConnectionCheckStepRecord {
  step: (typeof CONNECTION_CHECK_STEPS)[number];
  outcome: (typeof CONNECTION_STEP_OUTCOMES)[number];
  /** The provider's own error code (Meta 190, Twilio 20003, E401, Telegram 401…), when it gave one. */
  providerCode?: string;
  /** The provider's own message, or ours for steps before the provider answers. Never a secret. */
  message?: string;
  /** A message-catalog key for the one sentence on what to do. */
  adviceKey?: string;
  /** What the provider said about the number / sender / bot / webhook (display strings only). */
  details?: Record<string, string>;
  durationMs?: number;
}

/** A channel's latest connection check (one row per channel; every check is also in the audit log). */
export const channelConnectionChecks = pgTable(
  "channel_connection_checks",
  {
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    outcome: text({ enum: CONNECTION_CHECK_OUTCOMES }).notNull(),
    steps: jsonb().$type<ConnectionCheckStepRecord[]>().notNull(),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    checkedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [primaryKey({ columns: [t.channelId] }), channelFk("channel_connection_checks_channel_fk", t)],
);

export const OUTBOUND_MESSAGE_KINDS = ["test", "auto-reply"] as const;
/**
 * The console's side of a send: queued (row and job written together) → sending (a worker holds it)
 * → accepted (the provider answered its message id) or failed. Delivery after acceptance is the
 * provider's to report: outbound_message_states, matched on the provider's message id.
 */
export const OUTBOUND_MESSAGE_STATUSES = ["queued", "sending", "accepted", "failed"] as const;

export const outboundMessages = pgTable(
  "outbound_messages",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    kind: text({ enum: OUTBOUND_MESSAGE_KINDS }).notNull(),
    /** E.164 number, or a Telegram chat id. */
    recipient: text().notNull(),
    text: text().notNull(),
    /** Meta only: a template for recipients outside the 24-hour window. */
    templateName: text(),
    /** Makes a send happen once: an automatic reply's key is its channel, customer and closed period. */
    dedupeKey: text(),
    status: text({ enum: OUTBOUND_MESSAGE_STATUSES }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    providerMessageId: text(),
    errorCode: text(),
    errorMessage: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    acceptedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    channelFk("outbound_messages_channel_fk", t),
    index("outbound_messages_latest_idx").on(t.channelId, t.createdAt.desc()),
    uniqueIndex("outbound_messages_dedupe_key").on(t.channelId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
    uniqueIndex("outbound_messages_provider_id_key").on(t.channelId, t.providerMessageId).where(sql`${t.providerMessageId} is not null`),
    check("outbound_messages_attempts_check", sql`${t.attempts} >= 0`),
  ],
);

/** Meta's view of a cloud-api channel's access token (debug_token), refreshed by a check and daily. */
export const channelTokenStatus = pgTable(
  "channel_token_status",
  {
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    isValid: text({ enum: ["valid", "invalid", "unknown"] }).notNull(),
    /** null: never expires (system-user tokens). */
    expiresAt: timestamp({ withTimezone: true }),
    dataAccessExpiresAt: timestamp({ withTimezone: true }),
    scopes: text().array().notNull().default(sql`'{}'::text[]`),
    tokenType: text(),
    appId: text(),
    /** The provider's code and message when the check itself failed. */
    errorCode: text(),
    errorMessage: text(),
    checkedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.channelId] }), channelFk("channel_token_status_channel_fk", t)],
);

/** Meta allows 10 register requests per number per 72 hours: every attempt, to show what is left. */
export const numberRegistrations = pgTable(
  "number_registrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid().notNull(),
    channelId: uuid().notNull(),
    phoneNumberId: text().notNull(),
    outcome: text({ enum: ["succeeded", "failed"] }).notNull(),
    errorCode: text(),
    errorMessage: text(),
    attemptedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    attemptedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [channelFk("number_registrations_channel_fk", t), index("number_registrations_recent_idx").on(t.phoneNumberId, t.attemptedAt)],
);
