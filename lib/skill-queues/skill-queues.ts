import { recordAudit } from "@/db/queries/audit-log";
import {
  deleteSkillQueue as deleteSkillQueueRow,
  getSkillQueue,
  insertSkillQueue,
  updateSkillQueue as updateSkillQueueRow,
  type SkillQueueRecord,
  type SkillQueueValues,
} from "@/db/queries/skill-queues";
import type { DbOrTx } from "@/db/client";
import { AppError, isForeignKeyViolation, isUniqueViolation, notFound } from "@/lib/errors";
import type { TenantContext } from "@/lib/guard/guard";

const NAME_KEY = "skill_queues_name_key";

const nameTaken = () => new AppError("conflict", "skillQueues.errors.nameTaken", { name: ["skillQueues.errors.nameTaken"] });
const queueNotFound = () => notFound("skillQueues.errors.notFound");

async function requireSkillQueue(db: DbOrTx, ctx: TenantContext, skillQueueId: string): Promise<SkillQueueRecord> {
  const queue = await getSkillQueue(db, { tenantId: ctx.tenantId }, skillQueueId);
  if (!queue) throw queueNotFound();
  return queue;
}

const auditView = (queue: SkillQueueValues) => ({ name: queue.name, description: queue.description });

export async function createSkillQueue(input: SkillQueueValues, ctx: TenantContext): Promise<{ id: string }> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const { id } = await insertSkillQueue(tx, { tenantId: ctx.tenantId }, input);
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "skillQueue.create",
        targetType: "skillQueue",
        targetId: id,
        after: auditView(input),
      });
      return { id };
    });
  } catch (error) {
    if (isUniqueViolation(error, NAME_KEY)) throw nameTaken();
    throw error;
  }
}

export async function updateSkillQueue(input: SkillQueueValues & { skillQueueId: string }, ctx: TenantContext): Promise<void> {
  const values = { name: input.name, description: input.description };
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await requireSkillQueue(tx, ctx, input.skillQueueId);
      if (before.name === values.name && before.description === values.description) return;
      if (!(await updateSkillQueueRow(tx, { tenantId: ctx.tenantId }, input.skillQueueId, values))) throw queueNotFound();
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "skillQueue.update",
        targetType: "skillQueue",
        targetId: input.skillQueueId,
        before: auditView(before),
        after: auditView(values),
      });
    });
  } catch (error) {
    if (isUniqueViolation(error, NAME_KEY)) throw nameTaken();
    throw error;
  }
}

/** Refused while anything (a channel's queue or transfer target) still references the queue. */
export async function deleteSkillQueue(input: { skillQueueId: string }, ctx: TenantContext): Promise<void> {
  try {
    await ctx.db.transaction(async (tx) => {
      const before = await requireSkillQueue(tx, ctx, input.skillQueueId);
      if (!(await deleteSkillQueueRow(tx, { tenantId: ctx.tenantId }, input.skillQueueId))) throw queueNotFound();
      await recordAudit(tx, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "skillQueue.delete",
        targetType: "skillQueue",
        targetId: input.skillQueueId,
        before: auditView(before),
      });
    });
  } catch (error) {
    if (isForeignKeyViolation(error)) throw new AppError("conflict", "skillQueues.errors.inUse");
    throw error;
  }
}
