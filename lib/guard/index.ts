import "server-only";
import { getDb } from "@/db";
import { getCurrentUser } from "@/lib/auth/current-user";
import { createActionClient } from "./actions";
import { createRouteClient } from "./routes";

const deps = { getUser: getCurrentUser, getDb };

/** Server actions: `action.tenant(schema, roles, fn)`, `action.system(schema, fn)`, … */
export const action = createActionClient(deps);
/** Route handlers: `route.tenant({ roles, params, input, schema }, fn)`, `route.user(…)`, `route.public(fn)`. */
export const route = createRouteClient(deps);
export type { ActionResult } from "./actions";
