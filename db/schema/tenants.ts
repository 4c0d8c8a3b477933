import { sql } from "drizzle-orm";
import { integer, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";

export const tenants = pgTable(
  "tenants",
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    /**
     * Bumped by every change to the tenant's service-time calendar (time zone, non-working days).
     * The webhook path decides automatic replies on a cached calendar and writes only while this
     * is unchanged (issue 16).
     */
    calendarVersion: integer().notNull().default(1),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  // "Acme" and "acme" would be indistinguishable in every list, so names are unique case-insensitively.
  (t) => [uniqueIndex("tenants_name_lower_key").on(sql`lower(${t.name})`)],
);

export type Tenant = typeof tenants.$inferSelect;
export type NewTenant = typeof tenants.$inferInsert;
