import { and, eq, gt, inArray, lt, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { authSessions, tenants, users } from "../schema";
import { publicUserColumns, type PublicUser } from "./users";

/*
 * Server-side sessions: the session cookie names a row here, and only a live row authenticates.
 * Times are the database's, so every console process agrees on when a session ends.
 */

/** Opens a session for a user who just signed in; its id goes into the session cookie. */
export async function insertAuthSession(db: DbOrTx, input: { userId: string; lifetimeSeconds: number }): Promise<string> {
  const [row] = await db
    .insert(authSessions)
    .values({ userId: input.userId, expiresAt: sql`now() + make_interval(secs => ${input.lifetimeSeconds})` })
    .returning({ id: authSessions.id });
  return row!.id;
}

/** The user of a live session (the cookie's user id must match the row's), else null. */
export async function findSessionUser(db: DbOrTx, session: { sessionId: string; userId: string }): Promise<PublicUser | null> {
  const [user] = await db
    .select(publicUserColumns)
    .from(authSessions)
    .innerJoin(users, eq(users.id, authSessions.userId))
    .leftJoin(tenants, eq(tenants.id, users.tenantId))
    .where(and(eq(authSessions.id, session.sessionId), eq(authSessions.userId, session.userId), gt(authSessions.expiresAt, sql`now()`)));
  return user ?? null;
}

export async function deleteAuthSession(db: DbOrTx, sessionId: string): Promise<void> {
  await db.delete(authSessions).where(eq(authSessions.id, sessionId));
}

/** Removes up to `limit` expired sessions (oldest first); returns how many went. */
export async function pruneExpiredAuthSessions(db: DbOrTx, limit: number): Promise<number> {
  const expired = db
    .select({ id: authSessions.id })
    .from(authSessions)
    .where(lt(authSessions.expiresAt, sql`now()`))
    .orderBy(authSessions.expiresAt)
    .limit(limit);
  const deleted = await db.delete(authSessions).where(inArray(authSessions.id, expired)).returning({ id: authSessions.id });
  return deleted.length;
}
