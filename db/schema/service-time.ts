import { check, date, index, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { sql } from "drizzle-orm";
import { tenants } from "./tenants";

/** A tenant's service-time settings; one row per tenant, created on first save. */
export const serviceTimeSettings = pgTable("service_time_settings", {
  tenantId: uuid()
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** IANA time zone, e.g. "Europe/Berlin". */
  timeZone: text().notNull().default("UTC"),
  updatedAt: timestamp({ withTimezone: true })
    .notNull()
    .defaultNow()
    .$onUpdate(() => new Date()),
});

/** Non-working days: a single date (start = end) or an inclusive range, in the tenant's time zone. */
export const nonWorkingDays = pgTable(
  "non_working_days",
  {
    id: uuid().primaryKey().defaultRandom(),
    tenantId: uuid()
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    startDate: date({ mode: "string" }).notNull(),
    endDate: date({ mode: "string" }).notNull(),
    label: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("non_working_days_range", sql`${t.endDate} >= ${t.startDate}`),
    index("non_working_days_tenant_start_idx").on(t.tenantId, t.startDate),
  ],
);

export type ServiceTimeSettings = typeof serviceTimeSettings.$inferSelect;
export type NonWorkingDay = typeof nonWorkingDays.$inferSelect;
