import type { CurrentUser } from "@/lib/auth/current-user";
import { exportActions, exportRouteHandlers } from "@/lib/exports/handlers";
import { createActionClient } from "@/lib/guard/actions";
import { createRouteClient } from "@/lib/guard/routes";
import type { Db } from "../client";

/** The export actions and route handlers, bound to `user` (null: nobody signed in). */
export function exportClientsFor(db: Db, user: CurrentUser | null) {
  const deps = { getUser: async () => user, getDb: () => db };
  return { actions: exportActions(createActionClient(deps)), routes: exportRouteHandlers(createRouteClient(deps)) };
}

export const exportRequest = (path: string, init: RequestInit = {}) => new Request(`http://console.test${path}`, init);

export const postExport = (body: unknown) =>
  exportRequest("/api/exports", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
