import { sql } from "drizzle-orm";
import { check, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

export const userRole = pgEnum("user_role", ["system_admin", "tenant_admin", "support"]);

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    // System administrators belong to no tenant; every other user belongs to exactly one.
    tenantId: uuid().references(() => tenants.id, { onDelete: "restrict" }),
    email: text().notNull(),
    name: text().notNull(),
    role: userRole().notNull(),
    passwordHash: text().notNull(),
    disabledAt: timestamp({ withTimezone: true }),
    /** Sessions carry the version they were issued with; bumping it ends every session of the user. */
    sessionVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_tenant_id_idx").on(t.tenantId, t.email),
    check("users_tenant_matches_role", sql`(${t.role} = 'system_admin') = (${t.tenantId} is null)`),
  ],
);

export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type UserRole = (typeof userRole.enumValues)[number];
