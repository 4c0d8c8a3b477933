import { z } from "zod";
import { recordAudit } from "@/db/queries/audit-log";
import { findExportTask, listExportTasks, readExportFile } from "@/db/queries/export-tasks";
import { TENANT_ROLES } from "@/lib/auth/roles";
import { AppError, notFound } from "@/lib/errors";
import { jsonBody } from "@/lib/guard/json-body";
import { queryOf, type createRouteClient } from "@/lib/guard/routes";
import { pageParamSchema } from "@/lib/pagination";
import { createExportSchema } from "@/lib/validations/exports";
import { exportIdParams } from "@/lib/validations/ids";
import { createExportTask } from "./create-export";
import type { ExportLimits } from "./limits";
import { exportTaskView, isDownloadable } from "./task-view";
import { moduleLog } from "@/lib/log/logger";

/*
 * The export API's route handlers (app/api/exports/**): for tenant administrators and support staff,
 * within their own tenant: another tenant's task id answers 404 exactly like one that never existed.
 * The app binds these to the signed-in session; tests bind the same definitions to users of their own
 * (and, to reach the fair-use limits quickly, to limits of their own; otherwise the environment's apply).
 */

/** 100,000 selected ids as JSON are about 4 MB. */
const CREATE_BODY_CAP = 5 * 1024 * 1024;
const NO_STORE = { "Cache-Control": "no-store" };

export function exportRouteHandlers(route: ReturnType<typeof createRouteClient>, limits?: ExportLimits) {
  return {
    // POST /api/exports - queue an export; 202 with the task
    create: route.tenant(
      { roles: TENANT_ROLES, input: jsonBody(CREATE_BODY_CAP), schema: createExportSchema },
      async (input, ctx) => {
        const task = await createExportTask(ctx.db, ctx.user, input, limits);
        return Response.json(exportTaskView(task), {
          status: 202,
          headers: { ...NO_STORE, Location: `/api/exports/${task.id}` },
        });
      },
    ),

    // GET /api/exports?page= - the tenant's tasks, newest first
    list: route.tenant(
      { roles: TENANT_ROLES, input: queryOf, schema: z.object({ page: pageParamSchema.default(1) }) },
      async ({ page }, ctx) => {
        const tasks = await listExportTasks(ctx.db, { tenantId: ctx.tenantId }, page);
        return Response.json({ ...tasks, items: tasks.items.map((task) => exportTaskView(task)) }, { headers: NO_STORE });
      },
    ),

    // GET /api/exports/{id} - one task's status and progress
    status: route.tenant({ roles: TENANT_ROLES, params: exportIdParams }, async (_input, ctx) => {
      const { taskId } = ctx.params;
      const task = taskId ? await findExportTask(ctx.db, { tenantId: ctx.tenantId }, taskId) : null;
      if (!task) throw notFound("exports.errors.notFound");
      return Response.json(exportTaskView(task), { headers: NO_STORE });
    }),

    // GET /api/exports/{id}/download - the finished file, streamed from the database; every download audited
    download: route.tenant({ roles: TENANT_ROLES, params: exportIdParams }, async (_input, ctx) => {
      const { taskId } = ctx.params;
      const scope = { tenantId: ctx.tenantId };
      const task = taskId ? await findExportTask(ctx.db, scope, taskId) : null;
      if (!task) throw notFound("exports.errors.notFound");
      if (task.status === "expired" || (task.status === "success" && !isDownloadable(task))) {
        throw new AppError("gone", "exports.errors.expired");
      }
      if (task.status !== "success" || !task.fileName || !task.contentType || task.byteSize === null) {
        throw new AppError("conflict", "exports.errors.notReady");
      }
      await recordAudit(ctx.db, {
        tenantId: ctx.tenantId,
        actorUserId: ctx.user.id,
        action: "export.download",
        targetType: "export",
        targetId: task.id,
        after: { fileName: task.fileName, bytes: task.byteSize },
      });
      return new Response(toStream(readExportFile(ctx.db, scope, task.id, task.byteSize)), {
        headers: {
          ...NO_STORE,
          "Content-Type": task.contentType,
          "Content-Length": String(task.byteSize),
          "Content-Disposition": contentDisposition(task.fileName),
          "X-Content-Type-Options": "nosniff",
        },
      });
    }),
  };
}

/** File names are ASCII by construction (channels-2026-11-22.zip); filename* covers any future one. */
export function contentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^A-Za-z0-9._-]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}

/** Pull-based, so a slow client slows the database reads instead of filling memory. */
function toStream(chunks: AsyncGenerator<Buffer>): ReadableStream<Uint8Array> {
  return new ReadableStream({
    async pull(controller) {
      try {
        const { done, value } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(new Uint8Array(value.buffer, value.byteOffset, value.byteLength));
      } catch (error) {
        moduleLog("exports").error({ err: error }, "download cut off");
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });
}
