import { index, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

export const API_NAMES = ["sendWhatsappMessage", "ccmessage_telegram_north", "telegram_north", "file_download"] as const;
export const apiName = pgEnum("api_name", API_NAMES);

/**
 * API apps ("APP Management"): a client of the console's APIs, bound to one tenant. The app
 * secret is shown once and stored only as a SHA-256 hash (it is 256 random bits, so a slow
 * password hash would add nothing).
 */
export const apiApps = pgTable(
  "api_apps",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    appKey: text().notNull(),
    secretHash: text().notNull(),
    apis: apiName().array().notNull(),
    disabledAt: timestamp({ withTimezone: true }),
    secretRotatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("api_apps_tenant_id_id_key").on(t.tenantId, t.id),
    uniqueIndex("api_apps_app_key_key").on(t.appKey),
    index("api_apps_tenant_idx").on(t.tenantId, t.createdAt),
  ],
);

/** Bearer tokens issued by POST /api/oauth/token, stored as SHA-256 hashes. */
export const oauthTokens = pgTable(
  "oauth_tokens",
  {
    tokenHash: text().primaryKey(),
    appId: uuid()
      .notNull()
      .references(() => apiApps.id, { onDelete: "cascade" }),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    apis: apiName().array().notNull(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("oauth_tokens_expires_idx").on(t.expiresAt), index("oauth_tokens_app_idx").on(t.appId)],
);

export type ApiApp = typeof apiApps.$inferSelect;
export type ApiNameValue = (typeof API_NAMES)[number];
