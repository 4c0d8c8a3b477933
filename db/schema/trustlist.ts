import { sql } from "drizzle-orm";
import { index, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";
import { users } from "./users";

export const trustlistStatus = pgEnum("trustlist_status", ["pending", "approved", "rejected"]);

/**
 * Address-trustlist entries: URL prefixes that outbound provider calls may target. Tenant
 * administrators request them; system administrators decide; approved prefixes apply to everyone.
 */
export const trustlistEntries = pgTable(
  "trustlist_entries",
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Normalised prefix: scheme://host[:port]/path/ (lower-case host, no default port). */
    prefix: text().notNull(),
    reason: text().notNull(),
    status: trustlistStatus().notNull().default("pending"),
    requestedByTenantId: uuid().references(() => tenants.id, { onDelete: "set null" }),
    requestedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedByUserId: uuid().references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp({ withTimezone: true }),
    decisionNote: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // A prefix is approved at most once; a tenant has at most one open request per prefix.
    uniqueIndex("trustlist_approved_prefix_key").on(t.prefix).where(sql`${t.status} = 'approved'`),
    uniqueIndex("trustlist_pending_request_key")
      .on(t.requestedByTenantId, t.prefix)
      .where(sql`${t.status} = 'pending'`),
    index("trustlist_status_created_idx").on(t.status, t.createdAt),
  ],
);

export type TrustlistEntry = typeof trustlistEntries.$inferSelect;
