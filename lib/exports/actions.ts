import { TENANT_ROLES } from "@/lib/auth/roles";
import type { createActionClient } from "@/lib/guard/actions";
import { createExportSchema } from "@/lib/validations/exports";
import { createExportTask } from "./create-export";
import type { ExportLimits } from "./limits";

/**
 * The export page's server action: the same task the API's POST creates (routes.ts), for tenant
 * administrators and support staff. The app binds it to the signed-in session; tests to users (and
 * limits) of their own.
 */
export function exportActions(client: ReturnType<typeof createActionClient>, limits?: ExportLimits) {
  return {
    startExport: client.tenant(createExportSchema, TENANT_ROLES, async (input, ctx) => {
      const task = await createExportTask(ctx.db, ctx.user, input, limits);
      return { taskId: task.id, totalRows: task.totalRows };
    }),
  };
}
