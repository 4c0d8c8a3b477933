import { recordAudit } from "@/db/queries/audit-log";
import {
  countChildOus,
  deleteOu as deleteOuRow,
  getOu,
  insertOu,
  inspectNewParent,
  listOuMoveTargets,
  lockOuTree,
  renameOu as renameOuRow,
  setOuParent,
  type OuOption,
  type OuRecord,
} from "@/db/queries/ous";
import type { DbOrTx } from "@/db/client";
import { AppError, isForeignKeyViolation, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";

const SIBLING_NAME_KEY = "ous_sibling_name_key";
const PARENT_FK = "ous_parent_fk";

/** The move select offers at most this many targets (a tenant's tree is hundreds of OUs). */
export const MOVE_TARGET_LIMIT = 1000;

const nameTaken = () => new AppError("conflict", "ous.errors.nameTaken", { name: ["ous.errors.nameTaken"] });
const ouNotFound = () => notFound("ous.errors.notFound");

async function requireOu(db: DbOrTx, ctx: TenantContext, ouId: string): Promise<OuRecord> {
  const ou = await getOu(db, { tenantId: ctx.tenantId }, ouId);
  if (!ou) throw ouNotFound();
  return ou;
}

const auditView = (ou: Pick<OuRecord, "name" | "parentId" | "parentName">) => ({
  name: ou.name,
  parentId: ou.parentId,
  parentName: ou.parentName,
});

export async function createOu(input: { name: string; parentId: string | null }, ctx: TenantContext): Promise<{ id: string }> {
  const scope = { tenantId: ctx.tenantId };
  try {
    return await ctx.db.transaction(async (tx) => {
      // Another tenant's OU as parent answers like a missing one (the composite reference would refuse it too).
      const parent = input.parentId ? await getOu(tx, scope, input.parentId) : null;
      if (input.parentId && !parent) throw notFound("ous.errors.parentNotFound");
      const { id } = await insertOu(tx, scope, input);
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "ou.create",
        targetType: "ou",
        targetId: id,
        after: auditView({ name: input.name, parentId: input.parentId, parentName: parent?.name ?? null }),
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error, SIBLING_NAME_KEY)) throw nameTaken();
    // The parent was deleted between our check and the insert.
    if (isForeignKeyViolation(error, PARENT_FK)) throw notFound("ous.errors.parentNotFound");
    throw error;
  }
}

export async function renameOu(input: { ouId: string; name: string }, ctx: TenantContext): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await requireOu(tx, ctx, input.ouId);
      if (before.name === input.name) return;
      if (!(await renameOuRow(tx, { tenantId: ctx.tenantId }, input.ouId, input.name))) throw ouNotFound();
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "ou.rename",
        targetType: "ou",
        targetId: input.ouId,
        before: auditView(before),
        after: auditView({ ...before, name: input.name }),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, SIBLING_NAME_KEY)) throw nameTaken();
    throw error;
  }
}

const parentError = (code: string) => new AppError("validation", code, { parentId: [code] });

/** Moves an OU under another parent (with its whole subtree), or to the top level (`parentId` null). */
export async function moveOu(input: { ouId: string; parentId: string | null }, ctx: TenantContext): Promise<void> {
  const scope = { tenantId: ctx.tenantId };
  try {
    await ctx.db.transaction(async (tx) => {
      await lockOuTree(tx, scope);
      const before = await requireOu(tx, ctx, input.ouId);
      if (before.parentId === input.parentId) return;
      let parentName: string | null = null;
      if (input.parentId) {
        const target = await inspectNewParent(tx, scope, input.ouId, input.parentId);
        if (!target.exists) throw parentError("ous.errors.parentNotFound");
        if (target.wouldCycle) throw parentError("ous.errors.cycle");
        parentName = target.name;
      }
      if (!(await setOuParent(tx, scope, input.ouId, input.parentId))) throw ouNotFound();
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "ou.move",
        targetType: "ou",
        targetId: input.ouId,
        before: auditView(before),
        after: auditView({ name: before.name, parentId: input.parentId, parentName }),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, SIBLING_NAME_KEY)) {
      throw new AppError("conflict", "ous.errors.nameTakenAtTarget", { parentId: ["ous.errors.nameTakenAtTarget"] });
    }
    if (isForeignKeyViolation(error, PARENT_FK)) throw parentError("ous.errors.parentNotFound");
    throw error;
  }
}

/** Refused while the OU has sub-OUs or anything (a channel) still references it. */
export async function deleteOu(input: { ouId: string }, ctx: TenantContext): Promise<void> {
  const scope = { tenantId: ctx.tenantId };
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await requireOu(tx, ctx, input.ouId);
      if ((await countChildOus(tx, scope, input.ouId)) > 0) throw new AppError("conflict", "ous.errors.hasChildren");
      if (!(await deleteOuRow(tx, scope, input.ouId))) throw ouNotFound();
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "ou.delete",
        targetType: "ou",
        targetId: input.ouId,
        before: auditView(before),
      });
    });
  } catch (error) {
    // A sub-OU created meanwhile trips the tree's own reference; any other reference is a user of the OU.
    if (isForeignKeyViolation(error, PARENT_FK)) throw new AppError("conflict", "ous.errors.hasChildren");
    if (isForeignKeyViolation(error)) throw new AppError("conflict", "ous.errors.inUse");
    throw error;
  }
}

export interface MoveTargets {
  parentId: string | null;
  targets: OuOption[];
  /** More OUs exist than the select offers. */
  truncated: boolean;
}

/** The valid new parents of an OU: every OU of the tenant except itself and its descendants. */
export async function listMoveTargets(input: { ouId: string }, ctx: TenantContext): Promise<MoveTargets> {
  const ou = await requireOu(ctx.db, ctx, input.ouId);
  const targets = await listOuMoveTargets(ctx.db, { tenantId: ctx.tenantId }, input.ouId, MOVE_TARGET_LIMIT + 1);
  return { parentId: ou.parentId, targets: targets.slice(0, MOVE_TARGET_LIMIT), truncated: targets.length > MOVE_TARGET_LIMIT };
}
