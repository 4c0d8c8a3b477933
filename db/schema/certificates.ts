import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

export const certificateKind = pgEnum("certificate_kind", ["trust", "identity"]);
export const certificateSource = pgEnum("certificate_source", ["upload", "url"]);

/**
 * A tenant's certificates. The leaf (first) certificate's details are columns for listing;
 * the whole chain is kept as PEM. Identity certificates carry their private key, encrypted:
 * either a PEM key, or the PKCS#12 file and its password as uploaded.
 */
export const certificates = pgTable(
  "certificates",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    kind: certificateKind().notNull(),
    source: certificateSource().notNull(),
    sourceUrl: text(),
    subject: text().notNull(),
    issuer: text().notNull(),
    serialNumber: text().notNull(),
    notBefore: timestamp({ withTimezone: true }).notNull(),
    notAfter: timestamp({ withTimezone: true }).notNull(),
    fingerprintSha256: text().notNull(),
    chainPem: text().notNull(),
    chainLength: integer().notNull(),
    privateKeyEncrypted: text(),
    pkcs12Encrypted: text(),
    pkcs12PasswordEncrypted: text(),
    createdByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique("certificates_tenant_id_id_key").on(t.tenantId, t.id),
    uniqueIndex("certificates_name_key").on(t.tenantId, sql`lower(${t.name})`),
    index("certificates_tenant_not_after_idx").on(t.tenantId, t.notAfter),
  ],
);

export type Certificate = typeof certificates.$inferSelect;
