import { recordAudit } from "@/db/queries/audit-log";
import {
  getApiAppForUpdate,
  insertApiApp,
  isApiAppNameTaken,
  lockTenantApiAppNames,
  replaceApiAppSecret,
  revokeApiAppTokens,
  setApiAppDisabledAt,
  updateApiApp as writeApiApp,
  type ApiAppView,
} from "@/db/queries/api-apps";
import type { DbOrTx } from "@/db/client";
import { forgetSubject } from "@/lib/auth/throttle";
import { TOKEN_POLICY } from "@/lib/auth/throttle-policy";
import { AppError, conflict, notFound } from "@/lib/errors";
import type { SystemContext } from "@/lib/guard/guard";
import type { ApiName } from "./apis";
import { clientThrottleKey, generateAppKey, generateAppSecret, hashCredential } from "./credentials";

/** What the audit log keeps of an app: never the secret or its hash (the app key is public). */
function auditView(app: Pick<ApiAppView, "name" | "appKey" | "apis" | "disabledAt">) {
  return { name: app.name, appKey: app.appKey, apis: app.apis, disabled: Boolean(app.disabledAt) };
}

async function requireApp(tx: DbOrTx, appId: string): Promise<ApiAppView> {
  const app = await getApiAppForUpdate(tx, appId);
  if (!app) throw notFound("apiApps.errors.notFound");
  return app;
}

async function assertNameFree(tx: DbOrTx, tenantId: string, name: string, exceptAppId?: string): Promise<void> {
  if (!(await lockTenantApiAppNames(tx, tenantId))) {
    throw new AppError("validation", "tenantNotFound", { tenantId: ["tenantNotFound"] });
  }
  if (await isApiAppNameTaken(tx, { tenantId }, name, exceptAppId)) throw conflict("apiApps.errors.nameTaken", "name");
}

export interface CreatedApiApp {
  id: string;
  appKey: string;
  /** Returned once, to the administrator who created the app; only its hash is stored. */
  appSecret: string;
}

export async function createApiApp(input: { name: string; tenantId: string; apis: ApiName[] }, ctx: SystemContext): Promise<CreatedApiApp> {
  // 100 random bits: a clash with an existing key is not a practical concern (the unique index would refuse it).
  const appKey = generateAppKey();
  const appSecret = generateAppSecret();
  return ctx.db.transaction(async (tx) => {
    await assertNameFree(tx, input.tenantId, input.name);
    const { id } = await insertApiApp(tx, { ...input, appKey, secretHash: hashCredential(appSecret), createdByUserId: ctx.user.id });
    await recordAudit(tx, {
      tenantId: input.tenantId,
      actorUserId: ctx.user.id,
      action: "apiApp.create",
      targetType: "apiApp",
      targetId: id,
      after: auditView({ ...input, appKey, disabledAt: null }),
    });
    return { id, appKey, appSecret };
  });
}

/** Renames an app or changes its APIs. Removing an API stops existing tokens from calling it. */
export async function updateApiApp(input: { appId: string; name: string; apis: ApiName[] }, ctx: SystemContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await requireApp(tx, input.appId);
    await assertNameFree(tx, before.tenantId, input.name, before.id);
    await writeApiApp(tx, before.id, { name: input.name, apis: input.apis });
    await recordAudit(tx, {
      tenantId: before.tenantId,
      actorUserId: ctx.user.id,
      action: "apiApp.update",
      targetType: "apiApp",
      targetId: before.id,
      before: auditView(before),
      after: auditView({ ...before, name: input.name, apis: input.apis }),
    });
  });
}

/**
 * A new secret, in force at once: the old one stops working when this commits and every token
 * of the app is revoked (no grace period; the client fetches a new token with the new secret).
 * A lockout of the app's client_id is lifted, as a password reset lifts a sign-in lockout.
 */
export async function rotateApiAppSecret(input: { appId: string }, ctx: SystemContext): Promise<{ appKey: string; appSecret: string }> {
  const appSecret = generateAppSecret();
  const now = new Date();
  return ctx.db.transaction(async (tx) => {
    const app = await requireApp(tx, input.appId);
    await replaceApiAppSecret(tx, app.id, hashCredential(appSecret), now);
    const revokedTokens = await revokeApiAppTokens(tx, app.id);
    await forgetSubject(tx, TOKEN_POLICY, clientThrottleKey(app.appKey));
    await recordAudit(tx, {
      tenantId: app.tenantId,
      actorUserId: ctx.user.id,
      action: "apiApp.rotateSecret",
      targetType: "apiApp",
      targetId: app.id,
      before: { secretRotatedAt: app.secretRotatedAt.toISOString() },
      after: { secretRotatedAt: now.toISOString(), revokedTokens },
    });
    return { appKey: app.appKey, appSecret };
  });
}

/** A disabled app gets no tokens and its tokens are revoked; enabling does not bring them back. */
export async function setApiAppDisabled(input: { appId: string; disabled: boolean }, ctx: SystemContext): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const before = await requireApp(tx, input.appId);
    if (Boolean(before.disabledAt) === input.disabled) return;
    const disabledAt = input.disabled ? new Date() : null;
    await setApiAppDisabledAt(tx, before.id, disabledAt);
    if (input.disabled) await revokeApiAppTokens(tx, before.id);
    await recordAudit(tx, {
      tenantId: before.tenantId,
      actorUserId: ctx.user.id,
      action: input.disabled ? "apiApp.disable" : "apiApp.enable",
      targetType: "apiApp",
      targetId: before.id,
      before: auditView(before),
      after: auditView({ ...before, disabledAt }),
    });
  });
}
