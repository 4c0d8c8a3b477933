import { recordAudit } from "@/db/queries/audit-log";
import { getTenant } from "@/db/queries/tenants";
import {
  countActiveSystemAdmins,
  getUserById,
  insertUser,
  setUserDisabled as writeUserDisabled,
  setUserPasswordHash,
  updateUserAccess as writeUserAccess,
  type PublicUser,
} from "@/db/queries/users";
import type { DbOrTx } from "@/db/client";
import { emailKey } from "@/lib/auth/credentials";
import { forgetSubject } from "@/lib/auth/throttle";
import { SIGN_IN_POLICY } from "@/lib/auth/throttle-policy";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import { AppError, conflict, isUniqueViolation, notFound } from "@/lib/errors";
import type { SystemContext } from "@/lib/guard/guard";

interface Access {
  role: Role;
  tenantId?: string | null;
}

/** System administrators have no tenant; anyone else needs a tenant that exists. */
async function resolveTenant(db: DbOrTx, access: Access): Promise<string | null> {
  if (access.role === "system_admin") return null;
  const tenant = access.tenantId ? await getTenant(db, access.tenantId) : null;
  if (!tenant) throw new AppError("validation", "tenantNotFound", { tenantId: ["tenantNotFound"] });
  return tenant.id;
}

function auditView(user: Pick<PublicUser, "email" | "name" | "role" | "tenantId" | "disabledAt">) {
  return { email: user.email, name: user.name, role: user.role, tenantId: user.tenantId, disabled: Boolean(user.disabledAt) };
}

async function requireUser(db: DbOrTx, userId: string): Promise<PublicUser> {
  const user = await getUserById(db, userId);
  if (!user) throw notFound("userNotFound");
  return user;
}

/** Refuses changes that would lock everyone out of system administration. */
async function assertNotLastSystemAdmin(db: DbOrTx, user: PublicUser): Promise<void> {
  if (user.role !== "system_admin" || user.disabledAt) return;
  if ((await countActiveSystemAdmins(db, user.id)) === 0) throw conflict("lastSystemAdmin");
}

export interface CreateUserInput extends Access {
  email: string;
  name: string;
  password: string;
}

export async function createUser(input: CreateUserInput, ctx: SystemContext): Promise<{ id: string }> {
  const passwordHash = await hashPassword(input.password);
  try {
    return await ctx.db.transaction(async (tx) => {
      const tenantId = await resolveTenant(tx, input);
      const { id } = await insertUser(tx, { email: input.email, name: input.name, role: input.role, tenantId, passwordHash });
      await recordAudit(tx, {
        tenantId,
        actorUserId: ctx.user.id,
        action: "user.create",
        targetType: "user",
        targetId: id,
        after: auditView({ ...input, tenantId, disabledAt: null }),
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_lower_key")) throw conflict("emailTaken", "email");
    throw error;
  }
}

export async function updateUserAccess(
  input: Access & { userId: string },
  ctx: SystemContext,
): Promise<void> {
  if (input.userId === ctx.user.id) throw new AppError("forbidden", "cannotChangeOwnAccess");
  await ctx.db.transaction(async (tx) => {
    const before = await requireUser(tx, input.userId);
    if (input.role !== "system_admin") await assertNotLastSystemAdmin(tx, before);
    const tenantId = await resolveTenant(tx, input);
    await writeUserAccess(tx, input.userId, { role: input.role, tenantId });
    await recordAudit(tx, {
      tenantId: tenantId ?? before.tenantId,
      actorUserId: ctx.user.id,
      action: "user.access",
      targetType: "user",
      targetId: input.userId,
      before: auditView(before),
      after: auditView({ ...before, role: input.role, tenantId }),
    });
  });
}

export async function setUserDisabled(input: { userId: string; disabled: boolean }, ctx: SystemContext): Promise<void> {
  if (input.userId === ctx.user.id) throw new AppError("forbidden", "cannotDisableSelf");
  await ctx.db.transaction(async (tx) => {
    const before = await requireUser(tx, input.userId);
    if (input.disabled) await assertNotLastSystemAdmin(tx, before);
    await writeUserDisabled(tx, input.userId, input.disabled);
    await recordAudit(tx, {
      tenantId: before.tenantId,
      actorUserId: ctx.user.id,
      action: input.disabled ? "user.disable" : "user.enable",
      targetType: "user",
      targetId: input.userId,
      before: auditView(before),
      after: auditView({ ...before, disabledAt: input.disabled ? new Date() : null }),
    });
  });
}

export async function resetUserPassword(input: { userId: string; password: string }, ctx: SystemContext): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    const user = await requireUser(tx, input.userId);
    await setUserPasswordHash(tx, input.userId, passwordHash);
    // A new password also lifts any sign-in delay: the administrator has just vouched for the account.
    await forgetSubject(tx, SIGN_IN_POLICY, emailKey(user.email));
    await recordAudit(tx, {
      tenantId: user.tenantId,
      actorUserId: ctx.user.id,
      action: "user.resetPassword",
      targetType: "user",
      targetId: input.userId,
    });
  });
}
