import { and, asc, count, eq, isNull, ne, sql, type SQL } from "drizzle-orm";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { tenants, users, type User, type UserRole } from "../schema";
import type { TenantScope } from "../scope";

/** A user as pages and actions see them: never the password hash. */
export const publicUserColumns = {
  id: users.id,
  tenantId: users.tenantId,
  tenantName: tenants.name,
  email: users.email,
  name: users.name,
  role: users.role,
  disabledAt: users.disabledAt,
  sessionVersion: users.sessionVersion,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
};

export type PublicUser = Omit<User, "passwordHash"> & { tenantName: string | null };

function selectPublicUsers(db: DbOrTx) {
  return db.select(publicUserColumns).from(users).leftJoin(tenants, eq(tenants.id, users.tenantId));
}

export async function getUserById(db: DbOrTx, userId: string): Promise<PublicUser | null> {
  const [user] = await selectPublicUsers(db).where(eq(users.id, userId));
  return user ?? null;
}

/** The one query that reads a password hash: sign-in. */
export async function findUserCredentials(
  db: DbOrTx,
  email: string,
): Promise<Pick<User, "id" | "passwordHash" | "disabledAt" | "sessionVersion"> | null> {
  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash, disabledAt: users.disabledAt, sessionVersion: users.sessionVersion })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user ?? null;
}

/** The role of the account with this email (any case), for where sign-in lands. */
export async function findUserRoleByEmail(db: DbOrTx, email: string): Promise<UserRole | null> {
  const [user] = await db
    .select({ role: users.role })
    .from(users)
    .where(eq(sql`lower(${users.email})`, email.toLowerCase()));
  return user?.role ?? null;
}

/** A user of the caller's tenant; another tenant's user is indistinguishable from a missing one. */
export async function getTenantUser(
  db: DbOrTx,
  scope: TenantScope,
  userId: string,
): Promise<PublicUser | null> {
  const [user] = await selectPublicUsers(db).where(and(eq(users.id, userId), eq(users.tenantId, scope.tenantId)));
  return user ?? null;
}

export async function listTenantUsers(
  db: DbOrTx,
  scope: TenantScope,
  page: number,
): Promise<Page<PublicUser>> {
  return listUsersWhere(db, eq(users.tenantId, scope.tenantId), page);
}

/** System administration: every user, optionally of one tenant. */
export async function listAllUsers(db: DbOrTx, filter: { tenantId?: string }, page: number): Promise<Page<PublicUser>> {
  return listUsersWhere(db, filter.tenantId ? eq(users.tenantId, filter.tenantId) : undefined, page);
}

async function listUsersWhere(db: DbOrTx, where: SQL | undefined, page: number): Promise<Page<PublicUser>> {
  return listPage(
    db,
    selectPublicUsers(db)
      .where(where)
      .$dynamic(),
    { table: users, where, order: [asc(sql`lower(${users.email})`)] },
    page,
  );
}

export async function countUsers(db: DbOrTx): Promise<number> {
  const [row] = await db.select({ value: count() }).from(users);
  return row?.value ?? 0;
}

export async function countActiveSystemAdmins(db: DbOrTx, excludingUserId?: string): Promise<number> {
  const conditions = [eq(users.role, "system_admin"), isNull(users.disabledAt)];
  if (excludingUserId) conditions.push(ne(users.id, excludingUserId));
  const [row] = await db.select({ value: count() }).from(users).where(and(...conditions));
  return row?.value ?? 0;
}

export interface NewUserInput {
  email: string;
  name: string;
  role: UserRole;
  tenantId: string | null;
  passwordHash: string;
}

export async function insertUser(db: DbOrTx, input: NewUserInput): Promise<{ id: string }> {
  const [row] = await db.insert(users).values(input).returning({ id: users.id });
  return row!;
}

export async function updateUserAccess(
  db: DbOrTx,
  userId: string,
  access: { role: UserRole; tenantId: string | null },
): Promise<boolean> {
  const rows = await db.update(users).set(access).where(eq(users.id, userId)).returning({ id: users.id });
  return rows.length === 1;
}

export async function setUserDisabled(db: DbOrTx, userId: string, disabled: boolean): Promise<boolean> {
  const rows = await db
    .update(users)
    // Either way, sessions opened before the change end: a re-enabled account starts afresh.
    .set({ disabledAt: disabled ? new Date() : null, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length === 1;
}

export async function setUserPasswordHash(db: DbOrTx, userId: string, passwordHash: string): Promise<boolean> {
  // A new password ends the sessions opened with the old one.
  const rows = await db
    .update(users)
    .set({ passwordHash, sessionVersion: sql`${users.sessionVersion} + 1` })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
  return rows.length === 1;
}
