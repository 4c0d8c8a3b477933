import { integer, pgTable, text, timestamp } from "drizzle-orm/pg-core";

// Failed sign-ins are counted per email key (a hash), whether or not the account exists,
// so the lockout itself never reveals which emails are registered.
export const signInFailures = pgTable("sign_in_failures", {
  emailKey: text().primaryKey(),
  failures: integer().notNull().default(0),
  windowStartedAt: timestamp({ withTimezone: true }).notNull(),
  lockedUntil: timestamp({ withTimezone: true }),
});

export type SignInFailure = typeof signInFailures.$inferSelect;
