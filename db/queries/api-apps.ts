import { and, arrayContains, asc, desc, eq, gt, isNull, lte, ne, sql, type SQL } from "drizzle-orm";
import { listPage, type Page } from "../paging";
import type { DbOrTx } from "../client";
import { apiApps, oauthTokens, tenants } from "../schema";
import type { ApiNameValue } from "../schema/api-apps";
import type { TenantScope } from "../scope";

/** An API app as pages, actions and audit see it: never the secret hash. */
export interface ApiAppView {
  id: string;
  tenantId: string;
  tenantName: string;
  name: string;
  appKey: string;
  apis: ApiNameValue[];
  disabledAt: Date | null;
  secretRotatedAt: Date;
  createdAt: Date;
}

const viewColumns = {
  id: apiApps.id,
  tenantId: apiApps.tenantId,
  tenantName: tenants.name,
  name: apiApps.name,
  appKey: apiApps.appKey,
  apis: apiApps.apis,
  disabledAt: apiApps.disabledAt,
  secretRotatedAt: apiApps.secretRotatedAt,
  createdAt: apiApps.createdAt,
};

function selectViews(db: DbOrTx) {
  return db.select(viewColumns).from(apiApps).innerJoin(tenants, eq(tenants.id, apiApps.tenantId));
}

// ---- System administration (system administrators belong to no tenant) ----

export async function insertApiApp(
  db: DbOrTx,
  input: { tenantId: string; name: string; appKey: string; secretHash: string; apis: ApiNameValue[]; createdByUserId: string },
): Promise<{ id: string }> {
  const [row] = await db.insert(apiApps).values(input).returning({ id: apiApps.id });
  return row!;
}

export async function getApiApp(db: DbOrTx, appId: string): Promise<ApiAppView | null> {
  const [row] = await selectViews(db).where(eq(apiApps.id, appId));
  return row ?? null;
}

/** The app, row-locked until the transaction ends, so concurrent changes apply one after another. */
export async function getApiAppForUpdate(db: DbOrTx, appId: string): Promise<ApiAppView | null> {
  const [row] = await selectViews(db).where(eq(apiApps.id, appId)).for("update", { of: apiApps });
  return row ?? null;
}

export async function listApiApps(db: DbOrTx, filter: { tenantId?: string }, page: number): Promise<Page<ApiAppView>> {
  const where = filter.tenantId ? eq(apiApps.tenantId, filter.tenantId) : undefined;
  return listPage(
    db,
    selectViews(db)
      .where(where)
      .$dynamic(),
    { table: apiApps, where, order: [desc(apiApps.createdAt), asc(apiApps.id)] },
    page,
  );
}

/**
 * Locks the tenant's row against concurrent app creations and renames (names are unique per
 * tenant, which no index enforces). "no key update" leaves inserts referencing the tenant alone.
 * False when the tenant does not exist.
 */
export async function lockTenantApiAppNames(db: DbOrTx, tenantId: string): Promise<boolean> {
  const rows = await db.select({ id: tenants.id }).from(tenants).where(eq(tenants.id, tenantId)).for("no key update");
  return rows.length > 0;
}

export async function isApiAppNameTaken(db: DbOrTx, scope: TenantScope, name: string, exceptAppId?: string): Promise<boolean> {
  const conditions: SQL[] = [eq(apiApps.tenantId, scope.tenantId), eq(sql`lower(${apiApps.name})`, name.toLowerCase())];
  if (exceptAppId) conditions.push(ne(apiApps.id, exceptAppId));
  const rows = await db.select({ id: apiApps.id }).from(apiApps).where(and(...conditions)).limit(1);
  return rows.length > 0;
}

export async function updateApiApp(db: DbOrTx, appId: string, input: { name: string; apis: ApiNameValue[] }): Promise<void> {
  await db.update(apiApps).set(input).where(eq(apiApps.id, appId));
}

export async function replaceApiAppSecret(db: DbOrTx, appId: string, secretHash: string, now: Date): Promise<void> {
  await db.update(apiApps).set({ secretHash, secretRotatedAt: now }).where(eq(apiApps.id, appId));
}

export async function setApiAppDisabledAt(db: DbOrTx, appId: string, disabledAt: Date | null): Promise<void> {
  await db.update(apiApps).set({ disabledAt }).where(eq(apiApps.id, appId));
}

/** Deletes every token of the app; answers how many there were (expired ones included). */
export async function revokeApiAppTokens(db: DbOrTx, appId: string): Promise<number> {
  const rows = await db.delete(oauthTokens).where(eq(oauthTokens.appId, appId)).returning({ tokenHash: oauthTokens.tokenHash });
  return rows.length;
}

// ---- The token endpoint and bearer checks ----

/** The one query that reads a secret hash: client authentication at the token endpoint. */
export async function findApiAppCredentials(db: DbOrTx, appKey: string) {
  const [row] = await db
    .select({ id: apiApps.id, tenantId: apiApps.tenantId, secretHash: apiApps.secretHash, apis: apiApps.apis, disabledAt: apiApps.disabledAt })
    .from(apiApps)
    .where(eq(apiApps.appKey, appKey));
  return row ?? null;
}

/**
 * Stores a token, provided the app is still enabled and still has the secret the client proved.
 * The share lock waits for a concurrent rotation or disable to commit, then re-checks the row, so
 * no token issued on an old secret survives a rotation. False when the check failed.
 */
export async function insertAccessToken(
  db: DbOrTx,
  token: { tokenHash: string; appId: string; tenantId: string; apis: ApiNameValue[]; expiresAt: Date },
  provenSecretHash: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    const current = await tx
      .select({ id: apiApps.id })
      .from(apiApps)
      .where(and(eq(apiApps.id, token.appId), eq(apiApps.secretHash, provenSecretHash), isNull(apiApps.disabledAt)))
      .for("share");
    if (current.length === 0) return false;
    await tx.insert(oauthTokens).values(token);
    return true;
  });
}

/**
 * An unexpired token of an enabled app, with the APIs it may still call: those it was granted
 * that the app still subscribes to (removing an API from an app takes effect at once).
 */
export async function findActiveToken(db: DbOrTx, tokenHash: string, now: Date) {
  const [row] = await db
    .select({ tenantId: oauthTokens.tenantId, appId: oauthTokens.appId, apis: oauthTokens.apis, appApis: apiApps.apis })
    .from(oauthTokens)
    .innerJoin(apiApps, and(eq(apiApps.id, oauthTokens.appId), eq(apiApps.tenantId, oauthTokens.tenantId)))
    .where(and(eq(oauthTokens.tokenHash, tokenHash), gt(oauthTokens.expiresAt, now), isNull(apiApps.disabledAt)));
  if (!row) return null;
  return { tenantId: row.tenantId, appId: row.appId, apis: row.apis.filter((api) => row.appApis.includes(api)) };
}

/** Removes expired tokens (all, or one app's); for a scheduled clean-up. Answers how many. */
export async function deleteExpiredTokens(db: DbOrTx, now: Date, scope: { appId?: string } = {}): Promise<number> {
  const expired = lte(oauthTokens.expiresAt, now);
  const rows = await db
    .delete(oauthTokens)
    .where(scope.appId ? and(expired, eq(oauthTokens.appId, scope.appId)) : expired)
    .returning({ tokenHash: oauthTokens.tokenHash });
  return rows.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---- Tenant side: the Configure Channel wizard picks an app of its tenant ----

export interface TenantApiApp {
  id: string;
  name: string;
  appKey: string;
  apis: ApiNameValue[];
  disabled: boolean;
}

function tenantAppConditions(scope: TenantScope, options: { api?: ApiNameValue; includeDisabled?: boolean }): SQL {
  const conditions: SQL[] = [eq(apiApps.tenantId, scope.tenantId)];
  if (options.api) conditions.push(arrayContains(apiApps.apis, [options.api]));
  if (!options.includeDisabled) conditions.push(isNull(apiApps.disabledAt));
  return and(...conditions)!;
}

/** The tenant's apps (enabled ones unless asked), optionally only those subscribed to `api`. */
export async function listTenantApiApps(
  db: DbOrTx,
  scope: TenantScope,
  options: { api?: ApiNameValue; includeDisabled?: boolean } = {},
): Promise<TenantApiApp[]> {
  const rows = await db
    .select({ id: apiApps.id, name: apiApps.name, appKey: apiApps.appKey, apis: apiApps.apis, disabledAt: apiApps.disabledAt })
    .from(apiApps)
    .where(tenantAppConditions(scope, options))
    .orderBy(asc(sql`lower(${apiApps.name})`), asc(apiApps.id));
  return rows.map(({ disabledAt, ...app }) => ({ ...app, disabled: disabledAt !== null }));
}

/**
 * Whether `appId` is an enabled app of this tenant (subscribed to `api` when given). Another
 * tenant's app answers false, exactly like a missing one.
 */
export async function apiAppBelongsToTenant(db: DbOrTx, scope: TenantScope, appId: string, api?: ApiNameValue): Promise<boolean> {
  if (!UUID.test(appId)) return false;
  const rows = await db
    .select({ id: apiApps.id })
    .from(apiApps)
    .where(and(eq(apiApps.id, appId), tenantAppConditions(scope, { api })))
    .limit(1);
  return rows.length > 0;
}
