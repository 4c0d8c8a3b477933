import { sql } from "drizzle-orm";
import { foreignKey, index, pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

/** Organisational units: a tree per tenant. */
export const ous = pgTable(
  "ous",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    parentId: uuid(),
    name: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    // (tenant_id, id) is the target of the parent reference, so a parent is always in the same tenant.
    unique("ous_tenant_id_id_key").on(t.tenantId, t.id),
    foreignKey({ name: "ous_parent_fk", columns: [t.tenantId, t.parentId], foreignColumns: [t.tenantId, t.id] }).onDelete("restrict"),
    uniqueIndex("ous_sibling_name_key").on(
      t.tenantId,
      sql`coalesce(${t.parentId}, '00000000-0000-0000-0000-000000000000'::uuid)`,
      sql`lower(${t.name})`,
    ),
    index("ous_tenant_parent_idx").on(t.tenantId, t.parentId),
  ],
);

export type Ou = typeof ous.$inferSelect;
