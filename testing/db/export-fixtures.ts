import { sql } from "drizzle-orm";
import type { CurrentUser } from "@/lib/auth/current-user";
import { exportActions } from "@/lib/exports/actions";
import { exportRouteHandlers } from "@/lib/exports/routes";
import type { ExportLimits } from "@/lib/exports/limits";
import { createActionClient } from "@/lib/guard/actions";
import { createRouteClient } from "@/lib/guard/routes";
import type { Db } from "@/db/client";
import { exportTasks } from "@/db/schema";

/** The export actions and route handlers, bound to `user` (null: nobody signed in), under `limits` (default: the environment's). */
export function exportClientsFor(db: Db, user: CurrentUser | null, limits?: ExportLimits) {
  const deps = { getUser: async () => user, getDb: () => db };
  return { actions: exportActions(createActionClient(deps), limits), routes: exportRouteHandlers(createRouteClient(deps), limits) };
}

export const exportRequest = (path: string, init: RequestInit = {}) => new Request(`http://console.test${path}`, init);

/** The route context Next passes /api/exports/{taskId}[/download]. */
export const exportTaskContext = (taskId: string) => ({ params: Promise.resolve({ taskId }) });

export const postExport = (body: unknown) =>
  exportRequest("/api/exports", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

/** The columns every export task row needs, for tests that write a task in a given state directly. */
export const exportTaskBase = (tenantId: string) =>
  ({
    tenantId,
    createdByEmail: "support@example.com",
    format: "xlsx",
    locale: "en",
    selection: { kind: "filtered", filters: { q: "" } },
  }) as const;

/**
 * A finished export of `bytes` that expires `expiresInMs` from now: what the storage limit counts
 * is the task's size, so the file's chunks are left out (nobody downloads it).
 */
export async function insertStoredExport(db: Db, tenantId: string, bytes: number, expiresInMs = 3 * 86_400_000): Promise<string> {
  const [row] = await db
    .insert(exportTasks)
    .values({
      ...exportTaskBase(tenantId),
      status: "success",
      totalRows: 1,
      processedRows: 1,
      fileName: "channels-2026-01-01.xlsx",
      contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
      fileCount: 1,
      byteSize: bytes,
      createdAt: sql`now() - interval '7 days' + make_interval(secs => ${expiresInMs / 1000})`,
      finishedAt: sql`now() - interval '7 days' + make_interval(secs => ${expiresInMs / 1000})`,
      expiresAt: sql`now() + make_interval(secs => ${expiresInMs / 1000})`,
    })
    .returning({ id: exportTasks.id });
  return row!.id;
}
