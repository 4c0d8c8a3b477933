import { z } from "zod";
import type { Db } from "@/db/client";
import { deleteAuthSession, findSessionUser, insertAuthSession, pruneExpiredAuthSessions } from "@/db/queries/auth-sessions";
import { SESSION_MAX_AGE_SECONDS } from "./auth.config";
import type { CurrentUser } from "./current-user";

/*
 * Sessions live on the server as well as in the cookie: the encrypted cookie carries the id of an
 * auth_sessions row (`sid`), and only a live row authenticates. Signing out deletes the row, so a
 * copy of the cookie (a shared computer, a stolen backup) stops working at once, not 8 hours later.
 * The row ends when the cookie does: SESSION_MAX_AGE_SECONDS after sign-in.
 */

/**
 * Each sign-in adds one row and removes up to this many expired ones, so the table holds the live
 * sessions plus a short backlog however sessions end, with no job to schedule; 100 rows by the
 * expires_at index take a millisecond or two.
 */
export const PRUNE_BATCH = 100;

/** At sign-in: a new session row for the user; its id goes into the cookie. */
export async function startServerSession(db: Db, userId: string): Promise<string> {
  await pruneExpiredAuthSessions(db, PRUNE_BATCH);
  return insertAuthSession(db, { userId, lifetimeSeconds: SESSION_MAX_AGE_SECONDS });
}

/** At sign-out: the session the cookie named is gone, whoever still holds a copy of it. */
export async function endServerSession(db: Db, token: Readonly<Record<string, unknown>> | null | undefined): Promise<void> {
  const sessionId = z.uuid().safeParse(token?.sid);
  if (sessionId.success) await deleteAuthSession(db, sessionId.data);
}

/** What Auth.js's session() callback exposes (auth.config.ts). */
export interface SessionClaims {
  user?: { id?: string | null } | null;
  sessionId?: unknown;
  sessionVersion?: unknown;
}

const claimsSchema = z.object({
  user: z.object({ id: z.uuid() }),
  sessionId: z.uuid(),
  sessionVersion: z.number().int(),
});

/**
 * The signed-in user as the database knows them now, or null: the session row must be live, the
 * user enabled, and no password reset or disable/enable since sign-in (the session version).
 * Role and tenant are read here on every request, whatever the cookie says.
 */
export async function resolveSessionUser(db: Db, session: SessionClaims | null): Promise<CurrentUser | null> {
  const claims = claimsSchema.safeParse(session);
  if (!claims.success) return null;
  const user = await findSessionUser(db, { sessionId: claims.data.sessionId, userId: claims.data.user.id });
  if (!user || user.disabledAt || user.sessionVersion !== claims.data.sessionVersion) return null;
  return { id: user.id, email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, tenantName: user.tenantName };
}
