// POST /api/exports - queue a channel export (202 with the task); GET /api/exports - the tenant's export tasks
import { route } from "@/lib/guard";
import { exportRouteHandlers } from "@/lib/exports/routes";

export const dynamic = "force-dynamic";

const handlers = exportRouteHandlers(route);
export const POST = handlers.create;
export const GET = handlers.list;
