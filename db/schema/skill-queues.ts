import { sql } from "drizzle-orm";
import { pgTable, text, timestamp, unique, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./tenants";

/** Skill queues ("multimedia called routes") that channels route conversations to. */
export const skillQueues = pgTable(
  "skill_queues",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    name: text().notNull(),
    description: text().notNull().default(""),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp({ withTimezone: true })
      .notNull()
      .defaultNow()
      .$onUpdate(() => new Date()),
  },
  (t) => [
    unique("skill_queues_tenant_id_id_key").on(t.tenantId, t.id),
    uniqueIndex("skill_queues_name_key").on(t.tenantId, sql`lower(${t.name})`),
  ],
);

export type SkillQueue = typeof skillQueues.$inferSelect;
