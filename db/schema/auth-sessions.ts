import { index, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { users } from "./users";

/**
 * One row per signed-in browser session. The session cookie carries the row's id; a cookie whose
 * row is gone (signed out, expired, pruned) authenticates nobody, so signing out ends the session
 * on the server and a captured cookie stops working.
 */
export const authSessions = pgTable(
  "auth_sessions",
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [index("auth_sessions_user_id_idx").on(t.userId), index("auth_sessions_expires_at_idx").on(t.expiresAt)],
);

export type AuthSession = typeof authSessions.$inferSelect;
