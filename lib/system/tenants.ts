import { recordAudit } from "@/db/queries/audit-log";
import { createTenant as insertTenant } from "@/db/queries/tenants";
import { conflict, isUniqueViolation } from "@/lib/errors";
import type { SystemContext } from "@/lib/guard/guard";

export async function createTenant(input: { name: string }, ctx: SystemContext): Promise<{ id: string }> {
  try {
    return await ctx.db.transaction(async (tx) => {
      const tenant = await insertTenant(tx, input);
      await recordAudit(tx, {
        tenantId: tenant.id,
        actorUserId: ctx.user.id,
        action: "tenant.create",
        targetType: "tenant",
        targetId: tenant.id,
        after: { name: tenant.name },
      });
      return { id: tenant.id };
    });
  } catch (error) {
    if (isUniqueViolation(error, "tenants_name_lower_key")) throw conflict("tenantNameTaken", "name");
    throw error;
  }
}
